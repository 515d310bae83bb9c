import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { LineIndex, type Engine, type Finding } from '../engine';
import { Documents, touch, touchAll, type OpenDocument } from '../server/documents';
import { breakingEdits, FILE_WIDE_CODES } from './support/breaking';
import { getEngine } from './support/engine';

const simplify = (list: Finding[]) => list.map((f) => ({ code: f.code, message: f.message, severity: f.severity, range: f.range, fixes: f.fixes, related: f.related }));

/** Every rule fixture, and a file of the benchmark's generated ML code (read once). */
let read: string[] | undefined;
function texts(): string[] {
  return (read ??= readTexts());
}

function readTexts(): string[] {
  const root = path.join(__dirname, '..', 'rules');
  const fixtures = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
    .map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mlCorpusFile } = require('../bench/corpus') as { mlCorpusFile: (lines: number, seed: number) => string };
  return [...fixtures, mlCorpusFile(300, 3)];
}

/** Replaces `del` code units at `at` with `ins`, as an LSP client reports it. */
function change(docs: Documents, doc: OpenDocument, at: number, del: number, ins: string): void {
  const lines = new LineIndex(doc.text);
  const a = lines.position(at);
  const b = lines.position(at + del);
  docs.change(doc.uri, doc.version + 1, [{ range: { start: { line: a.line, character: a.column }, end: { line: b.line, character: b.column } }, text: ins }]);
}

/** A lint as the language server makes it, with as little parsing as it can (the counts say how often a lint parsed nothing or one statement). */
function serverLint(engine: Engine, docs: Documents, doc: OpenDocument, counts: { unparsed: number; lints: number; several?: number }): Finding[] {
  counts.lints++;
  const { tree, patches } = docs.lintable(doc);
  if (doc.dirty) counts.unparsed++;
  if (patches.length > 1) counts.several = (counts.several ?? 0) + 1;
  try {
    return engine.lintTree(tree, { text: doc.text, kind: 'python' }, doc.cache, patches).findings;
  } finally {
    for (const patch of patches) patch.dispose();
  }
}

const dump = (n: Node): string => `${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}(${n.children.map((c) => (c ? dump(c) : '?')).join(' ')})`;

// Typing: characters, brackets and quotes that open what the rest of the file would close,
// newlines that end a function early, comments, suppressions, imports, a secret.
const SNIPPETS = ['x', 'e', ' ', '\n', '\nx = 1\n', '(', ')', '[', ':', ';', '\\', '#', '"', '"""', "'", 'é', '\t', '', 'import pickle\n', 'pickle.loads(b)', '  # mlsec: ignore[MLS101]', '\n# mlsec: ignore[MLS101]\n', 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH', 'def g():\n    pass\n', '@dec\n', 'os = None\n'];

/** Where in the text, as a fraction of its length, spread evenly (fast-check's doubles crowd near 0: the file's first statement). */
const WHERE = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield print exec match case type'.split(' '));

/** A place inside the first name from `at` on that is not a keyword: where typing in a name goes (or `at`, at the end). */
function inWord(text: string, at: number): number {
  const names = /[A-Za-z_]\w*/g;
  names.lastIndex = at;
  for (let m = names.exec(text); m; m = names.exec(text)) if (!KEYWORDS.has(m[0])) return m.index + 1;
  return at;
}

/**
 * An edit as typing makes one, mostly keeping the file valid Python so that later edits can still be
 * patched: a character inside a name, a trailing comment or suppression at the end of a line, a new
 * line of code (an unsafe call, a secret, an import) at the start of an indented line, the same
 * indentation kept; and sometimes any snippet anywhere, deleting up to 6 characters.
 */
type Typing = { kind: 'word' | 'append' | 'backspace' | 'comment' | 'line' | 'any'; at: number; del: number; ins: string };
const TYPING: fc.Arbitrary<Typing> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('word' as const), at: WHERE, del: fc.constant(0), ins: fc.constantFrom('x', 'e', '_', '1') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('append' as const), at: WHERE, del: fc.constant(0), ins: fc.constantFrom('x', 'e', 'f', '1', 'ue', 'one') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backspace' as const), at: WHERE, del: fc.constant(1), ins: fc.constant('') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), at: WHERE, del: fc.constant(0), ins: fc.constantFrom('  # mlsec: ignore[MLS101]', '  # mlsec: ignore[MLS999]', '  # note', '  # mlsec: ignore') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('line' as const), at: WHERE, del: fc.constant(0), ins: fc.constantFrom('x = pickle.loads(b)\n', 'key = "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"\n', 'import pickle\n', 'yaml.load(s)\n', '# mlsec: ignore[MLS101]\n', 'torch = None\n') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), at: WHERE, del: fc.nat(6), ins: fc.constantFrom(...SNIPPETS) }) },
);

/** Where a typing edit goes, from a place in the text (see TYPING); the inserted text, indented for a new line. */
function placeTyping(text: string, from: number, t: Typing): { at: number; del: number; ins: string } {
  if (t.kind === 'word') return { at: inWord(text, from), del: 0, ins: t.ins };
  if (t.kind === 'append' || t.kind === 'backspace') {
    // At the end of the next name (`Tru` + `e` makes a keyword), or its last character deleted.
    const names = /[A-Za-z_]\w*/g;
    names.lastIndex = from;
    const m = names.exec(text);
    const end = m ? m.index + m[0].length : from;
    return t.kind === 'append' ? { at: end, del: 0, ins: t.ins } : { at: Math.max(0, end - 1), del: end > 0 ? 1 : 0, ins: '' };
  }
  if (t.kind === 'comment') {
    const eol = text.indexOf('\n', from);
    return { at: eol < 0 ? text.length : eol, del: 0, ins: t.ins };
  }
  if (t.kind === 'line') {
    // The next line that starts indented: insert before its first character, with its indentation.
    const lines = /\n([ \t]+)(?=\S)/g;
    lines.lastIndex = from;
    const m = lines.exec(text);
    if (!m) return { at: from, del: 0, ins: '' };
    return { at: m.index + 1 + m[1].length, del: 0, ins: t.ins.replace(/\n/g, `\n${m[1]}`) };
  }
  return { at: from, del: Math.min(t.del, text.length - from), ins: t.ins };
}

describe('statement patch (one statement parsed alone)', () => {
  it('gives the same findings as a full lint, over random typing in every fixture, parsing as little as it can', async function () {
    this.timeout(120_000);
    const engine = await getEngine();
    const counts: { unparsed: number; lints: number; compared: number; batches: number; several?: number } = { unparsed: 0, lints: 0, compared: 0, batches: 0 };
    // Every text it starts from parses, so every state compared does.
    const all = texts().filter((t) => !engine.lint({ text: t, kind: 'python' }).syntaxErrors);
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.array(fc.array(TYPING, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (which, batches) => {
          const docs = new Documents(engine);
          const doc = docs.open('file:///t.py', 'python', 1, all[which]);
          try {
            serverLint(engine, docs, doc, counts);
            // Typing goes on where it started: most edits of a batch are near the first.
            for (const batch of batches) {
              counts.batches++;
              const origin = Math.floor(batch[0].at * doc.text.length);
              const made: { at: number; removed: string; ins: string }[] = [];
              for (const [i, t] of batch.entries()) {
                const { at, del, ins } = placeTyping(doc.text, i === 0 ? origin : Math.min(doc.text.length, origin + Math.floor(t.at * 40)), t);
                made.push({ at, removed: doc.text.slice(at, at + del), ins });
                change(docs, doc, at, del, ins);
              }
              let served = simplify(serverLint(engine, docs, doc, counts));
              // Where the text has a syntax error, an incremental parse may recover from it differently
              // from a parse of the text alone (tree-sitter promises no more): a batch that breaks the
              // syntax is undone, edit by edit from the last, back to the text before it, which parses,
              // and compared there.
              let full = engine.lint({ text: doc.text, kind: 'python' });
              if (full.syntaxErrors) {
                for (const m of made.reverse()) change(docs, doc, m.at, m.ins.length, m.removed);
                served = simplify(serverLint(engine, docs, doc, counts));
                full = engine.lint({ text: doc.text, kind: 'python' });
              }
              counts.compared++;
              assert.deepEqual(served, simplify(full.findings));
            }
          } finally {
            docs.dispose();
          }
        },
      ),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 150) },
    );
    // Some typing breaks the syntax or crosses statements (then the whole text is parsed), and each
    // run's first lint parses it all; lints with no parse or a patch must still be a good share, or
    // this would not test them.
    assert.ok(counts.unparsed > counts.lints / 8, `${counts.unparsed} of ${counts.lints} lints without a parse of the whole text`);
    // Every batch is compared, broken or not (a count that does not depend on the draw).
    assert.equal(counts.compared, counts.batches, `compared ${counts.compared} of ${counts.batches} batches`);
    // Batches at other places than the last one's: lints with patches of several statements.
    assert.ok((counts.several ?? 0) > counts.lints / 20, `${counts.several} of ${counts.lints} lints with several patches`);
  });

  it('lints the tree a parse of the whole text gives: the statement patch, or the edited tree after typing in names', async () => {
    const engine = await getEngine();
    let patches = 0;
    let exact = 0;
    let broken = 0;
    fc.assert(
      fc.property(fc.nat(texts().length - 1), WHERE, TYPING, (which, where, typing) => {
        const docs = new Documents(engine);
        const doc = docs.open('file:///t.py', 'python', 1, texts()[which]);
        try {
          docs.tree(doc);
          const { at, del, ins } = placeTyping(doc.text, Math.floor(where * doc.text.length), typing);
          change(docs, doc, at, del, ins);
          const { tree, patches: made } = docs.lintable(doc);
          const patch = made[0];
          assert.ok(made.length <= 1, 'one edit, one patch at most');
          if (!doc.dirty) return;
          const whole = engine.parse(doc.text);
          try {
            if (patch?.broken) {
              // A statement broken on its own is patched as such only where the whole text has an error too.
              assert.ok(whole.rootNode.hasError, `a broken patch of valid text: ${JSON.stringify(doc.text.slice(patch.start, patch.end))}`);
              broken++;
            } else if (patch) {
              const same = whole.rootNode.firstNamedChildForIndex(patch.start)!;
              assert.equal(dump(patch.node), dump(same));
              assert.equal(same.nextNamedSibling?.startIndex ?? doc.text.length, patch.end);
              patches++;
            } else {
              assert.equal(dump(tree.rootNode), dump(whole.rootNode));
              exact++;
            }
          } finally {
            whole.delete();
            patch?.dispose();
          }
        } finally {
          docs.dispose();
        }
      }),
      { numRuns: 2 * Number(process.env.MLSEC_PROPERTY_RUNS ?? 150) },
    );
    assert.ok(patches > 30 && exact > 30 && broken > 10, `only ${patches} patches, ${broken} broken ones and ${exact} edited trees checked`);
  });

  it('answers node text of the edited tree from the current text (web-tree-sitter keeps it as textCallback)', async () => {
    const engine = await getEngine();
    const docs = new Documents(engine);
    const text = 'import os\n\n\ndef f():\n    return 1\n\n\nimport pickle\n';
    const doc = docs.open('file:///t.py', 'python', 1, text);
    try {
      docs.tree(doc);
      change(docs, doc, text.indexOf('1'), 1, 'value + 22');
      const {
        patches: [patch],
      } = docs.lintable(doc);
      assert.ok(patch, 'an edit inside the function is patched');
      try {
        // Without pointing the edited tree at the new text, this reads 10 code units off the old one.
        assert.equal(doc.tree!.rootNode.lastNamedChild!.text, 'import pickle');
        assert.equal(patch.node.text, 'def f():\n    return value + 22');
      } finally {
        patch.dispose();
      }
    } finally {
      docs.dispose();
    }
  });

  it('needs no parse at all for typing inside a name, unless the name becomes a keyword', async () => {
    const engine = await getEngine();
    const text = 'import os\n\n\ndef f(value):\n    return g(valu) + Tru + joblib.load(p) + v2\n\n\nx = 1\n';
    // Whether the edited tree is linted as it is; either way, it must be the tree of the new text (patched or parsed).
    const cases: [string, number, number, string, boolean][] = [
      ['a letter typed at the end of a name', text.indexOf('valu)') + 4, 0, 'e', true],
      ['a letter typed inside a name', text.indexOf('valu)') + 2, 0, 'x', true],
      ['a letter deleted inside a name', text.indexOf('valu)') + 1, 1, '', true],
      ['a name that becomes a keyword', text.indexOf('Tru') + 3, 0, 'e', false],
      ['a name that becomes a number', text.indexOf('v2'), 1, '', false],
      ['a letter typed before a name (the `(` takes it)', text.indexOf('valu)'), 0, 'x', false],
      ['a dot typed inside a name', text.indexOf('valu)') + 2, 0, '.', false],
      ['a dot and letters replaced by a letter', text.indexOf('b.load'), 6, 'x', false],
    ];
    for (const [what, at, del, ins, exact] of cases) {
      const docs = new Documents(engine);
      const doc = docs.open('file:///t.py', 'python', 1, text);
      try {
        docs.tree(doc);
        change(docs, doc, at, del, ins);
        const {
          tree,
          patches: [patch],
        } = docs.lintable(doc);
        try {
          assert.equal(!patch && doc.dirty, exact, what);
          const whole = engine.parse(doc.text);
          if (patch) assert.equal(dump(patch.node), dump(whole.rootNode.firstNamedChildForIndex(patch.start)!), what);
          else assert.equal(dump(tree.rootNode), dump(whole.rootNode), what);
          whole.delete();
        } finally {
          patch?.dispose();
        }
      } finally {
        docs.dispose();
      }
    }
  });

  it('finds the edited statement after typing in a name earlier in the file moved it', async () => {
    const engine = await getEngine();
    const text = 'import pickle\n\n\ndef early(value):\n    return value\n\n\ndef late(path):\n    return path\n';
    const docs = new Documents(engine);
    const doc = docs.open('file:///t.py', 'python', 1, text);
    const counts = { unparsed: 0, lints: 0 };
    try {
      serverLint(engine, docs, doc, counts);
      // Not a name: `late` must be parsed. Then typing in a name in `early` moves `late` on by 40,
      // more than its edit is from its start.
      change(docs, doc, doc.text.indexOf('return path') + 'return '.length, 0, 'pickle.loads(');
      change(docs, doc, doc.text.indexOf('loads(path') + 'loads(path'.length, 0, ')');
      change(docs, doc, doc.text.indexOf('return value') + 'return val'.length, 0, 'v'.repeat(40));
      const served = simplify(serverLint(engine, docs, doc, counts));
      assert.equal(counts.unparsed, 1, `linted with a patch (${counts.unparsed} of ${counts.lints} unparsed), touched ${JSON.stringify(doc.touched)}`);
      assert.deepEqual(served, simplify(engine.lint({ text: doc.text, kind: 'python' }).findings));
      assert.ok(served.some((f) => f.code === 'MLS101'), 'the pickle.loads typed into `late` is found');
    } finally {
      docs.dispose();
    }
  });

  it('reads a statement patched by an earlier lint from its patch: a binding replayed, a definition looked up', async () => {
    const engine = await getEngine();
    // Each first edit changes what the statement binds (and is no typing inside a name, so it is
    // patched); the second, elsewhere, makes a second patch while the first statement is served
    // from the cache. The edited tree still holds that statement as first parsed.
    const cases: [string, string, [string, string], [string, string]][] = [
      ['an import replayed', 'import os\nfrom pickle import dumps as load\n\n\ndef f(b):\n    return load(b)\n', ['dumps as load', 'loads as  load'], ['return load', 'return  load']],
      ['an assignment replayed', 'import pickle\nload = pickle.dumps\n\n\ndef f(b):\n    return load(b)\n', ['pickle.dumps', 'pickle. loads'], ['return load', 'return  load']],
      ['a class looked up', 'import yaml\n\n\nclass Safe(yaml.Loader):\n    pass\n\n\ndef f(s):\n    return yaml.load(s, Loader=Safe)\n', ['(yaml.Loader)', '(yaml. SafeLoader)'], ['return yaml', 'return  yaml']],
    ];
    for (const [what, text, ...edits] of cases) {
      const docs = new Documents(engine);
      const doc = docs.open('file:///t.py', 'python', 1, text);
      const counts = { unparsed: 0, lints: 0, several: 0 };
      try {
        serverLint(engine, docs, doc, counts);
        for (const [from, to] of edits) {
          change(docs, doc, doc.text.indexOf(from), from.length, to);
          const served = simplify(serverLint(engine, docs, doc, counts));
          assert.deepEqual(served, simplify(engine.lint({ text: doc.text, kind: 'python' }).findings), what);
        }
        assert.equal(counts.several, 1, `${what}: the last lint had two patches`);
      } finally {
        docs.dispose();
      }
    }
  });

  it('patches a statement broken on its own, serves the others as they were, and gives a fresh lint once it is undone', async () => {
    const engine = await getEngine();
    const text = 'import os\nimport pickle as pk\n\n\ndef load(b):\n    return pk.loads(b)\n\n\ndef other(b):\n    return 2\n\n\ndef third(b):\n    return pk.loads(b)\n';
    const docs = new Documents(engine);
    const doc = docs.open('file:///t.py', 'python', 1, text);
    const counts = { unparsed: 0, lints: 0 };
    try {
      const good = simplify(serverLint(engine, docs, doc, counts));
      assert.equal(good.length, 2, 'a finding in each function that loads');
      for (const [what, at, ins] of [
        ['an unclosed bracket', 'def load(b):\n    return ', '('],
        ['a letter in a keyword', 'd', 'x'],
        ['a letter in indentation', 'def other(b):\n  ', 'x'],
        ['an unclosed quote', 'def other(b):\n    return ', '"'],
      ] as const) {
        const offset = doc.text.indexOf(at) + at.length;
        change(docs, doc, offset, 0, ins);
        const { patches } = docs.lintable(doc);
        assert.equal(patches.length === 1 && patches[0].broken, true, `${what}: a broken patch`);
        for (const patch of patches) patch.dispose();
        const broken = simplify(serverLint(engine, docs, doc, counts));
        assert.equal(doc.dirty && !docs.wantsParse(doc), true, `${what}: the whole text is not parsed`);
        // The findings of the statements the error does not reach are the last good ones.
        const region = (f: { range: { start: { line: number } } }) => {
          const line = doc.text.slice(0, offset).split('\n').length - 1;
          const lines = doc.text.split('\n');
          let first = line;
          while (first > 0 && /^\s/.test(lines[first])) first--;
          let last = line + 1;
          while (last < lines.length && (lines[last] === '' || /^\s/.test(lines[last]))) last++;
          return f.range.start.line >= first && f.range.start.line < last;
        };
        assert.deepEqual(broken.filter((f) => !region(f)), good.filter((f) => !region(f)), what);
        change(docs, doc, offset, ins.length, '');
        assert.deepEqual(simplify(serverLint(engine, docs, doc, counts)), good, `${what}: undone`);
        // The text is the last parse's again, and so is the tree: nothing is parsed.
        assert.equal(doc.dirty, false, `${what}: undone, the last parse's tree`);
      }
      // A statement edited while an earlier one is broken is linted with the broken one's bindings
      // (here none: \`pk\` is not bound), so what it gives then is not kept for once the error is gone.
      change(docs, doc, doc.text.indexOf('import pickle') + 2, 0, 'x');
      assert.equal(serverLint(engine, docs, doc, counts).length, 2, 'the other statements served as they were');
      assert.equal(doc.broken, true);
      change(docs, doc, doc.text.indexOf('return 2') + 'return '.length, 1, 'pk.loads(b)');
      serverLint(engine, docs, doc, counts);
      change(docs, doc, doc.text.indexOf('imxport pickle') + 2, 1, '');
      const fixed = simplify(serverLint(engine, docs, doc, counts));
      assert.deepEqual(fixed, simplify(engine.lint({ text: doc.text, kind: 'python' }).findings));
      assert.equal(fixed.length, 3);
    } finally {
      docs.dispose();
    }
  });

  it('is not made where the statement cannot be parsed alone', async () => {
    const engine = await getEngine();
    // Each case is patched when its one condition is lifted (checked by mutation); `import os` first
    // keeps the statement out of the file's leading docstring and comments.
    const cases: [string, string, string, string, number?][] = [
      ['an edit on a statement boundary', 'import os\nx = 1\ny = 2\n', 'import os\nx = 1\n', 'q = 0\n'],
      ['a second statement on the same line', 'import os\nx = 1; y = 2\nz = 3\n', 'import os\nx = 1; y', '.q'],
      ['the leading docstring', '"""Docs."""\nimport os\n', '"""Do', ' q'],
      ['a triple-quoted string opened, which a later one could close', 'import os\ndef f():\n    return 1\n\n\nz = 3\n', 'import os\ndef f():\n    return ', '"""'],
      ['a line that ends the function', 'import os\ndef f():\n    a = 1\n    b = 2\n\nz = 3\n', 'import os\ndef f():\n    a = 1\n', 'c = 0\n'],
      ['a syntax error elsewhere', 'import os\ndef f():\n    return 1\n\n\nz = (\n', 'import os\ndef f():\n    return 1', ' + q'],
      ['the line break after it deleted', 'import os\nx = 1\n# note\nyy = 2\n', 'import os\nx = 1\n# not', 'q', 3],
      ['typing in a name, with a syntax error elsewhere', 'import os\ndef f():\n    return value\n\n\nz = (\n', 'import os\ndef f():\n    return val', 'q'],
    ];
    for (const [what, text, before, ins, del = 0] of cases) {
      const docs = new Documents(engine);
      const doc = docs.open('file:///t.py', 'python', 1, text);
      try {
        docs.tree(doc);
        change(docs, doc, before.length, del, ins);
        const { patches } = docs.lintable(doc);
        for (const patch of patches) patch.dispose();
        assert.equal(patches.length, 0, what);
        assert.equal(doc.dirty, false, `${what}: parsed again`);
      } finally {
        docs.dispose();
      }
    }
  });
});

describe('range touched by edits since the last parse', () => {
  it('covers every edit, moved by the edits after it', () => {
    // Insert "ab" at 10, then delete 3 at 2 (before it), then insert "x" at 20 (after it).
    let t = touch(undefined, 10, 10, 2);
    assert.deepEqual(t, { start: 10, end: 12 });
    t = touch(t, 2, 5, 0);
    assert.deepEqual(t, { start: 2, end: 9 });
    t = touch(t, 20, 20, 1);
    assert.deepEqual(t, { start: 2, end: 21 });
    // A replacement that swallows the range's end.
    assert.deepEqual(touch({ start: 4, end: 8 }, 6, 12, 1), { start: 4, end: 7 });
    // An edit that kept every token moves the range and does not join it.
    assert.deepEqual(touch({ start: 10, end: 12 }, 2, 2, 3, false), { start: 13, end: 15 });
    assert.equal(touch(undefined, 2, 2, 3, false), undefined);
  });

  it('keeps edits far apart as ranges of their own, and joins those an edit overlaps or meets', () => {
    let t = touchAll(undefined, 10, 10, 2);
    t = touchAll(t, 40, 41, 0);
    assert.deepEqual(t, [
      { start: 10, end: 12 },
      { start: 40, end: 40 },
    ]);
    // Typing inside a name before both moves them.
    assert.deepEqual(touchAll(t, 0, 0, 1, false), [
      { start: 11, end: 13 },
      { start: 41, end: 41 },
    ]);
    // A paste over both joins them.
    assert.deepEqual(touchAll(t, 11, 40, 5), [{ start: 10, end: 16 }]);
    assert.deepEqual(touchAll(t, 12, 12, 1), [
      { start: 10, end: 13 },
      { start: 41, end: 41 },
    ]);
  });

  it('covers every edit that counts, in ranges in order that do not overlap', () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(6), ins: fc.nat(6), join: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        let length = 60;
        let list: ReturnType<typeof touchAll>;
        // Each counting edit's own range, moved by the edits after it.
        const own: { start: number; end: number }[] = [];
        for (const e of edits) {
          const start = Math.floor(e.at * length);
          const end = Math.min(length, start + e.del);
          for (let i = 0; i < own.length; i++) own[i] = touch(own[i], start, end, e.ins, false)!;
          if (e.join) own.push({ start, end: start + e.ins });
          list = touchAll(list, start, end, e.ins, e.join);
          length += e.ins - (end - start);
        }
        if (!own.length) return assert.equal(list, undefined);
        for (const r of own) assert.ok(list!.some((t) => t.start <= r.start && r.end <= t.end), `${JSON.stringify(r)} in ${JSON.stringify(list)}`);
        list!.forEach((t, i) => assert.ok(t.start <= t.end && (i === 0 || list![i - 1].end <= t.start), JSON.stringify(list)));
      }),
    );
  });
});

/**
 * A place inside the first whole name from `at` on that is not a keyword, a part of a number (`1e5`)
 * or a string's prefix (`b"..."`): a letter typed there leaves valid code valid.
 */
function inName(text: string, at: number): number {
  const names = /[A-Za-z_]\w*/g;
  names.lastIndex = at;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    const after = text[m.index + m[0].length] ?? '';
    if (!KEYWORDS.has(m[0]) && !/[\w]/.test(before) && !/['"]/.test(after)) return m.index + 1;
  }
  return -1;
}

describe('a statement broken for a moment, then undone', () => {
  it('serves the statements the error does not reach as last linted, and gives a fresh lint once undone', async function () {
    this.timeout(120_000);
    const engine = await getEngine();
    // The texts that parse with no error and have a statement to break.
    const all = texts()
      .map((text) => ({ text, breaking: breakingEdits(engine, text) }))
      .filter((t) => t.breaking.length > 0);
    assert.ok(all.length > 20, `${all.length} texts`);
    const kinds = ['bracket', 'keyword', 'indentation'];
    for (const kind of kinds) assert.ok(all.some((t) => t.breaking.some((b) => b.kind === kind)), `no ${kind} to type`);
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.array(fc.record({ which: WHERE, typed: fc.option(WHERE, { nil: undefined }), retyped: fc.option(WHERE, { nil: undefined }), ch: fc.constantFrom('x', 'e', '_', '1') }), { minLength: 1, maxLength: 3 }),
        (which, steps) => {
          const docs = new Documents(engine);
          const doc = docs.open('file:///t.py', 'python', 1, all[which].text);
          const counts = { unparsed: 0, lints: 0 };
          try {
            let good = simplify(serverLint(engine, docs, doc, counts));
            for (const [i, step] of steps.entries()) {
              // Each kind in turn, where the text has one.
              const candidates = breakingEdits(engine, doc.text);
              const ofKind = candidates.filter((x) => x.kind === kinds[(which + i) % kinds.length]);
              const list = ofKind.length ? ofKind : candidates;
              const b = list[Math.floor(step.which * list.length)];
              change(docs, doc, b.at, 0, b.ins);
              const served = simplify(serverLint(engine, docs, doc, counts));
              assert.equal(engine.lint({ text: doc.text, kind: 'python' }).syntaxErrors, true, 'broken by construction');
              assert.equal(doc.broken && !docs.wantsParse(doc), true, 'patched as broken, the whole text left unparsed');
              const outside = (list: ReturnType<typeof simplify>) => list.filter((f) => (f.range.start.line < b.startRow || f.range.start.line >= b.endRow) && !FILE_WIDE_CODES.has(f.code));
              // The last good findings, their fix edits moved by the character typed before them.
              const moved = good.map((f) => ({ ...f, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => (e.start >= b.at ? { ...e, start: e.start + b.ins.length, end: e.end + b.ins.length } : e)) })) }));
              assert.deepEqual(outside(served), outside(moved), `${b.kind} at ${b.at}`);
              // Sometimes a letter typed into a name elsewhere while it is broken (not where the undo goes).
              let undoAt = b.at;
              if (step.typed !== undefined) {
                const at = inName(doc.text, Math.floor(step.typed * doc.text.length));
                if (at >= 0 && (at < b.at || at > b.at + b.ins.length)) {
                  change(docs, doc, at, 0, step.ch);
                  if (at < b.at) undoAt += step.ch.length;
                  serverLint(engine, docs, doc, counts);
                }
              }
              // Sometimes a character of a name elsewhere deleted and typed again: the same text, but
              // that statement is linted again while the broken one's bindings are not what they were.
              if (step.retyped !== undefined) {
                const at = inName(doc.text, Math.floor(step.retyped * doc.text.length));
                if (at >= 0 && (at < undoAt || at > undoAt + b.ins.length)) {
                  const ch = doc.text[at];
                  change(docs, doc, at, 1, '');
                  change(docs, doc, at, 0, ch);
                  serverLint(engine, docs, doc, counts);
                }
              }
              change(docs, doc, undoAt, b.ins.length, '');
              const fresh = engine.lint({ text: doc.text, kind: 'python' });
              assert.equal(fresh.syntaxErrors, false, 'valid again by construction');
              good = simplify(serverLint(engine, docs, doc, counts));
              assert.deepEqual(good, simplify(fresh.findings), `${b.kind} at ${b.at}, undone`);
              // As the server does once the diagnostics are out.
              if (docs.wantsParse(doc)) docs.tree(doc);
            }
          } finally {
            docs.dispose();
          }
        },
      ),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 100) },
    );
  });
});
