import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { mask } from '../../engine/secrets';
import { literalText, SECRET_REFERENCES } from './scan';
import { isPlaceholderValue } from './credentials';

/** `scheme://user:password@host`: group 1 the scheme, 2 the user, 3 the password. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,30}):\/\/([^\s:@/?#'"\u0000]*):([^\s@/?#'"\u0000]+)@([^\s/?#'"\u0000]*)/gi;
/** `password=...` in a libpq, ODBC or JDBC connection string (`host=db user=ml password=...`, `Server=db;Uid=ml;Pwd=...;`). */
const DSN_PASSWORD = /(?:^|[\s;])(password|passwd|pwd)\s*=\s*('[^']*'|\{[^}]*\}|[^\s;'"\u0000]+)/gi;
/** The keys that make `password=` part of a connection string rather than of prose. */
const DSN_KEYS = /(?:^|[\s;])(host|hostaddr|server|dbname|database|data source|user|user id|uid|username|driver|port|sslmode)\s*=/i;
/** Hosts of documentation examples (RFC 2606 and 6761). */
const EXAMPLE_HOST = /(^|[.@])(example\.(com|org|net)|[^.]+\.(example|invalid|test))(:\d+)?$/i;
const PASSWORD_STANDS_IN = /^(password|passwd|pass|pwd|secret|pw|p@ssw0rd|mypassword|yourpassword)$/i;

export interface UrlCredential {
  /** Offsets of the password within the text. */
  start: number;
  end: number;
  password: string;
  /** `postgresql URL`, `connection string`. */
  where: string;
}

/** Passwords written into URLs and connection strings in `text`, placeholders left out. */
export function urlCredentials(text: string): UrlCredential[] {
  const out: UrlCredential[] = [];
  if (text.includes('://') && text.includes('@')) {
    URL_USERINFO.lastIndex = 0;
    for (let m = URL_USERINFO.exec(text); m; m = URL_USERINFO.exec(text)) {
      const [whole, scheme, user, password, host] = m;
      const decoded = safeDecode(password);
      if (PASSWORD_STANDS_IN.test(decoded) || decoded === user || isPlaceholderValue(decoded, 'password') || EXAMPLE_HOST.test(host.replace(/^.*@/, ''))) continue;
      const start = m.index + whole.indexOf('://') + 3 + user.length + 1;
      out.push({ start, end: start + password.length, password, where: `${scheme.toLowerCase()} URL` });
    }
  }
  if (/passw|pwd/i.test(text) && DSN_KEYS.test(text)) {
    DSN_PASSWORD.lastIndex = 0;
    for (let m = DSN_PASSWORD.exec(text); m; m = DSN_PASSWORD.exec(text)) {
      let value = m[2];
      let start = m.index + m[0].length - value.length;
      if (/^['{]/.test(value)) {
        value = value.slice(1, -1);
        start++;
      }
      if (PASSWORD_STANDS_IN.test(value) || isPlaceholderValue(value, 'password')) continue;
      out.push({ start, end: start + value.length, password: value, where: 'connection string' });
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export default defineRule({
  meta: {
    code: 'MLS209',
    name: 'credential-in-url',
    title: 'A password written into a URL or connection string',
    category: 'hardcoded-secret',
    sensitive: true,
    severity: 'warning',
    confidence: 'medium',
    fix: 'none',
    references: { ...SECRET_REFERENCES, cwe: ['CWE-798', 'CWE-259'] },
    sources: ['detect-secrets:BasicAuthDetector'],
  },
  docs: `
## What it does
Flags a password written into a URL's user information, \`scheme://user:password@host\`, in any string literal: database URLs (\`postgresql://\`, \`postgresql+psycopg2://\`, \`mysql://\`, \`mongodb://\`, \`mongodb+srv://\`, \`redis://\`, \`amqp://\`), \`http(s)://\` and the rest, wherever the string goes (\`create_engine(...)\`, \`MongoClient(...)\`, \`connect(...)\`, a settings constant, a dictionary), and in a notebook's \`!\` and \`%\` lines (\`!psql postgresql://...\`, \`%env DATABASE_URL=...\`). It also flags \`password=\` (\`pwd=\`, \`passwd=\`) inside a connection string that has other connection keys: libpq's \`"host=db user=ml password=..."\`, ODBC's \`"Server=db;Uid=ml;Pwd=...;"\`.

Only the password is reported (and masked in every output), not the whole URL. Placeholders are not reported: \`user:password@\`, \`user:pass@\`, \`:****@\`, \`:\${DB_PASS}@\`, \`:{password}@\` and \`%s\` templates, f-string interpolations (\`f"...:{pw}@..."\`), a password equal to the user name (\`postgres:postgres@\`, the default of a local container), and URLs on documentation hosts (\`example.com\`, \`*.test\`, \`*.invalid\`).

This is a rule of its own rather than part of MLS207 because it needs no name: the URL's syntax says which part is a password, whatever variable holds it, and its secret is a part of a string rather than a whole literal (it is what gets reported and masked). It also has no automatic fix: the URL has to be built from its parts, or the driver given the password separately.

## Why is this bad?
Connection URLs are copied into notebooks, logs, error messages and experiment trackers as they are, password included. Anyone with the repository can reach the database or service. Rotate the password; removing it from the code does not un-leak it.

## Example
\`\`\`python
from sqlalchemy import create_engine

engine = create_engine("postgresql+psycopg2://ml:Tr41n-d4ta@db.internal:5432/features")
\`\`\`

## Use instead
\`\`\`python
import os

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

engine = create_engine(URL.create("postgresql+psycopg2", username="ml", password=os.environ["PGPASSWORD"], host="db.internal", port=5432, database="features"))
\`\`\`

## Fix safety
No automatic fix: where the password should come from (an environment variable, a secrets manager, the driver's own \`PGPASSWORD\` or \`.pgpass\`) is the project's choice.

## Known limitations
A URL assembled at run time (\`"postgresql://" + user + ":" + pw + "@" + host\`) is not seen, nor a password in a URL without a scheme (\`user:password@host\`).

## References
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
- [CWE-259: Use of Hard-coded Password](https://cwe.mitre.org/data/definitions/259.html)
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
`,
  create(ctx) {
    const literal = (node: SyntaxNode) => {
      const lit = literalText(node);
      if (lit.text.length < 8) return;
      for (const c of urlCredentials(lit.text)) {
        const shown = mask(c.password, 0);
        ctx.report({
          span: { start: lit.offset(c.start), end: lit.offset(c.end - 1) + 1 },
          message: `Password${shown === '…' ? '' : ` \`${shown}\``} is written into a ${c.where}: rotate it (deleting it does not un-leak it) and give it to the driver from the environment`,
        });
      }
    };
    return {
      string(node) {
        if (node.parent?.type !== 'concatenated_string') literal(node);
      },
      concatenated_string: literal,
      // `!psql postgresql://ml:...@db/features`, `%env DATABASE_URL=mysql://...`
      shell(line) {
        const base = ctx.lines.lineStart(line.line);
        for (const c of urlCredentials(line.text)) {
          const shown = mask(c.password, 0);
          ctx.report({
            span: { start: base + c.start, end: base + c.end },
            message: `Password${shown === '…' ? '' : ` \`${shown}\``} is written into a ${c.where} in a notebook command: rotate it (deleting it does not un-leak it) and give it to the command from the environment`,
          });
        }
      },
    };
  },
});
