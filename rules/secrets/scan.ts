import type { SyntaxNode } from '../../engine/syntax';
import { plainString } from '../../engine/evaluate';
import type { RuleContext, Visitors } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import { findSecrets, mask, type SecretMatch } from '../../engine/secrets';

export const SECRET_REFERENCES = { cwe: ['CWE-798'], atlas: ['AML.T0055'], owaspLlm: ['LLM02'], owaspMl: [], nist: ['Govern', 'Manage'] };

/** The literal text of a string or implicit concatenation, with a map back to source offsets. */
export interface LiteralText {
  text: string;
  /** Source offset of the character at `index` of `text`. */
  offset(index: number): number;
  /** The literal has no interpolation: its value is exactly `text` (up to escapes). */
  plain: boolean;
}

/**
 * The last string asked for, and its text. The string visitors of one node run one after another
 * (the six secret rules, MLS209, MLS406), so one entry answers every repeat; a WeakMap of every
 * string seen, as before, cost more to fill (and to sweep) than the texts cost to compute.
 */
let lastNode: SyntaxNode | undefined;
let lastLiteral: LiteralText | undefined;

/** Every rule that reads strings gets the same SyntaxNode object for a string: compute its text once. */
export function literalText(node: SyntaxNode): LiteralText {
  if (node !== lastNode) {
    lastLiteral = simpleLiteral(node) ?? computeLiteralText(node);
    lastNode = node;
  }
  return lastLiteral!;
}

/** Most strings have no escape and no interpolation: their text is the source between the quotes. */
function simpleLiteral(node: SyntaxNode): LiteralText | undefined {
  const plain = plainString(node);
  return plain && { text: plain.body, offset: (i) => plain.start + i, plain: true };
}

function computeLiteralText(node: SyntaxNode): LiteralText {
  const parts = node.type === 'concatenated_string' ? node.namedChildren : [node];
  let text = '';
  const offsets: number[] = [];
  let plain = true;
  for (const part of parts) {
    if (!part || part.type !== 'string') continue;
    for (const child of part.namedChildren) {
      if (!child) continue;
      if (child.type === 'interpolation') {
        plain = false;
        // Keep tokens from spanning an interpolation.
        text += '\u0000';
        offsets.push(child.startIndex);
      } else if (child.type === 'string_content' || child.type === 'escape_sequence') {
        const t = child.text;
        for (let i = 0; i < t.length; i++) offsets.push(child.startIndex + i);
        text += t;
      }
    }
  }
  return { text, offset: (i) => offsets[i], plain };
}

let lastScanned: LiteralText | undefined;
let lastFound: SecretMatch[] | undefined;

/** The secrets in a literal, every detector at once, shared by the secret rules (each keeps its own): the last literal's are kept. */
function secretsIn(ctx: RuleContext, node: SyntaxNode, lit: LiteralText): SecretMatch[] {
  if (lit !== lastScanned) {
    lastFound = findSecrets(lit.text, () => statementText(ctx.text, node));
    lastScanned = lit;
  }
  return lastFound!;
}

/** The provider-specific visitors of one secret rule: string literals, comments and notebook shell lines. */
export function secretVisitors(ctx: RuleContext, code: string): Visitors {
  const codes = new Set([code]);
  const literal = (node: SyntaxNode) => {
    const lit = literalText(node);
    if (!lit.text) return;
    for (const m of secretsIn(ctx, node, lit)) {
      if (m.detector.code !== code) continue;
      const start = lit.offset(m.index);
      const end = lit.offset(m.index + m.length - 1) + 1;
      const whole = lit.plain && m.index === 0 && m.token.length === lit.text.length;
      ctx.report({ span: { start, end }, message: secretMessage(m, 'is hardcoded'), fixes: whole ? envFix(ctx, node, m) : [] });
    }
  };
  return {
    string(node) {
      if (ctx.ancestors().at(-1)?.type !== 'concatenated_string') literal(node);
    },
    concatenated_string: literal,
    comment(node) {
      for (const m of findSecrets(node.text, '', codes)) {
        ctx.report({ span: { start: node.startIndex + m.index, end: node.startIndex + m.index + m.length }, message: secretMessage(m, 'is written in a comment') });
      }
    },
    shell(line) {
      const base = ctx.lines.lineStart(line.line);
      for (const m of findSecrets(line.text, line.text, codes)) {
        ctx.report({ span: { start: base + m.index, end: base + m.index + m.length }, message: secretMessage(m, 'is written in a notebook command') });
      }
    },
  };
}

const STATEMENTS = new Set(['expression_statement', 'return_statement', 'assert_statement', 'raise_statement', 'decorated_definition', 'function_definition', 'class_definition', 'with_statement', 'for_statement', 'if_statement']);

/** The statement a literal belongs to, up to 200 characters before it: the context W&B or Azure keys need. */
export function statementText(text: string, node: SyntaxNode): string {
  let top: SyntaxNode = node;
  for (let p = node.parent; p && !STATEMENTS.has(top.type); p = p.parent) top = p;
  return text.slice(Math.max(top.startIndex, node.startIndex - 200), Math.min(top.endIndex, node.endIndex + 60));
}

export function secretMessage(m: SecretMatch, where: string): string {
  return `${m.detector.provider} \`${mask(m.token, m.detector.prefix)}\` ${where}: rotate it at ${m.detector.rotate} (deleting it does not un-leak it) and read it from the ${m.detector.envVar} environment variable`;
}

/** Replaces the literal with `os.environ["VAR"]`, importing os when the file does not. */
function envFix(ctx: RuleContext, node: SyntaxNode, m: SecretMatch): Fix[] {
  if (m.detector.envVar === 'PRIVATE_KEY_PATH') return [];
  // `os.environ["X"] = "<key>"`: the fix is to set X outside the code, not to read it back.
  const parent = node.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.type === 'subscript' && /environ/.test(parent.childForFieldName('left')!.text)) return [];
  const bytes = /^[rR]?[bB]/.test(node.type === 'string' ? node.text : (node.firstNamedChild?.text ?? ''));
  const read = `os.environ["${m.detector.envVar}"]${bytes ? '.encode()' : ''}`;
  const edits: TextEdit[] = [{ start: node.startIndex, end: node.endIndex, text: read }];
  const os = ctx.lookup('os');
  if (!(os?.kind === 'import' && os.qualified === 'os')) edits.push(importOs(node));
  return [{ title: `Read it from os.environ["${m.detector.envVar}"]`, safety: 'unsafe', edits }];
}

/** `import os` after the module docstring and `__future__` imports. */
export function importOs(node: SyntaxNode): TextEdit {
  let at = 0;
  const top = node.tree.rootNode.namedChildren;
  for (let i = 0; i < top.length; i++) {
    const n = top[i];
    if (!n) continue;
    const docstring = i === 0 && n.type === 'expression_statement' && n.namedChildren[0]?.type === 'string';
    if (n.type === 'comment' || docstring || n.type === 'future_import_statement') {
      at = n.endIndex;
      continue;
    }
    break;
  }
  return at === 0 ? { start: 0, end: 0, text: 'import os\n' } : { start: at, end: at, text: '\nimport os' };
}

/** The docs page of a provider rule: what differs is the format, the example and the variable. */
export function secretDocs(d: { what: string; example: string; useInstead: string; envVar: string }): string {
  const fence = '\u0060\u0060\u0060';
  return `
## What it does
${d.what}

It looks in string literals (including implicit concatenation, f-string parts, bytes and docstrings), comments, and notebook \`%env\` and \`!\` lines. Placeholders such as \`xxxx\`, \`<YOUR_KEY>\` or low-entropy bodies are ignored, and so are values read from the environment.

## Why is this bad?
A key in code reaches every clone, fork, notebook export and CI log of the repository, and stays in git history after it is deleted. Anyone who finds it acts as you: reads private models and data, runs jobs on your bill. Rotate the key first; removing it from the code does not un-leak it.

## Example
${fence}python
${d.example}
${fence}

## Use instead
${fence}python
${d.useInstead}
${fence}

## Fix safety
Unsafe: the literal is replaced with \`os.environ["${d.envVar}"]\` (and \`import os\` is added when missing), so the variable must be set wherever the code runs. Secrets inside a larger string or a comment get no automatic fix.

## Known limitations
Every output masks the token: the provider, a short prefix and the last four characters.

## References
- [MITRE ATLAS AML.T0055: Unsecured Credentials](https://atlas.mitre.org/techniques/AML.T0055)
- [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
`;
}
