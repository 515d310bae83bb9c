// Generates a tree of Python files for the CLI benchmark that reads like a real ML project: training
// scripts, data loaders, model servers, utilities, configuration modules, tests and package
// `__init__.py` files, short and long, built from a grammar of statements with random names, values
// and nesting. Every file's bytes differ from every other's (no content cache can serve a copy), and
// the same seed gives the same tree. Written here; nothing is copied from any project.
const fs = require('fs');
const path = require('path');

/** mulberry32: small, fast and good enough for picking shapes. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const NOUNS = 'model encoder decoder dataset batch feature label token image score weight loss metric config cache user request record sample embedding vocab checkpoint optimizer scheduler frame column row split shard epoch step layer head mask logit target prediction path result item entry key value table query response payload session client worker job task queue buffer window kernel stride channel pixel text sentence document corpus index offset count total rate ratio threshold margin budget seed device dtype tensor array matrix vector graph node edge cluster centroid'.split(' ');
const VERBS = 'load build compute parse save fetch prepare normalize split encode decode evaluate predict train update merge filter collect resolve export read write apply transform sample shuffle pad truncate tokenize collate validate check convert format render serialize restore register dispatch schedule batch flatten reshape project score rank align'.split(' ');
const ADJS = 'raw clean final best last next prev local remote global default max min mean total valid train test eval hidden input output base extra new old cached pending'.split(' ');
const MODULES = [
  ['os', null], ['sys', null], ['json', null], ['time', null], ['math', null], ['random', null], ['logging', null], ['argparse', null], ['re', null],
  ['hashlib', null], ['shutil', null], ['subprocess', null], ['tempfile', null], ['pickle', null], ['itertools', null], ['functools', null],
  ['numpy', 'np'], ['pandas', 'pd'], ['torch', null], ['torch.nn', 'nn'], ['torch.nn.functional', 'F'], ['yaml', null], ['requests', null],
  ['collections', null], ['dataclasses', null], ['typing', null], ['pathlib', null], ['joblib', null], ['csv', null], ['glob', null],
];
const FROM_IMPORTS = [
  ['typing', ['Any', 'Dict', 'List', 'Optional', 'Tuple', 'Iterable', 'Callable', 'Union']],
  ['pathlib', ['Path']],
  ['dataclasses', ['dataclass', 'field', 'asdict']],
  ['collections', ['defaultdict', 'Counter', 'OrderedDict', 'deque']],
  ['torch.utils.data', ['Dataset', 'DataLoader', 'random_split', 'Sampler']],
  ['transformers', ['AutoTokenizer', 'AutoModel', 'AutoModelForSequenceClassification', 'Trainer', 'TrainingArguments', 'pipeline']],
  ['sklearn.model_selection', ['train_test_split', 'KFold', 'GridSearchCV']],
  ['sklearn.metrics', ['accuracy_score', 'f1_score', 'roc_auc_score', 'confusion_matrix']],
  ['functools', ['lru_cache', 'partial', 'wraps', 'reduce']],
  ['concurrent.futures', ['ThreadPoolExecutor', 'as_completed']],
  ['contextlib', ['contextmanager', 'suppress']],
];

class Gen {
  constructor(seed) {
    this.r = rng(seed);
    this.out = [];
    this.names = ['config', 'args', 'data', 'result', 'items', 'path'];
    this.funcs = ['print', 'len', 'sorted', 'min', 'max', 'sum', 'list', 'dict', 'str', 'int', 'float', 'isinstance', 'enumerate', 'zip', 'range'];
    this.mods = [];
  }
  rand() {
    return this.r();
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick(xs) {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p) {
    return this.r() < p;
  }
  noun() {
    return this.pick(NOUNS);
  }
  ident() {
    const k = this.int(0, 5);
    if (k === 0) return this.noun();
    if (k <= 2) return `${this.pick(ADJS)}_${this.noun()}`;
    if (k === 3) return `${this.noun()}_${this.noun()}`;
    if (k === 4) return `${this.noun()}s`;
    return `${this.noun()}_${this.pick(['id', 'dir', 'name', 'size', 'count', 'fn', 'map', 'list', 'idx', 'len'])}`;
  }
  fname() {
    return `${this.pick(VERBS)}_${this.chance(0.3) ? this.pick(ADJS) + '_' : ''}${this.noun()}${this.chance(0.2) ? 's' : ''}`;
  }
  cname() {
    const cap = (s) => s[0].toUpperCase() + s.slice(1);
    return cap(this.noun()) + (this.chance(0.6) ? cap(this.pick(['Model', 'Dataset', 'Loader', 'Encoder', 'Trainer', 'Config', 'Handler', 'Client', 'Store', 'Pipeline', 'Metric', 'Callback', 'Service', 'Error'])) : cap(this.noun()));
  }
  name() {
    return this.chance(0.8) ? this.pick(this.names) : this.ident();
  }
  line(depth, s) {
    this.out.push('    '.repeat(depth) + s);
  }
  string() {
    const k = this.int(0, 9);
    if (k < 3) return JSON.stringify(this.ident());
    if (k < 5) return `"${this.pick(['data', 'models', 'runs', 'output', 'cache', 'logs'])}/${this.ident()}.${this.pick(['json', 'csv', 'pt', 'bin', 'parquet', 'txt', 'yaml', 'pkl'])}"`;
    if (k < 7) return `f"${this.pick(VERBS)} {${this.name()}} ${this.pick(['done', 'failed', 'in', 'for', 'at'])} {${this.name()}${this.chance(0.4) ? ':.3f' : ''}}"`;
    if (k < 8) return `'${this.pick(VERBS)} ${this.noun()} %s'`;
    return `"${Array.from({ length: this.int(2, 7) }, () => this.noun()).join(' ')}"`;
  }
  literal() {
    const k = this.int(0, 9);
    if (k < 3) return String(this.int(0, 1024));
    if (k < 5) return (this.r() * 10).toFixed(this.int(1, 4));
    if (k < 7) return this.string();
    if (k < 8) return this.pick(['True', 'False', 'None']);
    if (k < 9) return `[${Array.from({ length: this.int(0, 5) }, () => this.int(1, 512)).join(', ')}]`;
    return `(${this.int(1, 64)}, ${this.int(1, 64)})`;
  }
  callee() {
    const k = this.int(0, 9);
    if (k < 3) return this.pick(this.funcs);
    if (k < 5 && this.mods.length) return `${this.pick(this.mods)}.${this.pick(VERBS)}${this.chance(0.3) ? '_' + this.noun() : ''}`;
    if (k < 7) return `${this.name()}.${this.pick(VERBS)}`;
    if (k < 8) return `self.${this.fname()}`;
    return this.fname();
  }
  call(d = 0) {
    const args = [];
    for (let i = this.int(0, 2); i > 0; i--) args.push(this.expr(d + 1));
    for (let i = this.chance(0.3) ? this.int(1, 2) : 0; i > 0; i--) args.push(`${this.ident()}=${this.expr(d + 1)}`);
    return `${this.callee()}(${args.join(', ')})`;
  }
  expr(d = 0) {
    if (d > 1 || (d === 1 && this.chance(0.5))) return this.chance(0.6) ? this.name() : this.literal();
    const k = this.int(0, 19);
    if (k < 4) return this.name();
    if (k < 7) return this.literal();
    if (k < 11) return this.call(d);
    if (k < 12) return `${this.name()}.${this.ident()}`;
    if (k < 13) return `${this.name()}[${this.chance(0.5) ? this.string() : this.int(-1, 8)}]`;
    if (k < 14) return `${this.expr(d + 1)} ${this.pick(['+', '-', '*', '/', '//', '%', '**'])} ${this.expr(d + 1)}`;
    if (k < 15) return `[${this.expr(d + 1)} for ${this.ident()} in ${this.name()}${this.chance(0.3) ? ` if ${this.cond(d + 1)}` : ''}]`;
    if (k < 16) return `{${Array.from({ length: this.int(1, 4) }, () => `${this.string()}: ${this.expr(d + 1)}`).join(', ')}}`;
    if (k < 17) return `${this.expr(d + 1)} if ${this.cond(d + 1)} else ${this.expr(d + 1)}`;
    if (k < 18) return `lambda ${this.ident()}: ${this.expr(d + 1)}`;
    if (k < 19) return `{${this.ident()}: ${this.expr(d + 1)} for ${this.ident()}, ${this.ident()} in ${this.name()}.items()}`;
    return `(${this.expr(d + 1)}, ${this.expr(d + 1)})`;
  }
  cond(d = 0) {
    const k = this.int(0, 6);
    if (k < 2) return `${this.name()} ${this.pick(['>', '<', '>=', '<=', '==', '!='])} ${this.expr(d + 1)}`;
    if (k < 3) return `${this.name()} is ${this.chance(0.5) ? 'not ' : ''}None`;
    if (k < 4) return `not ${this.name()}`;
    if (k < 5) return `isinstance(${this.name()}, ${this.pick(['str', 'dict', 'list', 'int', 'tuple', 'float'])})`;
    if (k < 6) return `${this.string()} in ${this.name()}`;
    return `${this.name()} and ${this.name()}`;
  }
  /** A risky call, as real ML code has some: what the three tools look for. */
  risky(depth) {
    const n = this.ident();
    const p = this.name();
    const k = this.int(0, 15);
    const lines = [
      [`with open(${p}, "rb") as fh:`, `    ${n} = pickle.load(fh)`],
      [`${n} = torch.load(${p}${this.chance(0.5) ? ', weights_only=True' : ', map_location="cpu"'})`],
      [`${n} = yaml.load(open(${p}), Loader=yaml.${this.pick(['Loader', 'SafeLoader', 'FullLoader'])})`],
      [`${n} = subprocess.run(${this.string()} + ${p}, shell=True, check=True)`],
      [`${n} = requests.get(${this.string()}, timeout=${this.int(1, 60)}${this.chance(0.4) ? ', verify=False' : ''})`],
      [`${n} = hashlib.${this.pick(['md5', 'sha1', 'sha256'])}(${p}.encode()).hexdigest()`],
      [`${n} = eval(${p})`],
      [`${n} = AutoModel.from_pretrained(${this.string()}${this.chance(0.5) ? `, revision="${this.int(1e6, 9e6).toString(16)}"` : ''})`],
      [`${n} = joblib.load(${p})`],
      [`${n} = np.load(${p}, allow_pickle=${this.pick(['True', 'False'])})`],
      [`${n} = pd.read_pickle(${p})`],
      [`${n} = tempfile.mktemp(suffix=".${this.pick(['pt', 'json', 'bin'])}")`],
      [`os.system(f"rm -rf {${p}}")`],
      [`${n} = random.random() * ${this.int(1, 100)}`],
      [`assert ${this.cond()}, ${this.string()}`],
      [`password = "${this.pick(['hunter', 'secret', 'changeme', 'admin'])}${this.int(10, 99)}"`],
    ][k];
    for (const l of lines) this.line(depth, l);
  }
  stmt(depth, budget) {
    const k = this.int(0, 29);
    if (depth > 4 || budget < 3 || k < 10) return this.simple(depth);
    if (k < 14) {
      this.line(depth, `if ${this.cond()}:`);
      let used = 1 + this.block(depth + 1, this.int(1, Math.min(6, budget - 1)));
      if (this.chance(0.3)) {
        this.line(depth, `elif ${this.cond()}:`);
        used += 1 + this.block(depth + 1, this.int(1, 3));
      }
      if (this.chance(0.4)) {
        this.line(depth, 'else:');
        used += 1 + this.block(depth + 1, this.int(1, 3));
      }
      return used;
    }
    if (k < 18) {
      const v = this.ident();
      this.line(depth, `for ${this.chance(0.3) ? `i, ${v}` : v} in ${this.chance(0.3) ? `enumerate(${this.name()})` : this.chance(0.3) ? `range(${this.int(1, 100)})` : this.name()}:`);
      this.names.push(v);
      return 1 + this.block(depth + 1, this.int(1, Math.min(8, budget - 1)));
    }
    if (k < 20) {
      this.line(depth, 'try:');
      let used = 1 + this.block(depth + 1, this.int(1, 5));
      this.line(depth, `except ${this.pick(['Exception', 'ValueError', 'KeyError', 'OSError', '(TypeError, ValueError)', 'FileNotFoundError', 'RuntimeError'])} as exc:`);
      this.line(depth + 1, `logger.${this.pick(['warning', 'error', 'exception'])}(${this.string()}, exc)`);
      used += 2;
      if (this.chance(0.5)) {
        this.line(depth + 1, this.chance(0.5) ? 'raise' : `return ${this.expr()}`);
        used++;
      }
      if (this.chance(0.2)) {
        this.line(depth, 'finally:');
        used += 1 + this.block(depth + 1, 1);
      }
      return used;
    }
    if (k < 22) {
      const v = this.ident();
      this.line(depth, `with ${this.chance(0.6) ? `open(${this.name()}, "${this.pick(['r', 'w', 'rb', 'wb', 'a'])}")` : this.call()} as ${v}:`);
      this.names.push(v);
      return 1 + this.block(depth + 1, this.int(1, 4));
    }
    if (k < 23) {
      this.line(depth, `while ${this.cond()}:`);
      return 1 + this.block(depth + 1, this.int(1, 4));
    }
    if (k < 25) {
      this.risky(depth);
      return 2;
    }
    if (k < 26) {
      this.line(depth, `# ${this.pick(['TODO', 'NOTE', 'FIXME', 'XXX'])}: ${this.pick(VERBS)} the ${this.noun()} ${this.pick(['before', 'after', 'once', 'unless'])} ${this.noun()} is ${this.pick(ADJS)}`);
      return 1;
    }
    return this.simple(depth);
  }
  simple(depth) {
    const k = this.int(0, 11);
    if (k < 5) {
      const v = this.chance(0.15) ? `${this.ident()}, ${this.ident()}` : this.chance(0.15) ? `self.${this.ident()}` : this.ident();
      this.line(depth, `${v}${this.chance(0.1) ? `: ${this.pick(['int', 'str', 'float', 'list', 'dict', 'Optional[str]'])}` : ''} = ${this.expr()}`);
      for (const n of v.split(', ')) if (!n.includes('.')) this.names.push(n);
    } else if (k < 8) this.line(depth, this.call());
    else if (k < 9) this.line(depth, `logger.${this.pick(['info', 'debug', 'warning'])}(${this.string()}, ${this.name()})`);
    else if (k < 10) this.line(depth, `${this.name()} ${this.pick(['+=', '-=', '*=', '|='])} ${this.expr()}`);
    else if (k < 11) this.line(depth, `${this.name()}[${this.string()}] = ${this.expr()}`);
    else this.line(depth, `${this.name()}.${this.pick(['append', 'extend', 'update', 'add'])}(${this.expr()})`);
    if (this.names.length > 40) this.names.splice(6, 10);
    return 1;
  }
  block(depth, n) {
    let used = 0;
    for (let i = 0; i < n; i++) {
      used += this.stmt(depth, n - i);
      if (i < n - 1 && this.chance(0.12)) this.line(0, ''), used++;
    }
    return used;
  }
  docstring(depth, long) {
    const words = () => Array.from({ length: this.int(4, 12) }, () => this.pick(this.chance(0.5) ? NOUNS : VERBS)).join(' ');
    if (!long) {
      const w = words();
      this.line(depth, `"""${w[0].toUpperCase()}${w.slice(1)}."""`);
      return 1;
    }
    this.line(depth, `"""${words()}.`);
    this.line(depth, '');
    this.line(depth, 'Args:');
    const n = this.int(1, 3);
    for (let i = 0; i < n; i++) this.line(depth + 1, `${this.ident()}: ${words()}.`);
    this.line(depth, 'Returns:');
    this.line(depth + 1, `${words()}.`);
    this.line(depth, '"""');
    return 6 + n;
  }
  params(self) {
    const ps = self ? ['self'] : [];
    for (let i = this.int(0, 4); i > 0; i--) {
      const p = this.ident();
      if (ps.includes(p)) continue;
      ps.push(this.chance(0.3) ? `${p}: ${this.pick(['int', 'str', 'float', 'bool', 'Path', 'Optional[int]', 'List[str]', 'Dict[str, Any]'])}${this.chance(0.5) ? ` = ${this.literal()}` : ''}` : this.chance(0.3) ? `${p}=${this.literal()}` : p);
      this.names.push(p);
    }
    if (this.chance(0.1)) ps.push('*args', '**kwargs');
    return ps.join(', ');
  }
  func(depth, size, self = false) {
    const name = this.fname();
    this.funcs.push(name);
    let used = 0;
    if (this.chance(0.2)) {
      this.line(depth, `@${this.pick(['lru_cache(maxsize=None)', 'staticmethod', 'torch.no_grad()', 'property', 'app.route("/' + this.noun() + '")', 'pytest.fixture', 'wraps(fn)', 'contextmanager'])}`);
      used++;
    }
    this.line(depth, `${this.chance(0.08) ? 'async ' : ''}def ${name}(${this.params(self)})${this.chance(0.3) ? ` -> ${this.pick(['None', 'int', 'str', 'dict', 'List[str]', 'torch.Tensor', 'bool'])}` : ''}:`);
    used++;
    if (this.chance(0.6)) used += this.docstring(depth + 1, this.chance(0.3));
    used += this.block(depth + 1, Math.max(1, size - used - 1));
    this.line(depth + 1, `return ${this.expr()}`);
    this.line(0, '');
    return used + 2;
  }
  klass(size, base) {
    const name = this.cname();
    let used = 0;
    if (this.chance(0.3)) {
      this.line(0, '@dataclass');
      this.line(0, `class ${name}:`);
      used += 2 + this.docstring(1, false);
      for (let i = this.int(2, 8); i > 0; i--, used++) this.line(1, `${this.ident()}: ${this.pick(['int', 'str', 'float', 'bool', 'Optional[str]', 'List[int]'])} = ${this.chance(0.2) ? 'field(default_factory=list)' : this.literal()}`);
      this.line(0, '');
      return used + 1;
    }
    this.line(0, `class ${name}(${base ?? this.pick(['nn.Module', 'Dataset', 'object', 'Exception', 'BaseModel', ''])}):`);
    used++;
    if (this.chance(0.7)) used += this.docstring(1, false);
    this.line(1, '');
    while (used < size) used += this.func(1, this.int(3, Math.min(30, Math.max(4, size - used))), true);
    return used;
  }
  header(kind) {
    if (this.chance(0.15)) this.line(0, '#!/usr/bin/env python3');
    if (this.chance(0.2)) this.line(0, `# Copyright ${this.int(2015, 2025)} The ${this.cname()} Authors.`);
    this.docstring(0, this.chance(0.3));
    this.line(0, '');
    const mods = [...MODULES].sort(() => this.r() - 0.5).slice(0, this.int(2, kind === 'init' ? 3 : 9));
    if (kind === 'train' && !mods.some((m) => m[0] === 'torch')) mods.push(['torch', null]);
    for (const [m, as] of mods) {
      this.line(0, as ? `import ${m} as ${as}` : `import ${m}`);
      this.mods.push(as ?? m);
    }
    for (const [m, names] of [...FROM_IMPORTS].sort(() => this.r() - 0.5).slice(0, this.int(0, 4))) {
      const ns = [...names].sort(() => this.r() - 0.5).slice(0, this.int(1, 4));
      this.line(0, `from ${m} import ${ns.join(', ')}`);
      this.funcs.push(...ns.filter((n) => /^[A-Za-z]/.test(n)));
    }
    if (this.chance(0.3)) this.line(0, `from .${this.noun()} import ${this.cname()}, ${this.fname()}`);
    this.line(0, '');
    if (kind !== 'init' && this.chance(0.8)) this.line(0, 'logger = logging.getLogger(__name__)');
    this.line(0, '');
  }
  constants(n) {
    for (let i = 0; i < n; i++) {
      const k = this.int(0, 5);
      const c = this.ident().toUpperCase();
      if (k < 3) this.line(0, `${c} = ${this.literal()}`);
      else if (k < 4) this.line(0, `${c} = os.environ.get("${c}", ${this.literal()})`);
      else {
        this.line(0, `${c} = {`);
        for (let j = this.int(2, 6); j > 0; j--) this.line(1, `${this.string()}: ${this.literal()},`);
        this.line(0, '}');
      }
    }
    this.line(0, '');
  }
  main(size) {
    this.line(0, '');
    this.line(0, 'def main():');
    this.line(1, `parser = argparse.ArgumentParser(description=${this.string()})`);
    for (let i = this.int(2, 10); i > 0; i--) this.line(1, `parser.add_argument("--${this.ident().replace(/_/g, '-')}", type=${this.pick(['int', 'str', 'float'])}, default=${this.literal()})`);
    this.line(1, 'args = parser.parse_args()');
    this.block(1, Math.max(2, size));
    this.line(0, '');
    this.line(0, '');
    this.line(0, 'if __name__ == "__main__":');
    this.line(1, 'main()');
  }
  test(size) {
    let used = 0;
    while (used < size) {
      if (this.chance(0.2)) {
        this.line(0, `@pytest.mark.parametrize("${this.ident()}", [${Array.from({ length: this.int(2, 5) }, () => this.literal()).join(', ')}])`);
        used++;
      }
      this.line(0, `def test_${this.fname()}(${this.chance(0.5) ? this.pick(['tmp_path', 'monkeypatch', 'capsys', 'model', 'client']) : ''}):`);
      used += 1 + this.block(1, this.int(2, 8));
      for (let i = this.int(1, 3); i > 0; i--, used++) this.line(1, `assert ${this.cond()}`);
      this.line(0, '');
      this.line(0, '');
      used += 2;
    }
  }
  file(kind, lines) {
    this.header(kind);
    if (kind === 'init') {
      if (this.chance(0.5)) this.line(0, `__all__ = [${Array.from({ length: this.int(1, 6) }, () => `"${this.fname()}"`).join(', ')}]`);
      if (this.chance(0.5)) this.line(0, `__version__ = "${this.int(0, 3)}.${this.int(0, 20)}.${this.int(0, 9)}"`);
      return this.text();
    }
    if (kind === 'config') {
      this.constants(Math.max(3, Math.floor(lines / 2)));
      return this.text();
    }
    if (kind === 'test') {
      this.line(0, 'import pytest');
      this.line(0, '');
      this.test(lines - this.out.length);
      return this.text();
    }
    if (this.chance(0.6)) this.constants(this.int(1, 6));
    if (kind === 'server') {
      this.line(0, `app = ${this.pick(['Flask(__name__)', 'FastAPI()'])}`);
      this.line(0, '');
    }
    while (this.out.length < lines - (kind === 'train' ? 15 : 0)) {
      const left = lines - this.out.length;
      const k = this.int(0, 9);
      if (k < 3 && left > 20) this.klass(this.int(10, Math.min(200, left)), kind === 'train' ? 'nn.Module' : kind === 'data' ? 'Dataset' : undefined);
      else this.func(0, this.int(3, Math.min(60, Math.max(4, left))));
    }
    if (kind === 'train' || (kind === 'util' && this.chance(0.3))) this.main(this.int(3, 12));
    return this.text();
  }
  text() {
    return this.out.join('\n') + '\n';
  }
}

const KINDS = [
  ['train', 0.2, 'train'],
  ['data', 0.15, 'data'],
  ['server', 0.08, 'serve'],
  ['util', 0.27, 'utils'],
  ['test', 0.15, 'tests'],
  ['config', 0.05, 'configs'],
  ['init', 0.1, ''],
];

/** How long a file is: most are short, a few very long, as in real projects (median ~35 lines). */
function fileLines(g, kind) {
  if (kind === 'init') return 5;
  const x = Math.exp(3.45 + 0.9 * gauss(g));
  return Math.max(8, Math.min(1500, Math.round(x)));
}

function gauss(g) {
  return Math.sqrt(-2 * Math.log(1 - g.rand())) * Math.cos(2 * Math.PI * g.rand());
}

/**
 * Writes `files` Python files under `dir` (packages of a few dozen files, nested), from `seed`.
 * Returns their number of lines and bytes. Kept when `dir` already holds the same corpus.
 */
function writeCliCorpus(dir, files, seed) {
  const stamp = path.join(dir, '.done');
  const want = `${files} ${seed} v1`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return JSON.parse(fs.readFileSync(path.join(dir, '.stats'), 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  const pick = rng(seed);
  let lines = 0;
  let bytes = 0;
  let written = 0;
  for (let i = 0; i < files; i++) {
    let u = pick();
    let kind = KINDS[0];
    for (const k of KINDS) {
      kind = k;
      if ((u -= k[1]) < 0) break;
    }
    const g = new Gen(seed * 1000003 + i);
    const pkg = `pkg${Math.floor(i / 40)}`;
    const sub = path.join(dir, pkg, kind[2]);
    fs.mkdirSync(sub, { recursive: true });
    const n = fileLines(g, kind[0]);
    // One `__init__.py` per package; a package's other short modules are named as the rest.
    const init = kind[0] === 'init' && !fs.existsSync(path.join(sub, '__init__.py'));
    const name = init ? '__init__.py' : kind[0] === 'test' ? `test_${g.fname()}_${i}.py` : `${g.fname()}_${i}.py`;
    const file = path.join(sub, name);
    const text = `# ${pkg}/${kind[2]}/${name}\n` + g.file(kind[0], n);
    fs.writeFileSync(file, text);
    written++;
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
  }
  const stats = { files: written, lines, bytes };
  fs.writeFileSync(path.join(dir, '.stats'), JSON.stringify(stats));
  fs.writeFileSync(stamp, want);
  return stats;
}

module.exports = { writeCliCorpus };

if (require.main === module) {
  const [dir, files = '880', seed = '29'] = process.argv.slice(2);
  console.log(JSON.stringify(writeCliCorpus(path.resolve(dir), Number(files), Number(seed))));
}
