/**
 * A pickle opcode walker for protocols 0 to 5. It runs the unpickler's stack machine on symbolic
 * values (strings, numbers, tuples, dicts, globals, "an object") without importing or calling
 * anything, so it knows which globals a stream imports, including STACK_GLOBAL's module and name
 * taken from the preceding string opcodes or the memo. It never throws: a stream it cannot read to
 * its STOP is returned with `error` and whatever it found before.
 *
 * joblib writes NumPy arrays inline, in the middle of the pickle: after the BUILD of a
 * `NumpyArrayWrapper` come the array's raw bytes (after one padding-length byte and the padding,
 * when the wrapper carries an alignment), or, for an object array, a nested pickle. The walker
 * sizes the array from the wrapper's state (shape and dtype) and steps over it, or walks the
 * nested pickle, as joblib's unpickler reads it.
 */

import type { ByteSource } from './types';

export interface PickleGlobal {
  module: string;
  name: string;
  /** Offset of the opcode that imports it. */
  offset: number;
  opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST';
}

export interface Unresolved {
  offset: number;
  opcode: string;
  why: string;
}

export interface PickleWalk {
  globals: PickleGlobal[];
  unresolved: Unresolved[];
  /** Where the walk stopped: just after STOP, or at the failing opcode. */
  end: number;
  protocol: number;
  /** The value STOP returned, when it was a small int (legacy PyTorch files start with a magic number). */
  result?: number | string;
  /** `limit`: the walk stopped at the size limit, not at a fault of the stream. */
  error?: { offset: number; message: string; limit?: boolean };
}

type V =
  | { t: 'str'; v: string }
  | { t: 'int'; v: number }
  | { t: 'none' | 'bool' | 'float' | 'bytes' | 'set' | 'any' }
  | { t: 'tuple' | 'list'; items: V[] }
  | { t: 'dict'; items: [V, V][] }
  | { t: 'global'; module: string; name: string }
  | { t: 'obj'; cls: V; args?: V; state?: V }
  /** A string longer than any module or name, stepped over unread. */
  | { t: 'long'; length: number };

const ANY: V = { t: 'any' };
/**
 * Items a list or dict keeps. The walk reads containers only for small things (a joblib wrapper's
 * state, a shape, a dtype's arguments); keeping every item of a list of millions made the walk
 * spend most of its time allocating and collecting them.
 */
const MAX_ITEMS = 1024;
const MAX_NESTING = 8;

class Stop extends Error {
  constructor(readonly at: number, message: string, readonly limit = false) {
    super(message);
  }
}

const latin1 = (b: Uint8Array) => {
  // No module or name is this long; a long string is only data.
  if (b.length > MAX_NAME) return '';
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
};
const utf8 = new TextDecoder('utf-8', { fatal: false });
/** UTF-8, with short ASCII strings (most names and keys) decoded without a TextDecoder call, which costs more than the string. */
const decodeUtf8 = (b: Uint8Array) => {
  if (b.length <= 64) {
    let s = '';
    for (let i = 0; i < b.length; i++) {
      if (b[i] >= 0x80) return utf8.decode(b);
      s += String.fromCharCode(b[i]);
    }
    return s;
  }
  return utf8.decode(b);
};

/** Python 2 module names that protocol 0-2 streams use, as Python 3's unpickler maps them. */
const PY2_MODULES: Record<string, string> = {
  __builtin__: 'builtins', copy_reg: 'copyreg', cPickle: 'pickle', exceptions: 'builtins', commands: 'subprocess',
  urllib2: 'urllib.request', httplib: 'http.client', _winreg: 'winreg', thread: '_thread', SocketServer: 'socketserver',
};

/** Python 2 names that Python 3's unpickler maps to another module and name. */
const PY2_NAMES: Record<string, string> = {
  '__builtin__.xrange': 'builtins.range', '__builtin__.unicode': 'builtins.str', '__builtin__.long': 'builtins.int',
  '__builtin__.basestring': 'builtins.str', '__builtin__.unichr': 'builtins.chr', '__builtin__.raw_input': 'builtins.input',
  '__builtin__.reduce': 'functools.reduce', '__builtin__.intern': 'sys.intern', '__builtin__.execfile': 'builtins.exec',
  'UserDict.UserDict': 'collections.UserDict', 'UserList.UserList': 'collections.UserList', 'itertools.izip': 'builtins.zip',
};

/** The global Python 3 imports for `module.name` as a protocol 0-2 stream writes it. */
export function py3Global(module: string, name: string): [string, string] {
  const mapped = PY2_NAMES[`${module}.${name}`];
  if (mapped) {
    const dot = mapped.lastIndexOf('.');
    return [mapped.slice(0, dot), mapped.slice(dot + 1)];
  }
  return [PY2_MODULES[module] ?? module, name];
}

/**
 * The walk reads the stream through a window of bytes it asks to be filled as it goes (`Fill`), so a
 * stream on disk is read by range: payloads of bytes, long strings and joblib's inline arrays are
 * stepped over without being read, and only the opcodes, the short strings a global can be made of
 * and the array wrappers' state are read. A string longer than `MAX_NAME` bytes is never a module
 * or a name (STACK_GLOBAL on it is reported as unreadable, never as safe).
 */
interface Fill {
  offset: number;
  length: number;
  /** True when the walk stepped over a payload since the last fill: reads start small again. */
  jumped: boolean;
}

interface Window {
  bytes: Uint8Array;
  /** Offset in the stream of `bytes[0]`. */
  base: number;
  /** Size of the whole stream. */
  size: number;
}

interface Walker {
  window: Window;
  /** Most bytes walked (read as opcodes and their arguments, not stepped over) before the walk stops. */
  limit: number;
  origin: number;
  skipped: number;
}

/** The longest string read as a possible module or name; longer ones are payload. */
const MAX_NAME = 4096;
/** Bytes every opcode finds in the window from its first byte (or the stream's end): an opcode and any fixed-size argument. */
const SLACK = 32;

export interface WalkOptions {
  /** Most bytes walked, payloads stepped over not counted; past it the walk stops with `error.limit`. */
  limit?: number;
  /** Largest read of a walk over a source, in bytes (default 64 KiB; the first reads, and those after a payload stepped over, are 4 KiB). */
  window?: number;
}

/** Walks a stream held in memory. */
export function walkPickle(bytes: Uint8Array, start = 0, options: WalkOptions = {}): PickleWalk {
  const w: Walker = { window: { bytes, base: 0, size: bytes.length }, limit: options.limit ?? Infinity, origin: start, skipped: 0 };
  const run = walk(w, start, 0);
  const step = run.next();
  // The whole stream is in the window, so the walk never asks for more.
  if (!step.done) throw new Error('a walk over bytes in memory asked for more bytes');
  return step.value;
}

/** Walks a stream read from a source by range, from `start` to its STOP. */
export async function walkPickleSource(src: ByteSource, start = 0, options: WalkOptions = {}): Promise<PickleWalk> {
  const w: Walker = { window: { bytes: new Uint8Array(0), base: start, size: src.size }, limit: options.limit ?? Infinity, origin: start, skipped: 0 };
  const run = walk(w, start, 0);
  const max = Math.max(1, options.window ?? MAX_CHUNK);
  const min = Math.min(MIN_CHUNK, max);
  let chunk = min;
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return step.value;
    const { offset, length, jumped } = step.value;
    if (jumped) chunk = min;
    const n = Math.min(w.window.size - offset, Math.max(length, chunk));
    const got = await src.read(offset, n);
    // A source shorter than its size ends the stream where its bytes end, so the walk cannot ask again for what is not there.
    w.window = { bytes: got, base: offset, size: got.length < n ? offset + got.length : w.window.size };
    chunk = Math.min(max, chunk * 2);
  }
}

const MIN_CHUNK = 4 << 10;
const MAX_CHUNK = 64 << 10;

function* walk(w: Walker, start: number, nesting: number): Generator<Fill, PickleWalk, void> {
  const out: PickleWalk = { globals: [], unresolved: [], end: start, protocol: 0 };
  let size = w.window.size;
  let bytes = w.window.bytes;
  let base = w.window.base;
  let end = base + bytes.length;
  let pos = start;
  let jumped = false;
  let stack: V[] = [];
  const marks: V[][] = [];
  // An array, not a Map: the keys are mostly 0, 1, 2... and a Map of millions of them cost most of a walk.
  const memo: V[] = [];
  let memoSize = 0;
  const memoSet = (key: number, v: V) => {
    if (memo[key] === undefined) memoSize++;
    memo[key] = v;
  };
  let at = start;

  const reload = () => {
    bytes = w.window.bytes;
    base = w.window.base;
    end = base + bytes.length;
    size = w.window.size;
    jumped = false;
  };
  /** Asks for [pos, pos + n) in the window; the caller yields it when it is not there. */
  const fill = (n: number): Fill | undefined => {
    if (pos + n <= end) return undefined;
    if (pos + n > size) throw new Stop(at, 'the stream ends in the middle of an opcode (truncated)');
    return { offset: pos, length: n, jumped };
  };
  // Fixed-size reads: the window holds SLACK bytes from the opcode's start, or the stream's end.
  const need = (n: number) => {
    if (n < 0 || pos + n > end) throw new Stop(at, 'the stream ends in the middle of an opcode (truncated)');
  };
  const u8 = () => (need(1), bytes[pos++ - base]);
  const le = (n: number) => {
    need(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + bytes[pos - base + i];
    pos += n;
    return v;
  };
  const i32 = () => {
    const v = le(4);
    return v >= 2 ** 31 ? v - 2 ** 32 : v;
  };
  const takeSmall = (n: number) => {
    need(n);
    const b = bytes.subarray(pos - base, pos - base + n);
    pos += n;
    return b;
  };
  /** Steps over `n` bytes of payload without reading them. */
  const skip = (n: number) => {
    if (n < 0 || pos + n > size) throw new Stop(at, 'the stream ends in the middle of an opcode (truncated)');
    pos += n;
    w.skipped += n;
    jumped = true;
  };
  /** A string argument of `n` bytes: read when it could be a name, stepped over when it is longer. */
  function* text(n: number, decode: (b: Uint8Array) => string): Generator<Fill, V, void> {
    if (n < 0) throw new Stop(at, 'a string with a negative length');
    if (n > MAX_NAME) {
      skip(n);
      return { t: 'long', length: n };
    }
    const f = fill(n);
    if (f) {
      yield f;
      reload();
    }
    return { t: 'str', v: decode(takeSmall(n)) };
  }
  // The common case without a generator: the argument is in the window already.
  const textNow = (n: number, decode: (b: Uint8Array) => string): V | undefined => (n >= 0 && n <= MAX_NAME && pos + n <= end ? { t: 'str', v: decode(takeSmall(n)) } : undefined);
  const lineNow = (): string | undefined => {
    const nl = bytes.indexOf(10, pos - base);
    if (nl < 0 || nl + base - pos > MAX_NAME) return undefined;
    const s = latin1(bytes.subarray(pos - base, nl));
    pos = nl + base + 1;
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  };
  /** A text argument up to its newline; only a line of at most MAX_NAME bytes is kept. */
  function* line(): Generator<Fill, string, void> {
    const from = pos;
    let scan = pos;
    for (;;) {
      const nl = bytes.indexOf(10, scan - base);
      if (nl >= 0) {
        const stop = nl + base;
        pos = stop + 1;
        if (stop - from > MAX_NAME) return '';
        const s = latin1(bytes.subarray(from - base, stop - base));
        return s.endsWith('\r') ? s.slice(0, -1) : s;
      }
      if (end >= size) throw new Stop(at, 'the stream ends in the middle of a text opcode (truncated)');
      scan = end;
      // A text line is walked, not stepped over: a line of gigabytes stops at the limit.
      if (scan - w.origin - w.skipped > w.limit) throw new Stop(at, 'the walk reached the size limit', true);
      // While the line could still be a name, the window holds it from its start; past that, it is read on only to find its end.
      const keep = end - from <= MAX_NAME;
      yield keep ? { offset: from, length: Math.min(size - from, MAX_NAME + 2), jumped } : { offset: scan, length: Math.min(size - scan, MAX_CHUNK), jumped };
      reload();
    }
  }
  const pop = (): V => {
    if (!stack.length) throw new Stop(at, 'the opcode pops from an empty stack');
    return stack.pop()!;
  };
  const top = (): V => {
    if (!stack.length) throw new Stop(at, 'the opcode reads an empty stack');
    return stack[stack.length - 1];
  };
  const popMark = (): V[] => {
    const items = stack;
    const prev = marks.pop();
    if (!prev) throw new Stop(at, 'the opcode needs a MARK that is not there');
    stack = prev;
    return items;
  };
  const push = (v: V) => stack.push(v);
  const addGlobal = (module: string, name: string, opcode: PickleGlobal['opcode']) => {
    out.globals.push({ module, name, offset: at, opcode });
    push({ t: 'global', module, name });
  };
  const int = (s: string) => {
    const n = Number(s.replace(/L$/, ''));
    return Number.isFinite(n) ? n : 0;
  };
  const get = (key: number) => {
    const v = memo[key];
    if (!v) throw new Stop(at, `the memo has no entry ${key}`);
    push(v);
  };

  try {
    for (;;) {
      at = pos;
      if (pos - w.origin - w.skipped > w.limit) throw new Stop(at, 'the walk reached the size limit', true);
      if (end - pos < SLACK && end < size) {
        yield { offset: pos, length: Math.min(SLACK, size - pos), jumped };
        reload();
      }
      const op = u8();
      switch (op) {
        case 0x80: {
          const p = u8();
          if (p > 5) throw new Stop(at, `pickle protocol ${p} is not one this scanner reads (0 to 5)`);
          out.protocol = p;
          break;
        }
        case 0x95: le(8); break; // FRAME: the framed opcodes follow inline
        case 0x2e: { // STOP
          const v = pop();
          if (v.t === 'int' || v.t === 'str') out.result = v.v;
          out.end = pos;
          return out;
        }
        case 0x28: marks.push(stack); stack = []; break; // MARK
        case 0x30: pop(); break; // POP
        case 0x31: popMark(); break; // POP_MARK
        case 0x32: push(top()); break; // DUP
        case 0x46: (lineNow() ?? (yield* line())); push({ t: 'float' }); break; // FLOAT
        case 0x47: takeSmall(8); push({ t: 'float' }); break; // BINFLOAT
        case 0x49: { // INT
          const s = (lineNow() ?? (yield* line()));
          push(s === '00' || s === '01' ? { t: 'bool' } : { t: 'int', v: int(s) });
          break;
        }
        case 0x4a: push({ t: 'int', v: i32() }); break; // BININT
        case 0x4b: push({ t: 'int', v: u8() }); break; // BININT1
        case 0x4d: push({ t: 'int', v: le(2) }); break; // BININT2
        case 0x4c: push({ t: 'int', v: int((lineNow() ?? (yield* line()))) }); break; // LONG
        case 0x8a: { // LONG1
          const n = u8();
          if (n <= 6) push({ t: 'int', v: signed(takeSmall(n)) });
          else {
            skip(n);
            push({ t: 'int', v: 0 });
          }
          break;
        }
        case 0x8b: { const n = i32(); if (n < 0) throw new Stop(at, 'LONG4 with a negative length'); skip(n); push({ t: 'int', v: 0 }); break; }
        case 0x4e: push({ t: 'none' }); break; // NONE
        case 0x88: case 0x89: push({ t: 'bool' }); break; // NEWTRUE, NEWFALSE
        case 0x53: push({ t: 'str', v: unquote((lineNow() ?? (yield* line()))) }); break; // STRING
        case 0x54: { const n = i32(); if (n < 0) throw new Stop(at, 'BINSTRING with a negative length'); push((textNow(n, latin1) ?? (yield* text(n, latin1)))); break; }
        case 0x55: { const n = u8(); push(textNow(n, latin1) ?? (yield* text(n, latin1))); break; } // SHORT_BINSTRING
        case 0x56: push({ t: 'str', v: rawUnicode((lineNow() ?? (yield* line()))) }); break; // UNICODE
        case 0x58: { const n = le(4); push(textNow(n, decodeUtf8) ?? (yield* text(n, decodeUtf8))); break; } // BINUNICODE
        case 0x8c: { const n = u8(); push(textNow(n, decodeUtf8) ?? (yield* text(n, decodeUtf8))); break; } // SHORT_BINUNICODE
        case 0x8d: { const n = le(8); push(textNow(n, decodeUtf8) ?? (yield* text(n, decodeUtf8))); break; } // BINUNICODE8
        case 0x42: skip(le(4)); push({ t: 'bytes' }); break; // BINBYTES
        case 0x43: skip(u8()); push({ t: 'bytes' }); break; // SHORT_BINBYTES
        case 0x8e: case 0x96: skip(le(8)); push({ t: 'bytes' }); break; // BINBYTES8, BYTEARRAY8
        case 0x97: push(ANY); break; // NEXT_BUFFER
        case 0x98: break; // READONLY_BUFFER
        case 0x29: push({ t: 'tuple', items: [] }); break; // EMPTY_TUPLE
        case 0x74: push({ t: 'tuple', items: popMark() }); break; // TUPLE
        case 0x85: { const a = pop(); push({ t: 'tuple', items: [a] }); break; }
        case 0x86: { const b = pop(); const a = pop(); push({ t: 'tuple', items: [a, b] }); break; }
        case 0x87: { const c = pop(); const b = pop(); const a = pop(); push({ t: 'tuple', items: [a, b, c] }); break; }
        case 0x5d: push({ t: 'list', items: [] }); break; // EMPTY_LIST
        case 0x6c: push({ t: 'list', items: popMark() }); break; // LIST
        case 0x61: { const v = pop(); const l = top(); if (l.t === 'list' && l.items.length < MAX_ITEMS) l.items.push(v); break; } // APPEND
        case 0x65: { const items = popMark(); const l = top(); if (l.t === 'list' && l.items.length < MAX_ITEMS) l.items.push(...items.slice(0, MAX_ITEMS - l.items.length)); break; } // APPENDS
        case 0x7d: push({ t: 'dict', items: [] }); break; // EMPTY_DICT
        case 0x64: push({ t: 'dict', items: pairs(popMark()) }); break; // DICT
        case 0x73: { const v = pop(); const k = pop(); const d = top(); if (d.t === 'dict' && d.items.length < MAX_ITEMS) d.items.push([k, v]); break; } // SETITEM
        case 0x75: { const items = popMark(); const d = top(); if (d.t === 'dict' && d.items.length < MAX_ITEMS) d.items.push(...pairs(items).slice(0, MAX_ITEMS - d.items.length)); break; } // SETITEMS
        case 0x8f: push({ t: 'set' }); break; // EMPTY_SET
        case 0x90: popMark(); top(); break; // ADDITEMS
        case 0x91: popMark(); push({ t: 'set' }); break; // FROZENSET
        case 0x67: get(int((lineNow() ?? (yield* line())))); break; // GET
        case 0x68: get(u8()); break; // BINGET
        case 0x6a: get(le(4)); break; // LONG_BINGET
        case 0x70: memoSet(int((lineNow() ?? (yield* line()))), top()); break; // PUT
        case 0x71: memoSet(u8(), top()); break; // BINPUT
        case 0x72: memoSet(le(4), top()); break; // LONG_BINPUT
        case 0x94: memoSet(memoSize, top()); break; // MEMOIZE
        case 0x63: { const module = (lineNow() ?? (yield* line())); addGlobal(module, (lineNow() ?? (yield* line())), 'GLOBAL'); break; } // GLOBAL
        case 0x93: { // STACK_GLOBAL
          const name = pop();
          const module = pop();
          if (module.t === 'str' && name.t === 'str') addGlobal(module.v, name.v, 'STACK_GLOBAL');
          else {
            const long = module.t === 'long' ? module : name.t === 'long' ? name : undefined;
            const why = long ? `its ${long === module ? 'module' : 'name'} is a string of ${long.length} bytes, longer than the scanner reads as a name` : 'its module and name are not strings the scanner can read';
            out.unresolved.push({ offset: at, opcode: 'STACK_GLOBAL', why });
            push(ANY);
          }
          break;
        }
        case 0x69: { // INST: import module.name and call it with the marked arguments
          const module = (lineNow() ?? (yield* line()));
          const name = (lineNow() ?? (yield* line()));
          const args = popMark();
          out.globals.push({ module, name, offset: at, opcode: 'INST' });
          push({ t: 'obj', cls: { t: 'global', module, name }, args: { t: 'tuple', items: args } });
          break;
        }
        case 0x6f: { const items = popMark(); push({ t: 'obj', cls: items[0] ?? ANY, args: { t: 'tuple', items: items.slice(1) } }); break; } // OBJ
        case 0x81: { const args = pop(); const cls = pop(); push({ t: 'obj', cls, args }); break; } // NEWOBJ
        case 0x92: { pop(); const args = pop(); const cls = pop(); push({ t: 'obj', cls, args }); break; } // NEWOBJ_EX
        case 0x52: { const args = pop(); const fn = pop(); push({ t: 'obj', cls: fn, args }); break; } // REDUCE
        case 0x62: { // BUILD
          const state = pop();
          const inst = top();
          if (inst.t === 'obj') inst.state = state;
          if (isArrayWrapper(inst)) {
            const object = arrayData(state);
            if (object === 'object') {
              if (nesting >= MAX_NESTING) throw new Stop(at, 'joblib object arrays nested too deep');
              w.window = { bytes, base, size };
              const inner = yield* walk(w, pos, nesting + 1);
              reload();
              out.globals.push(...inner.globals);
              out.unresolved.push(...inner.unresolved);
              if (inner.error) throw new Stop(inner.error.offset, inner.error.message, inner.error.limit);
              pos = inner.end;
            } else {
              // The array's bytes follow, after one padding-length byte and the padding when the wrapper has an alignment.
              const padding = object.aligned ? u8() : 0;
              if (pos + padding + object.length > size) throw new Stop(at, `a joblib array at byte ${at} runs past the end of the stream (truncated)`);
              skip(padding + object.length);
            }
          }
          break;
        }
        case 0x50: (lineNow() ?? (yield* line())); push(ANY); break; // PERSID
        case 0x51: pop(); push(ANY); break; // BINPERSID
        case 0x82: case 0x83: case 0x84: { // EXT1, EXT2, EXT4
          const code = op === 0x82 ? u8() : op === 0x83 ? le(2) : le(4);
          out.unresolved.push({ offset: at, opcode: `EXT${op === 0x82 ? 1 : op === 0x83 ? 2 : 4}`, why: `it names a global by extension code ${code} of the loading process's copyreg registry` });
          push(ANY);
          break;
        }
        default:
          throw new Stop(at, `byte 0x${op.toString(16).padStart(2, '0')} is not a pickle opcode`);
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    out.error = { offset: e.at, message: e.message, ...(e.limit ? { limit: true } : {}) };
    out.end = e.at;
    return out;
  }

  /** What follows a joblib array wrapper's BUILD: a nested pickle (object arrays) or `length` raw bytes. */
  function arrayData(state: V): 'object' | { length: number; aligned: boolean } {
    const field = (k: string) => (state.t === 'dict' ? state.items.find(([key]) => key.t === 'str' && key.v === k)?.[1] : undefined);
    const dtype = dtypeOf(field('dtype'));
    const shape = field('shape');
    if (!dtype || !shape || shape.t !== 'tuple' || !shape.items.every((d) => d.t === 'int' && d.v >= 0)) {
      throw new Stop(at, `a joblib array at byte ${at} whose shape or dtype cannot be read, so the data after it cannot be found`);
    }
    if (dtype.object) return 'object';
    const align = field('numpy_array_alignment_bytes');
    const count = (shape.items as { v: number }[]).reduce((n, d) => n * d.v, 1);
    const length = count * dtype.itemsize;
    if (!Number.isSafeInteger(length)) throw new Stop(at, `a joblib array at byte ${at} runs past the end of the stream (truncated)`);
    return { length, aligned: !!align && align.t !== 'none' };
  }
}

function isArrayWrapper(v: V): v is V & { t: 'obj' } {
  return v.t === 'obj' && v.cls.t === 'global' && v.cls.name === 'NumpyArrayWrapper' && v.cls.module.endsWith('numpy_pickle');
}

/** A NumPy dtype rebuilt by `numpy.dtype(code, align, copy)` then BUILD with its state. */
function dtypeOf(v: V | undefined): { object: boolean; itemsize: number } | undefined {
  if (!v || v.t !== 'obj' || v.args?.t !== 'tuple') return undefined;
  const code = v.args.items[0];
  if (code?.t !== 'str') return undefined;
  const m = /^([a-zA-Z?])(\d*)$/.exec(code.v);
  if (!m) return undefined;
  const state = (i: number) => (v.state?.t === 'tuple' && v.state.items[i]?.t === 'int' ? (v.state.items[i] as { v: number }).v : -1);
  // A structured dtype with an object field has the item-has-object flag (1) and is pickled as objects are.
  if (m[1] === 'O' || (state(7) > 0 && state(7) & 1)) return { object: true, itemsize: 8 };
  if (state(5) > 0) return { object: false, itemsize: state(5) };
  const n = m[2] ? Number(m[2]) : m[1] === 'M' || m[1] === 'm' ? 8 : m[1] === '?' || m[1] === 'b' || m[1] === 'B' ? 1 : NaN;
  if (!Number.isFinite(n)) return undefined;
  return { object: false, itemsize: m[1] === 'U' ? 4 * n : n };
}

function pairs(items: V[]): [V, V][] {
  const out: [V, V][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i], items[i + 1]]);
  return out;
}

function signed(b: Uint8Array): number {
  let v = 0;
  for (let i = b.length - 1; i >= 0; i--) v = v * 256 + b[i];
  return b.length && b[b.length - 1] & 0x80 ? v - 2 ** (8 * b.length) : v;
}

/** The text of a protocol-0 STRING argument: a Python repr in quotes, simple escapes only. */
function unquote(s: string): string {
  const q = s[0];
  const body = (q === "'" || q === '"') && s.endsWith(q) && s.length >= 2 ? s.slice(1, -1) : s;
  return body.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => (e[0] === 'x' && e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e));
}

/** A protocol-0 UNICODE argument: raw-unicode-escape (`\uXXXX` and `\UXXXXXXXX` only). */
function rawUnicode(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a: string, b: string) => {
    const c = parseInt(a ?? b, 16);
    return c <= 0x10ffff ? String.fromCodePoint(c) : '\ufffd';
  });
}
