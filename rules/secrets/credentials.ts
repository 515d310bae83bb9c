import type { SyntaxNode } from '../../engine/syntax';
import type { RuleContext } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import { importOs } from './scan';
import { plainString } from '../../engine/evaluate';
import { entropy } from '../../engine/secrets';

/**
 * Generic credentials: what a name says it holds, where a string literal is bound to a name, and
 * which values are placeholders rather than secrets. Shared by MLS207 (a literal bound to a
 * credential name) and MLS209 (a password inside a URL or connection string).
 */

/**
 * How strong the evidence of a name is.
 * - `password`: password, passwd, pwd, passphrase, secret, api key, private key...: any value that is no placeholder.
 * - `token`: token, auth, credentials: common in ML code for other things (a tokenizer's tokens), so the value must look like one.
 * - `key`: a bare or unqualified key (`key`, `cache_key`): only a high-entropy hex or base64 value.
 */
export type Strength = 'password' | 'token' | 'key';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pswd', 'psw', 'pword', 'pw', 'pass', 'passphrase', 'passcode', 'secret', 'secrete', 'apikey', 'apitoken', 'secretkey', 'privatekey', 'accesskey']);
const TOKEN_WORDS = new Set(['token', 'auth', 'authorization', 'credential', 'credentials', 'creds', 'bearer']);
/** Words that make `key` a credential: `api_key`, `SECRET_KEY`, `signing_key`, `X-Api-Key`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'sign', 'encryption', 'encrypt', 'decryption', 'master', 'auth', 'client', 'app', 'consumer', 'subscription', 'license', 'licence', 'hmac', 'jwt', 'aes', 'fernet', 'session', 'account', 'admin', 'webhook', 'shared', 'crypto', 'cipher', 'service']);
/** `key` words that are never secrets, even with a random-looking value: a cache key is a hash of something public. */
const KEY_NOT_SECRET = new Set(['cache', 'sort', 'primary', 'foreign', 'partition', 'row', 'column', 'dict', 'map', 'lookup', 'group', 'hash', 'index', 'idempotency', 'object', 's3', 'blob', 'bucket', 'public', 'pub', 'join', 'unique', 'composite', 'dedup', 'shard', 'routing', 'feature', 'metric', 'config', 'state', 'batch', 'item', 'file', 'input', 'output', 'label', 'target', 'image', 'text', 'prompt']);

/**
 * Words after the credential word that make the name about the credential, not the credential
 * itself: `password_length`, `token_count`, `secret_name`, `auth_url`, `pass_rate`.
 */
const NON_VALUE = new Set(
  (
    'length len size count counter counts cnt num number min max limit limits type types kind name names field fields label labels prompt hint help message msg ' +
    'error err text title placeholder description desc doc docs regex re rx pattern patterns policy rule rules validator validators validation valid invalid ' +
    'check checker strength score url urls uri endpoint host path paths file files filename filepath dir folder location loc env envvar var variable id ids ' +
    'index idx pos position offset column col attr attribute attrs param params parameter arg args argument opt option options flag flags enabled enable ' +
    'disabled required require requirement requirements expiry expires expire expiration expired exp ttl timeout age lifetime duration format fmt encoding ' +
    'encoder decoder method mechanism mechanisms mode style class cls scheme schema source src provider providers manager mgr store storage backend handler callback cb fn func ' +
    'function loader reader writer generator gen factory builder hash hashed digest template tmpl version ver changed reset updated created date time at ' +
    'timestamp history input box widget form view page btn button selector xpath css element elem locator mask char chars charset alphabet level bits rounds ' +
    'iterations iter cost algo algorithm prefix suffix sep separator delimiter list lst dict map mapping set table query sql request req response resp def ' +
    'definition spec config cfg settings setting info status state result results ok success cache type_ids rate ratio threshold thresh window stride ' +
    'dropout dim dims shape width height depth usage used left remaining quota per budget vocab freq frequency embedding embeddings emb logits probs prob ' +
    'scores weights loss classifier model layer head span spans start end boundary masks note notes comment comments key keys keyword header headers ' +
    'regexp matcher parser splitter filter through fail mark k pool prefixes suffixes sequence seq stream iterator it idf tf mapping vectorizer scope scopes arn ref reference vault mount namespace region project bucket topic queue role resource'
  ).split(' '),
);
/** Words before the credential word that say the same: `num_tokens`, `max_token`, `show_password`. */
const NON_VALUE_BEFORE = new Set(['num', 'n', 'max', 'min', 'total', 'count', 'is', 'has', 'show', 'hide', 'no', 'need', 'needs', 'require', 'requires', 'forgot', 'validate', 'check', 'len', 'hashed', 'hash']);
/** A tokenizer's special tokens (`pad_token = "[PAD]"`, `eos_token="</s>"`) are vocabulary, not credentials. */
const SPECIAL_TOKEN = new Set(['pad', 'bos', 'eos', 'unk', 'sep', 'cls', 'mask', 'start', 'end', 'stop', 'special', 'begin', 'eot', 'sot', 'image', 'img', 'audio', 'video', 'vision', 'boi', 'eoi', 'split', 'boundary', 'placeholder', 'think', 'tool', 'system', 'assistant', 'ignore', 'extra', 'decoder', 'encoder', 'prefix', 'suffix', 'middle', 'fim', 'added', 'sentinel', 'separator', 'control', 'word', 'char', 'subword', 'next', 'prev', 'current', 'cur', 'input', 'output', 'target', 'unknown', 'padding', 'eol', 'newline', 'space', 'blank', 'default', 'first', 'last', 'mask', 'query', 'doc', 'answer', 'question', 'context', 'label', 'class', 'sentence', 'bpe']);

/** A credential word run together with another (`theapikey`, `adminpassword`, `dbpasswd`): read as the credential word. */
const RUN_TOGETHER = /^[a-z]{2,}(password|passwd|passphrase|apikey|secretkey|privatekey|accesskey)$/;

/** `dbPassword`, `EMAIL_PASSWORD`, `db_pass2`, `X-Api-Key`, `APIKey` as lower-case words: ['db', 'password'], ['db', 'pass', '2']... */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export interface CredentialName {
  strength: Strength;
  /** The word that made it a credential name (for the message). */
  word: string;
}

/** Names seen before: the same few (`token`, `password`, `name`, `key`) come back in every file. */
const NAMES = new Map<string, CredentialName | null>();

/** What a name says it holds, or undefined when it names no credential (or names something about one). */
export function credentialName(name: string): CredentialName | undefined {
  let known = NAMES.get(name);
  if (known === undefined) {
    known = classify(name) ?? null;
    if (NAMES.size > 10000) NAMES.clear();
    // A copy of the name, never a slice of the document (which it would keep alive).
    NAMES.set((' ' + name).slice(1), known);
  }
  return known ?? undefined;
}

/** A cheap test first: a name with none of these letters names no credential. */
const MAY_NAME_CREDENTIAL = /pass|pwd|psw|pw|secret|token|auth|cred|key|bearer|pword/i;

function classify(name: string): CredentialName | undefined {
  if (name.length > 80 || !MAY_NAME_CREDENTIAL.test(name)) return undefined;
  const words = nameWords(name);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = RUN_TOGETHER.exec(words[i])?.[1] ?? words[i];
    let strength: Strength | undefined;
    if (PASSWORD_WORDS.has(w)) strength = 'password';
    else if (TOKEN_WORDS.has(w)) strength = 'token';
    else if (w === 'key') {
      const before = words[i - 1];
      if (before && KEY_NOT_SECRET.has(before)) return undefined;
      strength = before && (KEY_QUALIFIERS.has(before) || PASSWORD_WORDS.has(before)) ? 'password' : 'key';
    }
    if (!strength) continue;
    // The last credential word decides: what comes after it must not say the name is about it.
    if (words.slice(i + 1).some((x) => NON_VALUE.has(x))) return undefined;
    const before = words.slice(0, i);
    if (before.some((x) => NON_VALUE_BEFORE.has(x))) return undefined;
    if (w === 'token' && before.some((x) => SPECIAL_TOKEN.has(x))) return undefined;
    return { strength, word: w };
  }
  return undefined;
}

/** A value shaped like a token rather than a word: digits and letters mixed, or long and random. */
function tokenLike(v: string): boolean {
  if (/\s/.test(v) || v.length < 6) return false;
  if (/[0-9]/.test(v) && /[A-Za-z]/.test(v)) return true;
  return v.length >= 12 && entropy(v) >= 3;
}

/** detect-secrets' high-entropy detectors, as a start: hex with entropy >= 3.0, base64 with entropy >= 4.5. */
export function highEntropy(v: string): 'hex' | 'base64' | undefined {
  if (v.length >= 16 && /^[0-9a-f]+$/i.test(v) && entropy(v) >= 3) return 'hex';
  if (v.length >= 20 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && entropy(v) >= 4.5) return 'base64';
  return undefined;
}

const PLACEHOLDER_WORDS = /your|example|placeholder|dummy|redacted|change[ _-]?me|replace|insert|sample|fake|todo|fixme|tbd|notset|not_set|not-set|_here\b|-here\b/i;
/**
 * Stand-ins that local OpenAI-compatible servers (vLLM, Ollama, LM Studio) and proxies accept (`sk-` with a
 * few characters, as LiteLLM's proxy documents `sk-1234`: no provider's key is that short), and names of
 * authentication schemes.
 */
const STAND_INS = /^(sk-)?(no-?key(-required)?|not-?needed|not-?required|not-?used|unused|anything|ollama|lm-?studio|token-abc123)$|^sk-[A-Za-z0-9]{0,8}$|^(oauth[12]?|jwt|ntlm|kerberos|digest|anonymous|sso|saml|ldap|api_?key)$/i;
const NOT_A_VALUE = new Set(['none', 'null', 'nil', 'undefined', 'true', 'false', 'na', 'n/a', 'unset', 'unknown', 'required', 'optional', 'string', 'str', 'bytes', 'value', 'empty', 'password', 'passwd', 'pwd', 'pass', 'token', 'apikey', 'key', 'mypassword', 'yourpassword', 'hidden', 'masked', 'auto', 'env', 'environ', 'bearer', 'basic', 'test', 'testing']);
const PROSE_WORDS = /\b(your|you|please|enter|invalid|incorrect|wrong|must|required|missing|not|the|is|are|was|should|cannot|can't|failed|type|provide|new|confirm|again)\b/i;
const FILE_EXT = /\.(pem|key|json|txt|env|crt|cer|p12|pfx|yaml|yml|ini|cfg|conf|toml|pub|gpg|asc|jks|keystore|der|csv|pkl|py|sh|secret|token|gz|zip)$/i;
const AUTH_SCHEME = /^(Bearer|Basic|Token|Bot|Digest|ApiKey)\s+(\S+)$/i;
const normalized = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
/** The words of a name or value: `awsSecretAccessKey`, `aws_secret_access_key` and `aws secret access key` give the same. */
const words = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
/** Names of keys an application signs or encrypts with: any literal is the live key. */
const SIGNING_KEY = /^(appsecretkey|secretkey|jwtsecret|jwtsecretkey|signingkey|sessionsecret|sessionkey|flasksecretkey|djangosecretkey)$/;

/** What of a value is the credential: a header value's part after its scheme (`Bearer <token>`). */
export function credentialPart(value: string): string {
  return AUTH_SCHEME.exec(value)?.[2] ?? value;
}

/**
 * Values that hold no secret: empty strings and strings of one or two characters, `xxx`, `***`, `<your-token>`, `${VAR}`,
 * `{password}` templates, `%s`, the name itself or the word "password", an environment variable's
 * or a setting's name, a file path or a URL, prose (prompts like "Enter your password:"), and
 * docs examples.
 */
export function isPlaceholderValue(raw: string, name: string): boolean {
  const value = credentialPart(raw.trim());
  if (value.length < 3) return true;
  if (/x{3,}|X{3,}|\*{3,}|\.{3}|…|#{3,}|-{3,}|_{3,}|\?{3,}|•/.test(value) || /^0+$/.test(value)) return true;
  // Templates: `<your-token>`, `{password}`, `{0}`, `{}`, `{{ secret }}`, `${DB_PASS}`, `$DB_PASS`, `%(password)s`, `%s`, `[REDACTED]`.
  if (/<[^<>]*>|(?<!\{)\{[A-Za-z_0-9][\w.]*\}(?!\})|\{\}|\{\{\s*[\w.]+\s*\}\}|\$\{[A-Za-z_]\w*\}|^\$[A-Za-z_]\w*$|%\(\w+\)s|%s|^\[.*\]$/.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value) || STAND_INS.test(value)) return true;
  const n = normalized(value);
  if (NOT_A_VALUE.has(value.toLowerCase()) || NOT_A_VALUE.has(n)) return true;
  // The name itself, or words of it (`aws_secret_access_key="secret_key"`), stands in for a value in
  // docs; not for a signing key, which signs with whatever it is given (`app.secret_key = "secret key"`).
  if (!SIGNING_KEY.test(normalized(name))) {
    if (n === normalized(name) || (n.length > 0 && normalized(name).endsWith(n) && n.length >= 6)) return true;
    const own = new Set(words(name));
    const said = words(value);
    if (said.length > 0 && n.length >= 6 && said.every((w) => own.has(w))) return true;
  }
  // A label for the value, snake_case or Title Case words ending with what the name is
  // (\`login(user, "email_password")\`, \`"Sender Password"\`; a passphrase in plain words is a value), not
  // for a signing key, which signs with whatever it is given.
  if ((/^[A-Za-z]+(_[A-Za-z]+){1,3}$/.test(value) || /^[A-Z][a-z]+( [A-Z][a-z]+){1,3}$/.test(value)) && !SIGNING_KEY.test(normalized(name))) {
    const kind = (w: string | undefined) => (w && /^(password|passwd|pwd|pass)$/.test(w) ? 'password' : w);
    const last = kind(words(value).pop());
    if (last && /^(password|token|secret|key)$/.test(last) && words(name).some((w) => kind(w) === last)) return true;
  }
  // The name of an environment variable or a setting: `"DB_PASSWORD"`, `"settings.SECRET_KEY"`.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) && credentialName(value)) return true;
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(value) && value.split('.').some((p) => credentialName(p))) return true;
  // A file path or a URL (credentials inside a URL are MLS209's).
  if (/^(\/|\.{1,2}[\\/]|~[\\/]|[A-Za-z]:\\)/.test(value) || FILE_EXT.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return true;
  if (/\s/.test(value)) {
    const words = value.split(/\s+/).filter(Boolean);
    if (/[:?!.)]$/.test(value) || words.length >= 4 || PROSE_WORDS.test(value)) return true;
  }
  return false;
}

/** Whether `value`, bound to a name of this strength, is worth reporting. */
export function credentialValue(value: string, name: string, strength: Strength): boolean {
  if (isPlaceholderValue(value, name)) return false;
  const part = credentialPart(value.trim());
  // Three characters are a placeholder (`"abc"`), unless digits given as a password (a PIN, `"123"`).
  if (part.length === 3 && !(strength === 'password' && /^[0-9]+$/.test(part))) return false;
  if (strength === 'token') return tokenLike(part) || part !== value.trim();
  if (strength === 'key') return highEntropy(part) !== undefined;
  return true;
}

/** Where a string literal is bound to a name, and how. */
export interface Bound {
  name: string;
  /** What the message says: `` `password` ``, `` `password=` ``, `` `"password"` ``, a comparison. */
  how: 'assigned' | 'keyword' | 'key' | 'default' | 'compared' | 'argument';
  /** The name may be the environment variable to read instead (an assignment, a keyword, a config key). */
  envName?: string;
  /** The literal is written into `os.environ`: the fix is to set the variable elsewhere, not to read it. */
  envWrite?: boolean;
}

/** Where a signing or encryption key goes by position. */
const POSITIONAL_KEYS = new Map<string, number>([
  ['jwt.encode', 1],
  ['jwt.decode', 1],
  ['hmac.new', 0],
  ['itsdangerous.Signer', 0],
  ['itsdangerous.TimestampSigner', 0],
  ['itsdangerous.Serializer', 0],
  ['itsdangerous.URLSafeSerializer', 0],
  ['itsdangerous.URLSafeTimedSerializer', 0],
  ['cryptography.fernet.Fernet', 0],
]);
const ENV_DEFAULTS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.putenv']);
const BASIC_AUTH = /(^|\.)(HTTPBasicAuth|HTTPDigestAuth|HTTPProxyAuth|BasicAuth|DigestAuth)$/;

function stringValue(ctx: RuleContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return undefined;
  const plain = plainString(node);
  if (plain) return plain.body;
  const v = ctx.evaluate(node);
  return v.known && typeof v.value === 'string' ? v.value : undefined;
}

/** The name a target or an operand stands for: `password`, `self.password`, `d["password"]`, `request.form.get("password")`. */
function nameOf(ctx: RuleContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text;
    case 'subscript':
      return stringValue(ctx, node.childForFieldName('subscript'));
    case 'call': {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || !/^(get|getenv|getattr)$/.test(fn.childForFieldName('attribute')?.text ?? '')) return undefined;
      const first = node.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      return stringValue(ctx, first);
    }
    default:
      return undefined;
  }
}

/** `os.environ.update(API_KEY="...")`, `os.environ.update({"API_KEY": "..."})`: given the argument list. */
const writesEnviron = (ctx: RuleContext, args: SyntaxNode | null | undefined) => args?.type === 'argument_list' && args.parent?.type === 'call' && ctx.callee(args.parent) === 'os.environ.update';
const isEnviron = (ctx: RuleContext, target: SyntaxNode) => target.type === 'subscript' && ctx.qualifiedName(target.childForFieldName('value')) === 'os.environ';

/** The names a string literal is bound to, in whichever position it is. Most literals are bound to none, at the cost of a look at their parent. */
export function bindings(ctx: RuleContext, literal: SyntaxNode): Bound[] {
  const parent = literal.parent;
  if (!parent) return [];
  switch (parent.type) {
    // `os.environ.get("SECRET_KEY") or "..."`, `"..." if debug else os.environ["SECRET_KEY"]`: the literal is what the whole expression may be.
    case 'boolean_operator':
      return parent.childForFieldName('right')?.id === literal.id && parent.childForFieldName('operator')?.type === 'or' ? bindings(ctx, parent) : [];
    case 'conditional_expression':
      return parent.namedChildren[1]?.id === literal.id ? [] : bindings(ctx, parent);
    case 'parenthesized_expression':
      return bindings(ctx, parent);
    case 'assignment': {
      if (parent.childForFieldName('right')?.id !== literal.id) return [];
      const out: Bound[] = [];
      // `a = b.password = "..."`: every target of a chain.
      for (let a: SyntaxNode | null = parent; a?.type === 'assignment'; a = a.parent) {
        const left = a.childForFieldName('left');
        const name = nameOf(ctx, left);
        if (name && left) out.push({ name, how: 'assigned', envName: left.type === 'call' ? undefined : name, envWrite: isEnviron(ctx, left) });
        if (a.parent?.type !== 'assignment' || a.parent.childForFieldName('right')?.id !== a.id) break;
      }
      return out;
    }
    case 'expression_list':
    case 'tuple': {
      const holder = parent.parent;
      const items = parent.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[];
      const index = items.findIndex((c) => c.id === literal.id);
      // `user, password = "ml", "..."`
      if (holder?.type === 'assignment' && holder.childForFieldName('right')?.id === parent.id) {
        const left = holder.childForFieldName('left');
        const targets = (left?.namedChildren.filter((c) => c && c.type !== 'comment') ?? []) as SyntaxNode[];
        if (targets.length !== items.length) return [];
        const name = nameOf(ctx, targets[index]);
        return name ? [{ name, how: 'assigned', envName: name, envWrite: isEnviron(ctx, targets[index]) }] : [];
      }
      // `requests.get(url, auth=("ml", "..."))`, `Elasticsearch(hosts, http_auth=(user, "..."))`: the second of the pair is the password.
      if (holder?.type === 'keyword_argument' && items.length === 2 && index === 1 && AUTH_PAIR_KEYWORDS.has(holder.childForFieldName('name')?.text ?? '') && isUserName(ctx, items[0])) {
        return [{ name: 'password', how: 'argument' }];
      }
      return [];
    }
    case 'keyword_argument': {
      if (parent.childForFieldName('value')?.id !== literal.id) return [];
      const name = parent.childForFieldName('name')?.text;
      // `env("DJANGO_SECRET_KEY", default="...")`, `config("API_KEY", default="...")` (django-environ,
      // python-decouple, environs): the default of a setting read by its variable's name is its fallback.
      if (name === 'default') {
        const call = parent.parent?.parent;
        const first = call?.type === 'call' ? call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment') : undefined;
        const variable = first && first.type !== 'keyword_argument' ? stringValue(ctx, first) : undefined;
        if (variable && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(variable)) return [{ name: variable, how: 'argument' }];
      }
      return name ? [{ name, how: 'keyword', envName: name, envWrite: writesEnviron(ctx, parent.parent) }] : [];
    }
    case 'pair': {
      if (parent.childForFieldName('value')?.id !== literal.id) return [];
      const name = stringValue(ctx, parent.childForFieldName('key'));
      return name ? [{ name, how: 'key', envName: name, envWrite: writesEnviron(ctx, parent.parent?.parent) }] : [];
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      if (parent.childForFieldName('value')?.id !== literal.id) return [];
      const name = parent.childForFieldName('name')?.text;
      return name ? [{ name, how: 'default' }] : [];
    }
    case 'comparison_operator': {
      const ops = parent.children.filter((c) => c && !c.isNamed).map((c) => c!.type);
      if (!ops.every((o) => o === '==' || o === '!=')) return [];
      const out: Bound[] = [];
      for (const operand of parent.namedChildren) {
        if (!operand || operand.id === literal.id || operand.type === 'string') continue;
        const name = nameOf(ctx, operand);
        if (name) out.push({ name, how: 'compared' });
      }
      return out;
    }
    case 'argument_list': {
      const call = parent.parent;
      if (call?.type !== 'call') return [];
      // Most string arguments go to calls that take no credential by position: ask the callee first.
      const callee = ctx.callee(call) ?? '';
      if (!POSITIONAL_KEYS.has(callee) && !ENV_DEFAULTS.has(callee) && callee !== 'setattr' && !BASIC_AUTH.test(callee) && ctx.method(call) !== 'login') return [];
      const args = parent.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument') as SyntaxNode[];
      const index = args.findIndex((c) => c.id === literal.id);
      if (index < 0 || index > 2) return [];
      // `jwt.encode(payload, "...")`, `hmac.new(b"...", msg)`: the signing key by position.
      if (POSITIONAL_KEYS.get(callee) === index) return [{ name: 'secret_key', how: 'argument' }];
      if (index === 0) return [];
      // `os.getenv("DB_PASSWORD", "...")`: the fallback is a hardcoded credential as well.
      if (index === 1 && ENV_DEFAULTS.has(callee)) {
        const name = stringValue(ctx, args[0]);
        return name ? [{ name, how: 'argument', envWrite: callee !== 'os.getenv' && callee !== 'os.environ.get' }] : [];
      }
      // `HTTPBasicAuth("ml", "...")`, `smtp.login("me@example.org", "...")`
      if (index === 1 && args.length === 2 && isUserName(ctx, args[0]) && (BASIC_AUTH.test(callee) || ctx.method(call) === 'login')) return [{ name: 'password', how: 'argument' }];
      // `setattr(config, "password", "...")`
      if (index === 2 && callee === 'setattr') {
        const name = stringValue(ctx, args[1]);
        return name ? [{ name, how: 'assigned' }] : [];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Callees whose credential keyword has a well-known variable. */
const PROVIDER_VARS: [RegExp, string][] = [
  [/^openai\./, 'OPENAI_API_KEY'],
  [/^anthropic\./, 'ANTHROPIC_API_KEY'],
  [/^(huggingface_hub|transformers|datasets|diffusers)\./, 'HF_TOKEN'],
  [/^wandb\./, 'WANDB_API_KEY'],
  [/^cohere\./, 'COHERE_API_KEY'],
  [/^replicate\./, 'REPLICATE_API_TOKEN'],
];
const KEYWORD_VARS: Record<string, string> = { hf_token: 'HF_TOKEN', use_auth_token: 'HF_TOKEN' };

/** Keywords that take a `(user, password)` pair. */
const AUTH_PAIR_KEYWORDS = new Set(['auth', 'http_auth', 'basic_auth', 'proxy_auth']);

/**
 * What can stand first in a `(user, password)` pair: a string, or a name, attribute or subscript
 * that holds one (`self.email_user`, `cfg["user"]`, `os.environ["USER"]`), not a number or a literal
 * of another kind.
 */
function isUserName(ctx: RuleContext, node: SyntaxNode): boolean {
  if (stringValue(ctx, node) !== undefined) return true;
  if (node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript') return true;
  return node.type === 'call' && /^os\.(getenv|environ\.get)$/.test(ctx.callee(node) ?? '');
}

/** `wandb.login(key=...)`: the key is W&B's API key whatever it looks like. */
export function isWandbLogin(ctx: RuleContext, node: SyntaxNode): boolean {
  const call = node.parent?.parent?.parent;
  return call?.type === 'call' && (ctx.callee(call) ?? '').startsWith('wandb.');
}

/** `os.environ["VAR"]` in place of the literal, where VAR is known. */
export function envFix(ctx: RuleContext, node: SyntaxNode, b: Bound): Fix[] {
  if (b.envWrite || !b.envName || (b.how !== 'assigned' && b.how !== 'keyword' && b.how !== 'key')) return [];
  // A fallback (`os.environ.get("X") or "..."`) is better removed than replaced: no fix.
  if (!['assignment', 'keyword_argument', 'pair', 'expression_list'].includes(node.parent?.type ?? '')) return [];
  let envVar: string | undefined;
  if (b.how === 'keyword') {
    const call = node.parent?.parent?.parent;
    const callee = call?.type === 'call' ? (ctx.callee(call) ?? '') : '';
    envVar = KEYWORD_VARS[b.envName] ?? PROVIDER_VARS.find(([re]) => re.test(callee))?.[1];
  }
  if (!envVar && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(b.envName)) envVar = b.envName;
  if (!envVar) return [];
  const bytes = /^[rR]?[bB]/.test(node.type === 'string' ? node.text : (node.firstNamedChild?.text ?? ''));
  const read = `os.environ["${envVar}"]${bytes ? '.encode()' : ''}`;
  const edits: TextEdit[] = [{ start: node.startIndex, end: node.endIndex, text: read }];
  const os = ctx.lookup('os');
  if (!(os?.kind === 'import' && os.qualified === 'os')) edits.push(importOs(node));
  return [{ title: `Read it from os.environ["${envVar}"]`, safety: 'unsafe', edits }];
}
