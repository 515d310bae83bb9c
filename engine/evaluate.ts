import type { SyntaxNode } from './syntax';
import type { ConstValue, Semantic } from './semantic';

/**
 * What an expression evaluates to, as far as literals and simple constants tell. An unknown value's
 * `reason` is a noun phrase that messages put after "is": `an f-string`, `` `x`, which is not a literal constant ``.
 */
export type Value = { known: true; value: ConstValue } | { known: false; reason: string };

const unknown = (reason: string): Value => ({ known: false, reason });

export function evaluate(node: SyntaxNode | null, semantic: Semantic, depth = 0): Value {
  if (!node || depth > 20) return unknown('no value');
  switch (node.type) {
    case 'string': {
      const s = stringLiteral(node);
      return s === undefined ? unknown('an f-string') : { known: true, value: s };
    }
    case 'concatenated_string': {
      let out = '';
      for (const part of node.namedChildren) {
        const s = part ? stringLiteral(part) : undefined;
        if (s === undefined) return unknown('an f-string');
        out += s;
      }
      return { known: true, value: out };
    }
    case 'integer':
    case 'float': {
      const n = Number(node.text.replace(/_/g, '').replace(/[jJ]$/, ''));
      return Number.isNaN(n) ? unknown('a number') : { known: true, value: n };
    }
    case 'true':
      return { known: true, value: true };
    case 'false':
      return { known: true, value: false };
    case 'none':
      return { known: true, value: null };
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0], semantic, depth + 1);
    case 'unary_operator': {
      const inner = evaluate(node.childForFieldName('argument'), semantic, depth + 1);
      const op = node.childForFieldName('operator')?.text;
      if (inner.known && typeof inner.value === 'number') {
        if (op === '-') return { known: true, value: -inner.value };
        if (op === '+') return inner;
      }
      return unknown('an expression');
    }
    case 'binary_operator': {
      // `checkpoint_dir + "model.pth"`: strings joined, numbers added; anything else is unknown.
      if (node.childForFieldName('operator')?.text !== '+') return unknown('an expression');
      const left = evaluate(node.childForFieldName('left'), semantic, depth + 1);
      if (!left.known) return left;
      const right = evaluate(node.childForFieldName('right'), semantic, depth + 1);
      if (!right.known) return right;
      if (typeof left.value === 'string' && typeof right.value === 'string') return { known: true, value: left.value + right.value };
      if (typeof left.value === 'number' && typeof right.value === 'number') return { known: true, value: left.value + right.value };
      return unknown('an expression');
    }
    case 'not_operator': {
      const inner = evaluate(node.childForFieldName('argument'), semantic, depth + 1);
      return inner.known ? { known: true, value: !truthy(inner.value) } : inner;
    }
    case 'identifier': {
      const b = semantic.lookup(node.text);
      if (!b) return unknown(`\`${node.text}\`, which is not defined in this file`);
      if (b.kind === 'value') return { known: true, value: b.value };
      return unknown(`\`${node.text}\`, which is not a literal constant`);
    }
    default:
      return unknown('an expression');
  }
}

export function truthy(value: ConstValue): boolean {
  return value !== null && value !== false && value !== 0 && value !== '';
}

const PLAIN_OPENING = /^([rRbBuU]{0,2})('''|"""|'|")/;

/**
 * The body of a string literal with no escape and no interpolation, and the offset where it starts:
 * the source between the quotes, read from the node's text without asking tree-sitter for its
 * children (most strings are like that). Undefined for any other string.
 */
export function plainString(node: SyntaxNode): { body: string; start: number } | undefined {
  if (node.type !== 'string') return undefined;
  const source = node.text;
  const m = PLAIN_OPENING.exec(source);
  if (!m || source.includes('\\')) return undefined;
  const open = m[0].length;
  const close = m[2].length;
  if (source.length < open + close || !source.endsWith(m[2])) return undefined;
  return { body: source.slice(open, source.length - close), start: node.startIndex + open };
}

/** The value of a string literal without interpolation; undefined for f-strings. */
export function stringLiteral(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const plain = plainString(node);
  if (plain) return plain.body;
  const start = node.firstChild;
  const prefix = start?.type === 'string_start' ? start.text.replace(/['"]+$/, '').toLowerCase() : '';
  if (prefix.includes('f') || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  let out = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') out += prefix.includes('r') ? child.text : unescape(child.text);
    else if (child.type === 'escape_sequence') out += prefix.includes('r') ? child.text : unescape(child.text);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescape(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (whole, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

/** The arguments of a call, by position and keyword; `**{...}` dictionary literals are opened. */
export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, { arg: SyntaxNode; value: SyntaxNode }>;
  /** `*args` present: positions after it are unknown. */
  starArgs: boolean;
  /** `**kwargs` that could not be opened: any keyword may be hidden in them. */
  opaqueKwargs: SyntaxNode[];
  list: SyntaxNode | null;
}

export function callArgs(call: SyntaxNode): CallArgs {
  const list = call.childForFieldName('arguments');
  const out: CallArgs = { positional: [], keywords: new Map(), starArgs: false, opaqueKwargs: [], list };
  if (!list || list.type !== 'argument_list') return out;
  for (const arg of list.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) out.keywords.set(name, { arg, value });
    } else if (arg.type === 'list_splat') {
      out.starArgs = true;
    } else if (arg.type === 'dictionary_splat') {
      const dict = arg.namedChildren[0];
      if (dict?.type === 'dictionary' && dict.namedChildren.every((p) => p?.type === 'pair' && stringLiteral(p.childForFieldName('key')!) !== undefined)) {
        for (const pair of dict.namedChildren) {
          const key = stringLiteral(pair!.childForFieldName('key')!)!;
          out.keywords.set(key, { arg: pair!, value: pair!.childForFieldName('value')! });
        }
      } else {
        out.opaqueKwargs.push(arg);
      }
    } else if (!out.starArgs) {
      out.positional.push(arg);
    }
  }
  return out;
}

/** A keyword argument, or the positional argument at `index` when given that way. */
export function argument(args: CallArgs, name: string, index?: number): SyntaxNode | undefined {
  const kw = args.keywords.get(name);
  if (kw) return kw.value;
  if (index !== undefined && index < args.positional.length) return args.positional[index];
  return undefined;
}
