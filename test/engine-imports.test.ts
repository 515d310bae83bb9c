import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

/**
 * The engine, the rules and the model-file scanner are pure: text (or bytes) and configuration in, findings out. They may not import
 * the editor, the protocol, the file system or the process, nor reach for Node's globals.
 */
const FORBIDDEN_MODULES = /^(node:.*|vscode|vscode-languageserver.*|vscode-languageclient.*|fs|fs\/promises|path|process|os|child_process|worker_threads|net|http|https|http2|dgram|dns|tls|url|crypto)$/;
const FORBIDDEN_GLOBALS = new Set(['process', 'require', '__dirname', '__filename', 'Buffer', 'fetch']);

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

export function violations(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const at = (n: ts.Node) => `${path.basename(file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      if (FORBIDDEN_MODULES.test(n.moduleSpecifier.text)) out.push(`${at(n)} imports ${n.moduleSpecifier.text}`);
    }
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) out.push(`${at(n)} uses dynamic import()`);
    if (ts.isIdentifier(n) && FORBIDDEN_GLOBALS.has(n.text)) {
      const parent = n.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === n) || ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent);
      if (!isPropertyName) out.push(`${at(n)} uses the global ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('engine purity', () => {
  const root = path.join(__dirname, '..');
  for (const layer of ['engine', 'rules', 'model-files']) {
    it(`${layer}/ imports nothing from vscode, the LSP, fs, path or process`, () => {
      const found = sources(path.join(root, layer)).flatMap((f) => violations(f, fs.readFileSync(f, 'utf8')));
      assert.deepEqual(found, []);
    });
  }

  it('catches each kind of forbidden dependency', () => {
    const bad = [
      "import * as fs from 'fs';",
      "import { readFileSync } from 'node:fs';",
      "import { Connection } from 'vscode-languageserver/node';",
      "export { join } from 'path';",
      'const cwd = process.cwd();',
      "const x = require('os');",
      "const m = import('vscode');",
    ];
    for (const line of bad) assert.equal(violations('probe.ts', line).length > 0, true, line);
    assert.deepEqual(violations('probe.ts', "import { Parser } from 'web-tree-sitter';\nconst o = { process: 1 };\n"), []);
  });
});
