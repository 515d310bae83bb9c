import type { SyntaxNode } from '../../engine/syntax';
import { defineRule } from '../../engine/rule';
import { literalText } from '../secrets/scan';
import { PRIVACY } from './personal-data';

/** Personal identifiers with a shape: e-mail, phone, US SSN, payment card (checked with Luhn). */
const PATTERNS: { kind: string; re: RegExp; ok?: (m: string) => boolean }[] = [
  { kind: 'e-mail address', re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, ok: (m) => !FAKE_EMAIL.test(m) },
  // North American numbers: a 555 exchange is reserved for fiction, and area and exchange codes start with 2 to 9.
  { kind: 'phone number', re: /(?<![\w+-])(?:\+?1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}(?![\w-])/g, ok: (m) => !/^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?555[ .-]/.test(m) && !fakeDigits(m) },
  // E.164 and written-out international numbers: `+48505091321`, `+44 7700 900123`.
  { kind: 'phone number', re: /(?<![\w+])\+(?!1[ .(-]?\d{3}[ .)-])[2-9]\d{0,2}(?:[ .-]?\d){7,12}(?![\w-])/g, ok: (m) => !fakeDigits(m) },
  { kind: 'US social security number', re: /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g },
  { kind: 'payment card number', re: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g, ok: (m) => luhn(m.replace(/\D/g, '')) },
];

/** Addresses at reserved domains (RFC 2606, RFC 6761), role accounts and the placeholders tutorials use. */
const FAKE_EMAIL = /@(example\.(com|org|net)|[\w.-]*\.(test|example|invalid|localhost)$|test\.|localhost|users\.noreply\.github\.com|[\w.-]*\.gserviceaccount\.com$|(email|domain|mail)\.com$)|^(noreply|no-reply|postmaster|hostmaster|webmaster|mailer-daemon|abuse|support|info|admin|contact|team|hello|help|office|sales|press|security|privacy|billing|careers|jobs|feedback|marketing|john\.doe|jane\.doe|someone|user|username|name|email|test|foo)@/i;

/** Digits that are no one's number: one digit repeated, or counting up or down. */
function fakeDigits(number: string): boolean {
  const d = number.replace(/\D/g, '').slice(-7);
  if (/^(\d)\1+$/.test(d)) return true;
  const up = '01234567890123456789';
  const down = '98765432109876543210';
  return up.includes(d) || down.includes(d);
}

export default defineRule({
  meta: {
    code: 'MLS406',
    name: 'personal-data-in-literals-and-outputs',
    title: 'Personal data written in code or saved in notebook outputs',
    category: 'privacy',
    sensitive: true,
    severity: 'warning',
    confidence: 'medium',
    fix: 'unsafe',
    references: { ...PRIVACY, cwe: ['CWE-359', 'CWE-312'] },
  },
  docs: `
## What it does
Flags e-mail addresses, phone numbers, US social security numbers and payment card numbers (Luhn-checked) in string literals (DataFrame literals and nested dicts included) and in notebook outputs (\`print(df.head())\` streams, a DataFrame's \`text/plain\` and \`text/html\` results, tracebacks). Phone numbers are North American numbers whose exchange is not 555 (\`415-555-0100\` is reserved for fiction) and international numbers written with a \`+\` (E.164, \`+48505091321\`). Addresses at reserved domains (\`example.com\`, \`example.org\`, \`.test\`, \`.invalid\`), role addresses (\`noreply@\`, \`support@\`, \`team@\`, \`sales@\`), placeholders (\`john.doe@\`, \`user@\`) and digits that count up or repeat are ignored. The values are masked in every output, like secrets.

## Why is this bad?
A notebook that shows \`df.head()\` of customer data carries those rows wherever the \`.ipynb\` goes: git, pull requests, shared drives. Test fixtures copied from production do the same in code.

## Example
A cell \`patients.head()\` whose saved output lists names, e-mail addresses and phone numbers.

## Use instead
Show aggregates or synthetic rows, and clear outputs before committing (\`jupyter nbconvert --clear-output\` or nbstripout).

## Fix safety
Unsafe, for outputs only: the fix removes that output from the cell.

## Known limitations
Names and street addresses have no reliable shape and are not detected here (MLS401 looks for such column names).

## References
- [CWE-359: Exposure of Private Personal Information](https://cwe.mitre.org/data/definitions/359.html)
`,
  create(ctx) {
    const literal = (node: SyntaxNode) => {
      const lit = literalText(node);
      for (const m of matches(lit.text)) {
        const start = lit.offset(m.index);
        const end = lit.offset(m.index + m.value.length - 1) + 1;
        ctx.report({ span: { start, end }, message: `${article(m.kind)} ${m.kind} (${masked(m.value)}) is written in the code: use synthetic data in code and fixtures` });
      }
    };
    return {
      string(node) {
        if (ctx.ancestors().at(-1)?.type !== 'concatenated_string') literal(node);
      },
      concatenated_string: literal,
      end() {
        const seen = new Set<string>();
        for (const out of ctx.outputs) {
          for (const m of matches(out.text)) {
            // The same value in an output's text/plain and text/html is one finding.
            const key = `${out.cell}:${out.output}:${m.value}`;
            if (seen.has(key)) continue;
            seen.add(key);
            ctx.report({
              output: { cell: out.cell, output: out.output },
              message: `${article(m.kind)} ${m.kind} (${masked(m.value)}) is saved in the output of cell ${out.cell + 1}: clear the output, and show aggregates instead of rows`,
              fixes: [{ title: 'Clear this output', safety: 'unsafe', edits: [], notebook: { removeOutputs: [{ cell: out.cell, output: out.output }] } }],
            });
          }
        }
      },
    };
  },
});

function matches(text: string): { kind: string; value: string; index: number }[] {
  const out: { kind: string; value: string; index: number }[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if ((!p.ok || p.ok(m[0])) && !(p.kind === 'e-mail address' && inUrlAuthority(text, m.index))) out.push({ kind: p.kind, value: m[0], index: m.index });
    }
  }
  return out;
}

/** `user:password@host` in `scheme://user:password@host/...`: credentials in a URL (MLS209's), not an e-mail address. */
function inUrlAuthority(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && !/[\s'"<>()]/.test(text[start - 1])) start--;
  return text.slice(start, at).includes('://');
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'An' : 'A');

function masked(value: string): string {
  return value.includes('@') ? `${value[0]}…@…${value.slice(-3)}` : `…${value.slice(-2)}`;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

