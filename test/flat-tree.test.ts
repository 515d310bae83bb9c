import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { createEngine, StatementCache, type Engine } from '../engine';
import { FlatNode } from '../engine/flat-node';
import { defineRule } from '../engine/rule';
import { loadAssets } from '../project/assets';
import { LanguageTables } from '../engine/language-tables';
import { lintTree } from '../engine/lint';
import { RULES } from '../rules';
import { getEngine } from './support/engine';
import { FIXTURES, mutate } from './support/fuzz';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mlCorpusFile } = require('../bench/corpus');

const FIELDS = ['function', 'arguments', 'object', 'attribute', 'left', 'right', 'name', 'value', 'body', 'parameters', 'alias', 'module_name', 'key', 'condition', 'consequence', 'alternative', 'type', 'return_type', 'superclasses', 'subscript', 'operator', 'argument', 'definition', 'expression'];

/** Every visible node of web-tree-sitter's tree against the flat tree's, in document order. */
function compare(api: Node, flat: FlatNode, where: string): number {
  let count = 0;
  const stack: [Node, FlatNode][] = [[api, flat]];
  while (stack.length) {
    const [a, f] = stack.pop()!;
    count++;
    const at = `${where}: ${a.type} at ${a.startIndex}`;
    assert.equal(f.id, a.id, `${at}: id`);
    assert.equal(f.type, a.type, `${at}: type`);
    assert.equal(f.typeId, a.typeId, `${at}: typeId`);
    assert.equal(f.isNamed, a.isNamed, `${at}: isNamed`);
    assert.equal(f.hasError, a.hasError, `${at}: hasError`);
    assert.equal(f.startIndex, a.startIndex, `${at}: startIndex`);
    assert.equal(f.endIndex, a.endIndex, `${at}: endIndex`);
    assert.deepEqual(f.startPosition, a.startPosition, `${at}: startPosition`);
    assert.deepEqual(f.endPosition, a.endPosition, `${at}: endPosition`);
    assert.equal(f.text, a.text, `${at}: text`);
    assert.equal(f.parent?.id, a.parent?.id, `${at}: parent`);
    assert.equal(f.namedChildCount, a.namedChildCount, `${at}: namedChildCount`);
    const ac = a.children;
    const fc = f.children;
    assert.equal(fc.length, ac.length, `${at}: child count`);
    ac.forEach((c, i) => assert.equal(f.tree.field[fc[i].index] ? f.tree.tables.fields[f.tree.field[fc[i].index]] : null, a.fieldNameForChild(i), `${at}: field of child ${i} (${c?.type})`));
    for (const name of FIELDS) {
      // In an ERROR node web-tree-sitter's childForFieldName can miss a field that its own
      // fieldNameForChild and childrenForFieldName give (`0[0,*x` gives a `subscript` child that
      // childForFieldName does not find); the flat tree follows those two there.
      const first = a.type === 'ERROR' ? (a.childrenForFieldName(name)[0] ?? null) : a.childForFieldName(name);
      assert.equal(f.childForFieldName(name)?.id, first?.id, `${at}: childForFieldName(${name})`);
      assert.deepEqual(
        f.childrenForFieldName(name).map((c) => c.id),
        a.childrenForFieldName(name).map((c) => c?.id),
        `${at}: childrenForFieldName(${name})`,
      );
    }
    // Siblings against the parent's list of children: web-tree-sitter's own `nextSibling` skips a
    // MISSING zero-width node that its `children` lists (`def f(:` gives `(` and a missing `)`).
    ac.forEach((c, i) => {
      const inner = `${at}: child ${i} (${c?.type})`;
      assert.equal(fc[i].nextSibling?.id, ac[i + 1]?.id, `${inner}: nextSibling`);
      assert.equal(fc[i].previousSibling?.id, ac[i - 1]?.id, `${inner}: previousSibling`);
      assert.equal(fc[i].nextNamedSibling?.id, ac.slice(i + 1).find((s) => s?.isNamed)?.id, `${inner}: nextNamedSibling`);
    });
    assert.equal(f.firstNamedChild?.id, a.firstNamedChild?.id, `${at}: firstNamedChild`);
    for (let i = ac.length - 1; i >= 0; i--) stack.push([ac[i]!, fc[i]]);
  }
  return count;
}

function check(engine: Engine, text: string, where: string): number {
  const tree = engine.parse(text);
  try {
    const flat = engine.flatten(tree, text);
    assert.ok(flat, `${where}: the tree could not be read`);
    const n = compare(tree.rootNode, flat.node(0), where);
    assert.equal(flat.count, n, `${where}: nodes read`);
    return n;
  } finally {
    tree.delete();
  }
}

describe('flat tree (read from WebAssembly memory)', () => {
  let engine: Engine;
  before(async () => {
    engine = await getEngine();
  });

  it('matches web-tree-sitter node for node on every rule fixture', () => {
    let nodes = 0;
    FIXTURES.forEach((text, i) => (nodes += check(engine, text, `fixture ${i}`)));
    assert.ok(nodes > 5000, `only ${nodes} nodes compared`);
  });

  it('matches on the benchmark corpus, with non-ASCII text, CRLF and syntax errors', () => {
    check(engine, mlCorpusFile(400, 1), 'corpus');
    check(engine, 'naïve = "日本語 😀"\r\nx = f(  "é",\r\n  b)\r\n', 'unicode');
    check(engine, 'def f(:\n  return )\nclass', 'errors');
    check(engine, 'print "py2"\nexec "x"\n', 'keywords');
    check(engine, '', 'empty');
    check(engine, '\n\n   # only a comment\n', 'comment');
    // Shapes with many hidden subtrees (repetitions) or deep nesting: still read, not refused.
    check(engine, `x = [${Array.from({ length: 3000 }, (_, i) => i).join(', ')}]\n`, 'long list');
    check(engine, `x = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`, 'deep nesting');
    check(engine, 'def (:\n'.repeat(300), 'many errors');
  });

  it('matches in an ERROR node where web-tree-sitter disagrees with itself', () => {
    // A case fast-check found: childForFieldName('subscript') of the ERROR is null, though
    // fieldNameForChild and childrenForFieldName give its list_splat.
    const text = '0[0,*x\nimport os\n';
    const tree = engine.parse(text);
    try {
      const error = tree.rootNode.firstChild!;
      assert.equal(error.type, 'ERROR');
      assert.equal(error.childrenForFieldName('subscript')[0]?.type, 'list_splat');
      check(engine, text, 'the ERROR case');
      assert.equal(engine.flatten(tree, text)!.node(0).children[0].childForFieldName('subscript')?.type, 'list_splat');
    } finally {
      tree.delete();
    }
  });

  it('matches on mutated fixtures (random edits, broken syntax)', () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(20), ins: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('(', ')', '"""', "'", ':', '\n    ', '\t', '😀', '\r\n', 'lambda', 'f"{', ' as ')) });
    fc.assert(
      fc.property(fc.nat(FIXTURES.length - 1), fc.array(edit, { maxLength: 4 }), (i, edits) => {
        check(engine, mutate(FIXTURES[i], edits), `mutated fixture ${i}`);
      }),
      { numRuns: 150 },
    );
  });

  it("reads one top-level statement, whose parent and root are the whole tree's", () => {
    let statements = 0;
    for (const text of [...FIXTURES.slice(0, 12), 'x = 1\n\n\ndef f(a):\n    return g(a)  # c\n']) {
      const tree = engine.parse(text);
      try {
        for (const statement of tree.rootNode.namedChildren) {
          const flat = engine.flatten(tree, text, statement!);
          assert.ok(flat, `statement at ${statement!.startIndex}`);
          compare(statement!, flat.node(0), `statement at ${statement!.startIndex}`);
          assert.equal(flat.node(0).parent?.id, tree.rootNode.id);
          assert.equal(flat.rootNode.id, tree.rootNode.id);
          statements++;
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(statements > 50, `only ${statements} statements read`);
    // A node that does not start a line: its first line is indexed from that line's start.
    const text = 'def f(a):\n    x = g(a,\n          b)  # c\n    return x\n';
    const tree = engine.parse(text);
    try {
      for (const inner of tree.rootNode.descendantsOfType(['expression_statement', 'return_statement', 'call'])) {
        compare(inner!, engine.flatten(tree, text, inner!)!.node(0), `inner ${inner!.type} at ${inner!.startIndex}`);
      }
    } finally {
      tree.delete();
    }
  });

  it('finds the same descendants as web-tree-sitter, the node itself included', () => {
    // web-tree-sitter finds no ERROR node when 'ERROR' comes with other types, so it is asked alone.
    const text = FIXTURES.join('\n') + '\ndef f(:\n  x = )\n';
    const tree = engine.parse(text);
    try {
      const flat = engine.flatten(tree, text)!;
      for (const types of [['call'], ['identifier', 'lambda'], ['string', 'comment'], ['ERROR'], ['module']]) {
        const f = flat.node(0).descendantsOfType(types).map((n) => n.id);
        const a = tree.rootNode.descendantsOfType(types).map((n) => n?.id);
        assert.deepEqual(f, a, types.join());
        assert.ok(f.length > 0, types.join());
      }
    } finally {
      tree.delete();
    }
  });

  it('refuses memory it cannot read: no views, or tables that disagree with the API', () => {
    const tree = engine.parse('x = 1\n');
    try {
      assert.equal(LanguageTables.read(tree.language, {}), undefined);
      // Zeroed memory of the right size reads as ABI 0 with no symbols: not this language.
      const buffer = new ArrayBuffer(1 << 24);
      const zeroed = { HEAPU8: new Uint8Array(buffer), HEAPU16: new Uint16Array(buffer), HEAPU32: new Uint32Array(buffer) };
      assert.equal(LanguageTables.read(tree.language, zeroed), undefined);
    } finally {
      tree.delete();
    }
  });

  it('lints to the same findings as web-tree-sitter nodes do', () => {
    for (const text of [...FIXTURES, mlCorpusFile(1000, 2)]) {
      const tree = engine.parse(text);
      try {
        const fast = engine.lintTree(tree, { text });
        const slow = lintTree(tree, text, RULES, { text });
        assert.deepEqual(fast, slow);
      } finally {
        tree.delete();
      }
    }
  });
});

describe('the engine lints on the flat tree', () => {
  // Equal findings prove nothing if both paths were web-tree-sitter's: a probe rule records which
  // kind of node it is handed, in a cold lint and in the language server's re-lint of one statement.
  it('hands the rules FlatNodes, in a whole-file lint and in a statement re-linted from the cache', async () => {
    const seen: string[] = [];
    const probe = defineRule({
      meta: { ...RULES[0].meta, code: 'MLS997', name: 'probe', category: 'linter' },
      docs: '',
      create: () => ({
        call(node) {
          seen.push(node instanceof FlatNode ? 'flat' : 'api');
        },
      }),
    });
    const engine = await createEngine(loadAssets(), [probe]);
    engine.lint({ text: 'f(1)\ng(2)\n' });
    assert.deepEqual(seen, ['flat', 'flat']);
    seen.length = 0;
    const cache = new StatementCache();
    let text = 'f(1)\ng(2)\n';
    let tree = engine.parse(text);
    engine.lintTree(tree, { text }, cache);
    tree.delete();
    text = 'f(1)\ng(3)\n';
    tree = engine.parse(text);
    engine.lintTree(tree, { text }, cache);
    tree.delete();
    assert.deepEqual(seen, ['flat', 'flat', 'flat'], 'the second lint re-walks only the edited statement');
  });
});
