/**
 * Token formats of ML providers and developer services, matched on text the parser found (string
 * literal values, comments, notebook magics and outputs), never on raw lines. Each detector names
 * the rule that reports it and the environment variable its fix reads the value from.
 */

export interface Detector {
  code: string;
  provider: string;
  /** Global regex; group 1, when present, is the token itself (the rest is context). */
  pattern: RegExp;
  /** Characters of the token kept when masking: its fixed prefix. */
  prefix: number;
  envVar: string;
  /** Extra check on the token beyond the shape (placeholders are filtered for all). */
  accept?: (token: string, context: string) => boolean;
  /** Where to rotate it, for the message. */
  rotate: string;
  /** Where the secret ends, when it reaches past the token the pattern found: a private key's block after its header. */
  extent?: (text: string, end: number) => number;
}

/** A PEM block's body: base64, header fields (`Proc-Type: 4,ENCRYPTED`), line breaks, and their escapes in source (`\n`, or `\\n` for JSON held in a string). */
const PEM_BODY = /(?:[A-Za-z0-9+/=:,\t\r\n -]|\\+[nrt])*/y;
const PEM_END = /-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/g;

/** A private key's header is what identifies it, but its secret is the body: the block runs to its END line, or as far as the body does. */
function pemExtent(text: string, end: number): number {
  PEM_BODY.lastIndex = end;
  PEM_BODY.exec(text);
  const bodyEnd = PEM_BODY.lastIndex;
  PEM_END.lastIndex = end;
  const m = PEM_END.exec(text);
  return m && m.index < bodyEnd ? m.index + m[0].length : bodyEnd;
}

/** Text around a match that gives a bare hex or alphanumeric key its meaning. */
const near = (context: string, words: RegExp) => words.test(context);

export const DETECTORS: readonly Detector[] = [
  { code: 'MLS201', provider: 'Hugging Face token', pattern: /\b(hf_[A-Za-z0-9]{34,40})\b/g, prefix: 3, envVar: 'HF_TOKEN', rotate: 'huggingface.co/settings/tokens' },
  { code: 'MLS201', provider: 'Hugging Face organization token', pattern: /\b(api_org_[A-Za-z0-9]{34})\b/g, prefix: 8, envVar: 'HF_TOKEN', rotate: 'huggingface.co/settings/tokens' },
  {
    code: 'MLS202',
    provider: 'OpenAI API key',
    pattern: /\b(sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})/g,
    prefix: 3,
    envVar: 'OPENAI_API_KEY',
    rotate: 'platform.openai.com/api-keys',
  },
  {
    // Project, service-account and admin keys are named by their prefix alone, which no other provider uses.
    code: 'MLS202',
    provider: 'OpenAI API key',
    pattern: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,})/g,
    prefix: 8,
    envVar: 'OPENAI_API_KEY',
    rotate: 'platform.openai.com/api-keys',
  },
  { code: 'MLS203', provider: 'Anthropic API key', pattern: /\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g, prefix: 14, envVar: 'ANTHROPIC_API_KEY', rotate: 'console.anthropic.com/settings/keys' },
  { code: 'MLS204', provider: 'Weights & Biases API key', pattern: /\b(wandb_v1_[A-Za-z0-9]{27}_[A-Za-z0-9]{49})\b/g, prefix: 9, envVar: 'WANDB_API_KEY', rotate: 'wandb.ai/authorize' },
  {
    code: 'MLS204',
    provider: 'Weights & Biases API key',
    pattern: /(?<![0-9a-f])([0-9a-f]{40})(?![0-9a-f])/g,
    prefix: 0,
    envVar: 'WANDB_API_KEY',
    rotate: 'wandb.ai/authorize',
    // A bare 40-hex string is a git sha as often as a key: only next to W&B words.
    accept: (_, context) => near(context, /wandb|WANDB|weights\s*(&|and)\s*biases/i),
  },
  { code: 'MLS205', provider: 'AWS access key id', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g, prefix: 4, envVar: 'AWS_ACCESS_KEY_ID', rotate: 'the AWS IAM console' },
  {
    code: 'MLS205',
    provider: 'AWS secret access key',
    pattern: /(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    prefix: 0,
    envVar: 'AWS_SECRET_ACCESS_KEY',
    rotate: 'the AWS IAM console',
    accept: (token, context) => near(context, /aws_?secret|secret_?access_?key|aws_secret_access_key/i) && /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9/+]/.test(token),
  },
  { code: 'MLS205', provider: 'Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g, prefix: 4, envVar: 'GOOGLE_API_KEY', rotate: 'the Google Cloud console (APIs & Services > Credentials)' },
  { code: 'MLS205', provider: 'private key', pattern: /(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)/g, prefix: 11, envVar: 'PRIVATE_KEY_PATH', rotate: 'wherever the key was issued (a GCP service account: IAM > Service accounts > Keys)', extent: pemExtent },
  {
    code: 'MLS205',
    provider: 'Azure OpenAI key',
    pattern: /(?<![0-9a-fA-F])([0-9a-f]{32})(?![0-9a-fA-F])/g,
    prefix: 0,
    envVar: 'AZURE_OPENAI_API_KEY',
    rotate: 'the Azure portal (your OpenAI resource > Keys and Endpoint)',
    accept: (_, context) => near(context, /openai\.azure\.com|azure_?openai|AzureOpenAI/i),
  },
  { code: 'MLS206', provider: 'GitHub token', pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})\b/g, prefix: 4, envVar: 'GITHUB_TOKEN', rotate: 'github.com/settings/tokens' },
  { code: 'MLS206', provider: 'GitHub fine-grained token', pattern: /\b(github_pat_[A-Za-z0-9_]{82})\b/g, prefix: 11, envVar: 'GITHUB_TOKEN', rotate: 'github.com/settings/tokens' },
  { code: 'MLS206', provider: 'Slack token', pattern: /\b(xox[abpors]-[A-Za-z0-9]{10,13}-[A-Za-z0-9-]{10,})\b/g, prefix: 5, envVar: 'SLACK_TOKEN', rotate: 'api.slack.com/apps' },
  { code: 'MLS206', provider: 'Replicate token', pattern: /\b(r8_[A-Za-z0-9]{37})\b/g, prefix: 3, envVar: 'REPLICATE_API_TOKEN', rotate: 'replicate.com/account/api-tokens' },
  { code: 'MLS206', provider: 'Groq API key', pattern: /\b(gsk_[A-Za-z0-9]{52})\b/g, prefix: 4, envVar: 'GROQ_API_KEY', rotate: 'console.groq.com/keys' },
  { code: 'MLS206', provider: 'LangSmith API key', pattern: /\b(lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})\b/g, prefix: 8, envVar: 'LANGSMITH_API_KEY', rotate: 'smith.langchain.com settings' },
  { code: 'MLS206', provider: 'Perplexity API key', pattern: /\b(pplx-[A-Za-z0-9]{48})\b/g, prefix: 5, envVar: 'PERPLEXITY_API_KEY', rotate: 'perplexity.ai/settings/api' },
  { code: 'MLS206', provider: 'Midtrans server key', pattern: /\b((?:SB-)?Mid-server-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g, prefix: 11, envVar: 'MIDTRANS_SERVER_KEY', rotate: 'the Midtrans dashboard (Settings > Access Keys)' },
  { code: 'MLS206', provider: 'Razorpay live key', pattern: /\b(rzp_live_[A-Za-z0-9]{14})(?![A-Za-z0-9])/g, prefix: 9, envVar: 'RAZORPAY_KEY_ID', rotate: 'the Razorpay dashboard (Account & Settings > API Keys)' },
  {
    code: 'MLS206',
    provider: 'Cohere API key',
    pattern: /(?<![A-Za-z0-9])([A-Za-z0-9]{40})(?![A-Za-z0-9])/g,
    prefix: 0,
    envVar: 'COHERE_API_KEY',
    rotate: 'dashboard.cohere.com/api-keys',
    accept: (token, context) => near(context, /cohere|CO_API_KEY/i) && /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token),
  },
];

/**
 * Every token any detector matches is a run of at least 16 of these characters (the Slack token's
 * dashes included), or a PEM header: text without one holds no secret, and most text has none.
 */
export const MAY_HOLD_SECRET = /[A-Za-z0-9_+/-]{16}|-----BEGIN/;

export interface SecretMatch {
  detector: Detector;
  /** What the detector matched, which identifies the secret (shown masked in messages). */
  token: string;
  /** Offset of the token within the scanned text. */
  index: number;
  /** Length of the secret from `index`: the token's, or more (a private key's whole block). What is reported and masked. */
  length: number;
}

/** How far around a match the context words may be (W&B, Azure, Cohere, AWS secret keys). */
const CONTEXT = 60;

/**
 * Every secret in `text`. `context` is the text around it in the source (the statement it sits in),
 * asked for only when a detector needs context words.
 */
export function findSecrets(text: string, context: string | (() => string) = '', codes?: ReadonlySet<string>): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (!MAY_HOLD_SECRET.test(text)) return out;
  const taken: [number, number][] = [];
  for (const detector of DETECTORS) {
    if (codes && !codes.has(detector.code)) continue;
    detector.pattern.lastIndex = 0;
    for (let m = detector.pattern.exec(text); m; m = detector.pattern.exec(text)) {
      const token = m[1] ?? m[0];
      const index = m.index + m[0].indexOf(token);
      if (taken.some(([a, b]) => index < b && a < index + token.length)) continue;
      if (isPlaceholder(token.slice(detector.prefix))) continue;
      if (detector.accept) {
        const around = (typeof context === 'function' ? context() : context) + '\n' + text.slice(Math.max(0, index - CONTEXT), index + token.length + CONTEXT);
        if (!detector.accept(token, around)) continue;
      }
      const length = detector.extent ? detector.extent(text, index + token.length) - index : token.length;
      taken.push([index, index + length]);
      out.push({ detector, token, index, length });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Placeholders and examples stay quiet: runs of one character, `xxxx`, `****`, `<...>`, words like
 * "your", "example", "placeholder", counting sequences, and bodies too regular to be random.
 */
export function isPlaceholder(body: string): boolean {
  if (body.length === 0) return true;
  if (/x{4,}|X{4,}|\*{3,}|\.{3,}|<|>|\{|\}/.test(body)) return true;
  if (/your|example|placeholder|dummy|redacted|changeme|replace|insert|sample|fake|token_here|key_here/i.test(body)) return true;
  // Six of one character or a counted run: 1 in 10^8 or fewer of random keys hold one; fakes do
  // (`sk-...AAAAAA...`, `...123456...`).
  if (/(.)\1{5,}/.test(body)) return true;
  if (/123456|abcdef|ABCDEF/.test(body)) return true;
  return entropy(body) < (body.length >= 30 ? 3.2 : 2.5);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** How many of a secret's last characters any output shows: 4 from 16 characters, 2 from 10, else none. */
export function maskedTail(length: number): number {
  return length >= 16 ? 4 : length >= 10 ? 2 : 0;
}

/**
 * The token as MLSec shows it: its fixed prefix, an ellipsis and the last 4 characters. A short
 * secret (a generic password) shows less: 2 characters under 16, none under 10, so that no message
 * tells most of it.
 */
export function mask(token: string, prefix: number): string {
  const keep = Math.min(prefix, Math.max(0, token.length - 8));
  const tail = maskedTail(token.length);
  return `${token.slice(0, keep)}…${tail ? token.slice(-tail) : ''}`;
}

/**
 * A line of source with every secret in it masked, for any output that prints source. The mask has
 * the token's length, so columns (and carets under them) stay where they were.
 */
export function redact(line: string): string {
  const found = findSecrets(line);
  let out = line;
  for (const s of found) {
    const secret = line.slice(s.index, s.index + s.length);
    const keep = Math.min(s.detector.prefix, Math.max(0, secret.length - 8));
    const tail = maskedTail(secret.length);
    const masked = secret.slice(0, keep) + '*'.repeat(secret.length - keep - tail) + secret.slice(secret.length - tail);
    out = out.slice(0, s.index) + masked + out.slice(s.index + s.length);
  }
  return out;
}
