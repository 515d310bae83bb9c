import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { StatementCache, type Engine, type Finding, type LintConfig } from '../engine';
import { getEngine } from './support/engine';

const simplify = (fs_: Finding[]) => fs_.map((f) => ({ code: f.code, message: f.message, severity: f.severity, range: f.range, fixes: f.fixes, related: f.related }));

/** The text of every rule fixture (not the expected `.fixed.py` outputs). */
function fixtureTexts(): string[] {
  const root = path.join(__dirname, '..', 'rules');
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'))
    .map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
}

function both(engine: Engine, cache: StatementCache, text: string, config?: LintConfig) {
  const tree = engine.parse(text);
  try {
    const cached = engine.lintTree(tree, { text, config }, cache);
    const full = engine.lintTree(tree, { text, config });
    return { cached: simplify(cached.findings), full: simplify(full.findings), masks: { cached: cached.masks, full: full.masks } };
  } finally {
    tree.delete();
  }
}

/** Every rule; and the secret rules left out, which the engine still runs to locate what to mask. */
const CONFIGS: (LintConfig | undefined)[] = [undefined, { ignore: ['MLS2'] }, { select: ['MLS1', 'MLS3'] }];

describe('statement cache', () => {
  it('reuses unchanged statements and re-lints the edited one', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    const text = 'import torch\n\ndef a(p):\n    return torch.load(p)\n\ndef b(p):\n    return torch.load(p)\n';
    both(engine, cache, text);
    const edited = text.replace('def b(p):\n    return torch.load(p)', 'def b(p):\n    return torch.load(p, weights_only=True)');
    const { cached, full } = both(engine, cache, edited);
    assert.deepEqual(cached, full);
    assert.equal(cache.misses, 1, 'only the edited function is linted again');
    assert.equal(cache.hits, 2);
  });

  it('re-lints only a module-level call when it is edited, since it binds nothing later statements see', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    const text = 'import torch\nprint("start")\n\ndef a(p):\n    return torch.load(p)\n\ndef b(p):\n    return torch.load(p)\n';
    both(engine, cache, text);
    const r = both(engine, cache, text.replace('print("start")', 'print("begin")'));
    assert.deepEqual(r.cached, r.full);
    assert.equal(r.cached.length, 2);
    assert.equal(cache.misses, 1);
    assert.equal(cache.hits, 3);
    // Turning that statement into an assignment binds a name: what follows is linted again.
    const r2 = both(engine, cache, text.replace('print("start")', 'torch = None'));
    assert.deepEqual(r2.cached, r2.full);
    assert.equal(cache.misses, 3);
  });

  it('re-lints everything after an import or a constant changes', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    const text = 'import torch\nFLAG = True\n\ndef a(p):\n    return torch.load(p, weights_only=FLAG)\n';
    assert.deepEqual(both(engine, cache, text).cached, []);
    const r1 = both(engine, cache, text.replace('FLAG = True', 'FLAG = False'));
    assert.deepEqual(r1.cached, r1.full);
    assert.equal(r1.cached.length, 1);
    const r2 = both(engine, cache, text.replace('import torch', 'import numpy as torch'));
    assert.deepEqual(r2.cached, r2.full);
    assert.deepEqual(r2.cached, []);
  });

  it('shifts cached findings and their fixes when lines are added above', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    const text = 'import yaml\n\ndef a(s):\n    return yaml.load(s, Loader=yaml.Loader)\n';
    both(engine, cache, text);
    const r = both(engine, cache, text.replace('import yaml\n', 'import yaml\n\n\nX = 1\n'));
    assert.deepEqual(r.cached, r.full);
    assert.ok(cache.hits >= 1);
  });

  it('lints an empty statement at the very start of the file as empty, not as the whole file', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    // `;` first: tree-sitter puts an empty statement (a MISSING identifier) at 0:0.
    const r = both(engine, cache, ';xdec\n = None\nimport pickle\npickle.loads(blob)\n');
    assert.deepEqual(r.cached, r.full);
    assert.equal(r.cached.filter((f) => f.code === 'MLS101').length, 1);
  });

  it('tells a statement split in two apart from the whole (the fingerprint is not associative)', async () => {
    const engine = await getEngine();
    const cache = new StatementCache();
    const text = 'from yaml import load, Loader\n\ndef f(s):\n    return load(s, Loader=Loader)\n';
    assert.equal(both(engine, cache, text).cached.length, 1);
    // `from yaml import l` + a comment + `oad, Loader`: the same characters, but `load` is unbound now.
    const r = both(engine, cache, text.replace('import load', 'import l# note\noad'));
    assert.deepEqual(r.cached, r.full);
    assert.deepEqual(r.cached, []);
  });

  it('gives the same findings as a full lint for any sequence of edits to the fixtures', async () => {
    const engine = await getEngine();
    const fixtures = fixtureTexts();
    const snippets = ['x', ' ', '\n', '(', ')', ':', ';', 'import pickle\n', 'torch = None\n', 'FLAG = False\n', '# mlsec: ignore[MLS101]\n', 'def f():\n    pass\n', '"""', '\t'];
    fc.assert(
      fc.property(
        fc.nat(fixtures.length - 1),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(8), ins: fc.constantFrom(...snippets) }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...CONFIGS),
        (which, edits, config) => {
          const cache = new StatementCache();
          let text = fixtures[which];
          both(engine, cache, text, config);
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.ins + text.slice(at + e.del);
            const { cached, full, masks } = both(engine, cache, text, config);
            assert.deepEqual(cached, full);
            assert.deepEqual(masks.cached, masks.full);
          }
        },
      ),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 100) },
    );
  });
});

describe('statement cache with tracked edits', () => {
  /** Applies an edit to the text and reports it to the cache, as the language server does. */
  const point = (text: string, offset: number) => {
    const before = text.slice(0, offset);
    const row = before.split('\n').length - 1;
    return { row, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  const apply = (cache: StatementCache, text: string, at: number, del: number, ins: string) => {
    const next = text.slice(0, at) + ins + text.slice(at + del);
    cache.edit({ startIndex: at, oldEndIndex: at + del, newEndIndex: at + ins.length, startPosition: point(text, at), oldEndPosition: point(text, at + del), newEndPosition: point(next, at + ins.length) });
    return next;
  };

  it('re-lints a statement whose text changed without changing length, and only that one', async () => {
    const engine = await getEngine();
    const cache = new StatementCache({ trackEdits: true });
    let text = 'import torch\n\ndef a(p):\n    return torch.load(p, weights_only=True)\n\ndef b(p):\n    return torch.load(p)\n';
    assert.equal(both(engine, cache, text).cached.length, 1);
    const at = text.indexOf('True');
    text = apply(cache, text, at, 4, 'None');
    const r = both(engine, cache, text);
    assert.deepEqual(r.cached, r.full);
    assert.equal(r.cached.length, 2);
    assert.equal(cache.misses, 1);
    assert.equal(cache.hits, 2);
  });

  it('re-lints the statements after a class whose bases change (a loader that no longer subclasses a safe one)', async () => {
    const engine = await getEngine();
    const cache = new StatementCache({ trackEdits: true });
    let text = 'import yaml\n\nclass Strict(yaml.SafeLoader):\n    pass\n\ncfg = yaml.load(s, Loader=Strict)\n';
    assert.equal(both(engine, cache, text).cached.length, 0);
    text = apply(cache, text, text.indexOf('yaml.SafeLoader') + 1, 0, 'x');
    const r = both(engine, cache, text);
    assert.deepEqual(r.cached, r.full);
    assert.ok(r.full.some((f) => f.code === 'MLS104'), 'the loader is now unknown');
  });

  it('moves the statements after an edit and keeps their fixes on the right offsets', async () => {
    const engine = await getEngine();
    const cache = new StatementCache({ trackEdits: true });
    let text = 'import yaml\nprint(1)\n\ndef a(s):\n    return yaml.load(s, Loader=yaml.Loader)\n';
    both(engine, cache, text);
    text = apply(cache, text, text.indexOf('1'), 1, '123');
    const r = both(engine, cache, text);
    assert.deepEqual(r.cached, r.full);
    assert.ok(r.cached.some((f) => f.fixes.some((x) => x.edits.length)), 'the fixture has a fix with edits');
    assert.equal(cache.hits, 2);
  });

  it('hands out, for the statements it lints, the finding objects the next lint serves (so an editor is not sent them again)', async () => {
    const engine = await getEngine();
    const cache = new StatementCache({ trackEdits: true });
    let text = 'import torch\nimport yaml\n\ndef a(p):\n    return torch.load(p)\n\ndef b(s):\n    return yaml.load(s, Loader=yaml.Loader)\n\nx = 1\n';
    const lint = (t: string) => {
      const tree = engine.parse(t);
      try {
        return engine.lintTree(tree, { text: t }, cache).findings;
      } finally {
        tree.delete();
      }
    };
    const first = lint(text);
    assert.equal(first.length, 2, 'both definitions have a finding');
    // An edit in the last statement, which has no finding: both definitions are served.
    text = apply(cache, text, text.indexOf('1\n'), 1, '2');
    const second = lint(text);
    assert.equal(cache.hits, 4);
    assert.deepEqual(simplify(second), simplify(first));
    second.forEach((f, i) => assert.equal(f, first[i], `${f.code} is the same object`));
  });

  for (const [mode, tail] of [['with no syntax error', ''], ['with a syntax error elsewhere', 'z = (\n']]) {
    it(`re-lints a statement that an edit after it extends, ${mode}`, async () => {
      const engine = await getEngine();
      const cache = new StatementCache({ trackEdits: true });
      let text = `import pickle\nif c:\n    pickle.loads(a)\nelsewhere = pickle\n${tail}`;
      both(engine, cache, text);
      // \`elsewhere = pickle\` becomes \`else: ...\`, edited after its first letters: the \`if\` is
      // untouched and still starts where it did, but now ends further on.
      const at = text.indexOf('elsewhere') + 4;
      text = apply(cache, text, at, 'where = pickle'.length, ': pickle.loads(p)');
      const r = both(engine, cache, text);
      assert.deepEqual(r.cached, r.full);
      assert.deepEqual(r.cached.map((f) => f.code), ['MLS101', 'MLS101']);
    });
  }

  // Served definitions are not bound into the run's model; it asks the cache for the ones served so
  // far. Each program fails one way of getting that wrong: a definition not seen at all, seen when
  // an import of the same name came after it, or seen before it has been reached.
  const orders: [string, string, string[]][] = [
    ['a def after an import shadows it', 'from pickle import loads\n\ndef loads(b):\n    return b\n\ndef f(b):\n    return loads(b)\n', []],
    ['an import after a def wins over it', 'def loads(b):\n    return b\n\nfrom pickle import loads\n\ndef f(b):\n    return loads(b)\n', ['MLS101']],
    ['a def after the edited statement is not seen yet', 'from pickle import loads\n\ndef f(b):\n    return loads(b)\n\ndef loads(b):\n    return b\n', ['MLS101']],
  ];
  for (const [name, program, codes] of orders) {
    for (const trackEdits of [false, true]) {
      it(`resolves names of cached definitions in order: ${name}${trackEdits ? ', with reported edits' : ''}`, async () => {
        const engine = await getEngine();
        const cache = new StatementCache({ trackEdits });
        let text = program;
        assert.deepEqual(both(engine, cache, text).cached.map((f) => f.code), codes);
        const at = text.indexOf('def f(b)') + 'def f(b'.length;
        text = trackEdits ? apply(cache, text, at, 0, ', c=1') : text.slice(0, at) + ', c=1' + text.slice(at);
        const r = both(engine, cache, text);
        assert.deepEqual(r.cached, r.full);
        assert.deepEqual(r.cached.map((f) => f.code), codes);
        assert.equal(cache.misses, 1, 'only the edited function is linted again');
      });
    }
  }

  // The output-handling rules decide in `end` from every statement's notes: a tool registered after its
  // definition, and a helper called with model output, must be found whichever statements were walked.
  const followed: [string, string, string, number][] = [
    ['a function registered as a tool after it', 'from langchain_core.tools import Tool\nprint("a")\n\ndef run(code):\n    exec(code)\n\ntool = Tool(name="py", func=run, description="d")\n', 'print("a")', 4],
    ['a function registered as a tool, the registration edited', 'from langchain_core.tools import Tool\n\ndef run(code):\n    exec(code)\n\ntool = Tool(name="py", func=run, description="d")\n', 'description="d"', 3],
    ['a helper called with model output', 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\n\ndef run(code):\n    exec(code)\n\nprint("a")\nanswer = llm.invoke("q").content\nrun(answer)\n', 'print("a")', 8],
    ['a helper called with model output, the helper edited elsewhere', 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\n\ndef run(code):\n    print("a")\n    exec(code)\n\ndef main():\n    run(llm.invoke("q").content)\n', 'print("a")', 8],
  ];
  for (const [name, program, edited, line] of followed) {
    it(`follows model output across statements when others are served from the cache: ${name}`, async () => {
      const engine = await getEngine();
      const cache = new StatementCache();
      const first = both(engine, cache, program);
      assert.deepEqual(first.cached, first.full);
      assert.deepEqual(first.full.filter((f) => f.code === 'MLS501').map((f) => f.range.start.line), [line]);
      const replacement = edited.startsWith('print') ? 'print("b")' : 'description="e"';
      const r = both(engine, cache, program.replace(edited, replacement));
      assert.ok(cache.hits > 0, 'some statements were served from the cache');
      assert.deepEqual(r.cached, r.full);
      assert.deepEqual(r.cached.filter((f) => f.code === 'MLS501').map((f) => f.range.start.line), [line]);
    });
  }

  it('compares text again when the reported edits do not add up to the text it is given', async () => {
    const engine = await getEngine();
    const cache = new StatementCache({ trackEdits: true });
    const text = 'import torch\n\ndef a(p):\n    return torch.load(p, weights_only=True)\n';
    both(engine, cache, text);
    // Changed without a report: the length differs, so the cache cannot trust its positions.
    const r = both(engine, cache, text.replace('True', 'False'));
    assert.deepEqual(r.cached, r.full);
    assert.equal(r.cached.length, 1);
  });

  it('re-lints the statement when a character of any fixture finding is replaced in place', async () => {
    const engine = await getEngine();
    const root = path.join(__dirname, '..', 'rules');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py'));
    let checked = 0;
    for (const file of files) {
      const original = fs.readFileSync(path.join(root, file), 'utf8');
      const lines = original.split('\n');
      const offset = (p: { line: number; column: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.column;
      for (const f of engine.lint({ text: original }).findings) {
        const cache = new StatementCache({ trackEdits: true });
        both(engine, cache, original);
        const at = offset(f.range.start);
        if (at >= original.length || original[at] === 'x') continue;
        const text = apply(cache, original, at, 1, 'x');
        const { cached, full } = both(engine, cache, text);
        assert.deepEqual(cached, full, `${file}: ${f.code} at ${f.range.start.line + 1}:${f.range.start.column + 1}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} findings were edited`);
  });

  it('gives the same findings as a full lint for any sequence of reported edits to the fixtures', async () => {
    const engine = await getEngine();
    const fixtures = fixtureTexts();
    const snippets = ['x', ' ', '\n', '\r\n', '(', ')', ':', ';', 'é', 'import pickle\n', 'torch = None\n', 'FLAG = False\n', '# mlsec: ignore[MLS101]\n', 'def f():\n    pass\n', '@dec\n', '"""', '\t', ''];
    fc.assert(
      fc.property(
        fc.nat(fixtures.length - 1),
        // del -1: replace as many characters as are inserted (the length alone cannot tell the change).
        fc.array(fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.oneof(fc.nat(8), fc.constant(-1)), ins: fc.constantFrom(...snippets) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (which, batches) => {
          const cache = new StatementCache({ trackEdits: true });
          let text = fixtures[which];
          both(engine, cache, text);
          // Several edits may arrive before a lint (one didChange with many changes, or debounced ones).
          for (const batch of batches) {
            for (const e of batch) {
              const at = Math.floor(e.at * text.length);
              text = apply(cache, text, at, Math.min(e.del < 0 ? e.ins.length : e.del, text.length - at), e.ins);
            }
            const { cached, full } = both(engine, cache, text);
            assert.deepEqual(cached, full);
          }
        },
      ),
      { numRuns: Number(process.env.MLSEC_PROPERTY_RUNS ?? 100) },
    );
  });
});

describe('statement cache memory', () => {
  // Every keystroke makes a new version of the text; an entry that kept a slice of one (a message,
  // a statement's source, a definition's name) would keep that whole version alive.
  it('keeps no old version of the document alive across edits', async function () {
    this.timeout(60_000);
    const v8 = await import('v8');
    const vm = await import('vm');
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const engine = await getEngine();
    const cache = new StatementCache();
    // A 1 MB module docstring makes each version of the text weigh 1 MB; 100 functions to edit.
    let text = `"""${'notes '.repeat(170_000)}"""\nimport torch\n\n`;
    for (let i = 0; i < 100; i++) text += `def load_checkpoint_from_disk_${i}(p):\n    return torch.load(p)\n\n`;
    const lint = (t: string) => {
      const tree = engine.parse(t);
      try {
        return engine.lintTree(tree, { text: t }, cache);
      } finally {
        tree.delete();
      }
    };
    assert.equal(lint(text).findings.length, 100);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Edit a different function each time, so each statement's entry is made from another version.
    for (let i = 0; i < 100; i++) {
      text = text.replace(`def load_checkpoint_from_disk_${i}(p):`, `def load_checkpoint_from_disk_${i}(path_):`).replace(`def load_checkpoint_from_disk_${i}(path_):\n    return torch.load(p)`, `def load_checkpoint_from_disk_${i}(path_):\n    return torch.load(path_)`);
      assert.equal(lint(text).findings.length, 100);
      assert.equal(cache.misses, 1);
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    assert.ok(grown < 20, `heap grew by ${grown.toFixed(0)} MiB over 100 edits of a 1 MB text`);
  });
});
