import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { findSecrets, mask } from '../../engine/secrets';
import { literalBody } from '../helpers';
import { SECRET_REFERENCES, statementText } from './scan';
import { bindings, credentialName, credentialValue, envFix, highEntropy, credentialPart, isWandbLogin, type Bound, type CredentialName } from './credentials';

/** `%env NAME=value` and `%env NAME value`, IPython's two spellings. */
const ENV_MAGIC = /^env\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(\S+)\s*$/;

const HOW: Record<Bound['how'], (name: string) => string> = {
  assigned: (n) => `assigned to \`${n}\``,
  keyword: (n) => `passed as \`${n}=\``,
  key: (n) => `stored under \`"${n}"\``,
  default: (n) => `the default of parameter \`${n}\``,
  compared: (n) => `compared with \`${n}\``,
  argument: (n) => (n === 'password' ? 'passed as a password' : n === 'secret_key' ? 'passed as a signing key' : `the fallback for \`${n}\``),
};

export default defineRule({
  meta: {
    code: 'MLS207',
    name: 'credential-literal',
    title: 'A literal bound to a credential name',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'warning',
    confidence: 'medium',
    fix: 'unsafe',
    references: { ...SECRET_REFERENCES, cwe: ['CWE-798', 'CWE-259'] },
    sources: ['bandit:B105', 'bandit:B106', 'bandit:B107', 'ruff:S105', 'ruff:S106', 'ruff:S107', 'detect-secrets:KeywordDetector', 'detect-secrets:HexHighEntropyString', 'detect-secrets:Base64HighEntropyString'],
  },
  docs: `
## What it does
Flags a string literal bound to a name that says it holds a credential, wherever the binding is written:

- assignments, annotated assignments, class attributes, attributes and subscripts: \`password = "..."\`, \`password: str = "..."\`, \`self.password = ...\`, \`d["password"] = ...\`, \`os.environ["API_KEY"] = "..."\`, tuples (\`user, pwd = "ml", "..."\`) and chains (\`a = b.password = "..."\`);
- dictionary keys, in a literal or passed to a call: \`{"password": "..."}\`;
- keyword arguments and parameter defaults: \`psycopg2.connect(password="...")\`, \`login(token="...")\`, \`def connect(password="...")\`; a pair given as \`auth=("user", "...")\`, \`HTTPBasicAuth("user", "...")\`, \`smtp.login("user", "...")\`, the fallback of \`os.getenv("DB_PASSWORD", "...")\`, and the \`default=\` of a setting read by its environment variable's name (\`env("DJANGO_SECRET_KEY", default="...")\` with django-environ, \`config("API_KEY", default="...")\` with python-decouple);
- comparisons, on either side: \`if password == "..."\`, \`obj.password != "..."\`, \`request.form["password"] == "..."\`;
- Flask and Django settings: \`app.config["SECRET_KEY"] = "..."\`, \`app.config.update(SECRET_KEY="...")\`, \`SECRET_KEY = "..."\`;
- a notebook's \`%env DB_PASSWORD=...\` line.

A name is split into words (snake_case, camelCase, digits: \`EMAIL_PASSWORD\`, \`dbPassword\`, \`db_pass2\`, \`X-Api-Key\`), in any case. The last credential word decides:

- *password, passwd, pwd, pw, pass, passphrase, passcode, secret*, and a *key* qualified as a credential (*api, access, secret, private, signing, encryption, master, client, session, hmac, jwt*... key): any value that is not a placeholder is reported;
- *token, auth, authorization, credentials, creds*: these words name other things in ML code (a tokenizer's tokens), so the value must look like a token (letters and digits mixed, or long and random) or carry an authorization scheme (\`"Bearer ..."\`); a tokenizer's special tokens (\`pad_token\`, \`eos_token\`, ...) are not credentials;
- a bare or unqualified *key* (\`key\`, \`KEY\`, \`webhook_key\`): only a high-entropy literal, with detect-secrets' thresholds (hex of 16 characters or more with Shannon entropy of at least 3.0 bits per character, base64 of 20 or more with at least 4.5), and never a key of something public (\`cache_key\`, \`sort_key\`, \`primary_key\`).

Words after the credential word that make the name *about* it keep it quiet: \`password_length\`, \`token_count\`, \`max_tokens\`, \`secret_name\`, \`password_prompt\`, \`password_field\`, \`token_type\`, \`auth_url\`, \`pass_rate\`; so do plurals and longer words (\`tokens\`, \`tokenizer\`, \`passes\`, \`bypass\`, \`compass\`).

Placeholders are ignored: empty and very short strings, \`"changeme"\`, \`"<your-token>"\`, \`"xxx"\`, \`"***"\`, \`"\${VAR}"\`, \`"{password}"\` and \`%s\` templates, values equal to the name or to the word *password*, the name of an environment variable or a setting (\`"DB_PASSWORD"\`, \`"settings.SECRET_KEY"\`), file paths, URLs (credentials inside a URL are MLS209's), prose (\`"Enter your password:"\`) and docs examples (*example*, *sample*, *dummy*, *your...*). Values read at run time (\`os.environ[...]\`, \`os.getenv(...)\`, \`getpass()\`) are not literals and never reported. A literal with a known provider format is reported by MLS201 to MLS206 only, not twice.

A finding is suppressed like any other (\`# mlsec: ignore[MLS207]\` on its line), for a test fixture's password for instance.

This stays one rule, MLS207, rather than one per position or per kind of value: what is reported is always a whole literal that a name says is a credential, the remedy is always the same (rotate it, read it from the environment), and the suppressions and configurations that name MLS207 keep working. High-entropy values bound to a bare key are part of it for the same reason, with a lower confidence. Passwords inside URLs and connection strings are a rule of their own (MLS209): no name is needed there, and the secret is a part of a string.

## Why is this bad?
Passwords, session secrets and keys of services without a recognizable token format (databases, self-hosted endpoints, internal APIs, a Flask \`SECRET_KEY\`) leak the same way provider tokens do: through git history, forks, notebooks and logs. A hardcoded password also cannot be rotated without a release, and a comparison with a literal is a backdoor anyone reading the code can use (CWE-259). Rotate the credential; removing it from the code does not un-leak it.

## Example
\`\`\`python
import psycopg2
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "9f8e7d6c5b4a39281706"
conn = psycopg2.connect(host="db", user="ml", password="s3cr3t-Pa55")
\`\`\`

## Use instead
\`\`\`python
import os

import psycopg2
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
conn = psycopg2.connect(host="db", user="ml", password=os.environ["PGPASSWORD"])
\`\`\`

## Fix safety
Unsafe, and offered only where the variable is known: a provider client's keyword (\`OpenAI(api_key=...)\` reads \`OPENAI_API_KEY\`), and a name written as an environment variable would be (\`SECRET_KEY = "..."\`, \`app.config["SECRET_KEY"] = "..."\`, \`DB_PASSWORD = "..."\`). The literal becomes \`os.environ["NAME"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. A literal written into \`os.environ\`, a parameter default and a comparison get no fix.

## Known limitations
Only literals are judged: a credential built at run time, or read from a file, is not seen. A name that says nothing (\`x = "hunter2"\`) is not reported. Messages show at most the last characters of a long value, none of a short one.

## References
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [CWE-259: Use of Hard-coded Password](https://cwe.mitre.org/data/definitions/259.html)
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
`,
  create(ctx) {
    const literal = (node: SyntaxNode) => {
      const bound = bindings(ctx, node);
      if (!bound.length) return;
      let hit: { b: Bound; name: CredentialName } | undefined;
      for (const b of bound) {
        const name = b.how === 'keyword' && b.name === 'key' && isWandbLogin(ctx, node) ? ({ strength: 'password', word: 'key' } as const) : credentialName(b.name);
        if (name && (!hit || rank(name) > rank(hit.name))) hit = { b, name };
      }
      if (!hit) return;
      const v = ctx.evaluate(node);
      if (!v.known || typeof v.value !== 'string') return;
      const value = v.value;
      if (!credentialValue(value, hit.b.name, hit.name.strength)) return;
      // A token of a known format is its provider rule's (MLS201 to MLS206).
      if (findSecrets(value, () => statementText(ctx.text, node)).length) return;
      const kind = hit.name.strength === 'key' ? `High-entropy ${highEntropy(credentialPart(value))} string` : 'Credential';
      const shown = mask(value, 0);
      ctx.report({
        span: literalBody(node),
        message: `${kind}${shown === '…' ? '' : ` \`${shown}\``} is hardcoded, ${HOW[hit.b.how](hit.b.name)}: rotate it (deleting it does not un-leak it) and read it from the environment`,
        confidence: hit.name.strength === 'key' ? 'low' : 'medium',
        fixes: envFix(ctx, node, hit.b),
      });
    };
    return {
      string(node) {
        if (node.parent?.type !== 'concatenated_string') literal(node);
      },
      concatenated_string: literal,
      // `%env DB_PASSWORD=...` in a notebook.
      shell(line) {
        const m = line.kind === 'line-magic' ? ENV_MAGIC.exec(line.command) : null;
        if (!m) return;
        const [, name, value] = m;
        const hit = credentialName(name);
        if (!hit || !credentialValue(value, name, hit.strength) || findSecrets(value, line.text).length) return;
        const start = ctx.lines.lineStart(line.line) + line.text.lastIndexOf(value);
        const shown = mask(value, 0);
        ctx.report({
          span: { start, end: start + value.length },
          message: `Credential${shown === '…' ? '' : ` \`${shown}\``} is hardcoded in \`%env ${name}\`: rotate it (deleting it does not un-leak it) and set the variable outside the notebook`,
          confidence: hit.strength === 'key' ? 'low' : 'medium',
        });
      },
    };
  },
});

const rank = (n: CredentialName) => (n.strength === 'password' ? 2 : n.strength === 'token' ? 1 : 0);
