import type { Language } from 'web-tree-sitter';

/** The Emscripten module's views of WebAssembly memory (refreshed by Emscripten when memory grows). */
export interface WasmMemory {
  HEAPU8?: Uint8Array;
  HEAPU16?: Uint16Array;
  HEAPU32?: Uint32Array;
}

/** tree-sitter's symbol for ERROR nodes ((TSSymbol)-1), which the public symbol map leaves as it is. */
const ERROR_SYMBOL = 65535;

/**
 * The grammar tables a tree is decoded with, copied out of the language's static `TSLanguage`
 * struct in WebAssembly memory (tree-sitter's lib/src/parser.h, ABI 14 and 15, wasm32 layout):
 * the alias sequences, the field maps, the symbol metadata and the public symbol map.
 *
 * Every count read from memory is checked against web-tree-sitter's API, and the named and
 * visible flags of every symbol too; a mismatch means the layout is not the one this code reads,
 * and `LanguageTables.read` returns undefined so the engine keeps to the API.
 */
export class LanguageTables {
  private constructor(
    /** Node type names by public symbol id, as `Language.types`. */
    readonly types: readonly (string | null)[],
    /** Field names by field id (0 is no field), as `Language.fields`. */
    readonly fields: readonly (string | null)[],
    readonly fieldIds: ReadonlyMap<string, number>,
    /** Per symbol: 1 when named (before visibility; an alias's own flag decides for an aliased node). */
    readonly named: Uint8Array,
    /** Per internal symbol, the public one (symbols sharing a name and kind share one). */
    readonly publicMap: Uint16Array,
    /** Per production, `maxAliasLength` entries: the alias of each structural child, or 0. */
    readonly aliases: Uint16Array,
    readonly maxAliasLength: number,
    /** Per production: the field id of each structural child (0 for none), from non-inherited entries. */
    readonly fieldOfChild: readonly (Uint16Array | undefined)[],
  ) {}

  static read(language: Language, memory: WasmMemory): LanguageTables | undefined {
    const u8 = memory.HEAPU8;
    const u16 = memory.HEAPU16;
    const u32 = memory.HEAPU32;
    const at = (language as unknown as Record<number, number>)[0];
    if (!u8 || !u16 || !u32 || typeof at !== 'number' || at <= 0 || at % 4) return undefined;
    const w = (offset: number) => u32[(at + offset) >> 2];
    const abi = w(0);
    const symbolCount = w(4);
    const aliasCount = w(8);
    const productionCount = w(28);
    const fieldCount = w(32);
    const maxAliasLength = u16[(at + 36) >> 1];
    if (abi !== language.abiVersion || symbolCount + aliasCount !== language.nodeTypeCount || fieldCount !== language.fieldCount) return undefined;
    const total = symbolCount + aliasCount;
    const metadata = w(72);
    const named = new Uint8Array(total);
    for (let s = 0; s < total; s++) {
      const visible = u8[metadata + s * 3] !== 0;
      named[s] = u8[metadata + s * 3 + 1];
      // The API calls a symbol named only when it is visible too (`TSSymbolTypeRegular`).
      if (visible !== language.nodeTypeIsVisible(s) || (visible && named[s] !== 0) !== language.nodeTypeIsNamed(s)) return undefined;
    }
    const publicMap = u16.slice(w(76) >> 1, (w(76) >> 1) + total);
    const aliases = u16.slice(w(84) >> 1, (w(84) >> 1) + productionCount * maxAliasLength);
    const fieldOfChild: (Uint16Array | undefined)[] = [];
    if (fieldCount > 0) {
      const slices = w(64);
      const entries = w(68);
      for (let p = 0; p < productionCount; p++) {
        const index = u16[(slices + p * 4) >> 1];
        const length = u16[(slices + p * 4 + 2) >> 1];
        let map: Uint16Array | undefined;
        for (let e = index; e < index + length; e++) {
          const entry = entries + e * 4;
          const field = u16[entry >> 1];
          const child = u8[entry + 2];
          const inherited = u8[entry + 3] !== 0;
          if (field === 0 || field > fieldCount) return undefined;
          if (inherited) continue;
          if (!map || map.length <= child) {
            const grown = new Uint16Array(Math.max(child + 1, maxAliasLength));
            if (map) grown.set(map);
            map = grown;
          }
          // tree-sitter takes the first entry for a child index.
          if (!map[child]) map[child] = field;
        }
        fieldOfChild.push(map);
      }
    }
    const fields = language.fields;
    const fieldIds = new Map<string, number>();
    fields.forEach((name, id) => name && fieldIds.set(name, id));
    return new LanguageTables(language.types, fields, fieldIds, named, publicMap, aliases, maxAliasLength, fieldOfChild);
  }

  publicSymbol(symbol: number): number {
    return symbol === ERROR_SYMBOL ? symbol : this.publicMap[symbol];
  }

  typeName(publicSymbol: number): string {
    return this.types[publicSymbol] ?? 'ERROR';
  }
}
