import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, normalize } from '../server/settings';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const properties: Record<string, { default: unknown; type: string; enum?: string[] }> = contributes.configuration.properties;
/** Read by the client, not the server. */
const CLIENT_ONLY = new Set(['mlsec.logLevel', 'mlsec.trace.server']);

describe('extension manifest', () => {
  it('contributes exactly the settings the server reads, with the same defaults', () => {
    const serverKeys = Object.keys(normalize({})).map((k) => `mlsec.${k}`);
    const contributed = Object.keys(properties).filter((k) => !CLIENT_ONLY.has(k));
    assert.deepEqual([...contributed].sort(), [...serverKeys].sort());
    const defaults = Object.fromEntries(contributed.map((k) => [k.slice('mlsec.'.length), properties[k].default]));
    assert.deepEqual(normalize(defaults), normalize(DEFAULT_SETTINGS));
  });

  it('every contributed setting changes what the server does when set', () => {
    const changed: Record<string, unknown> = {
      'mlsec.enable': false,
      'mlsec.select': ['MLS1'],
      'mlsec.ignore': ['MLS301'],
      'mlsec.severity': { MLS301: 'error' },
      'mlsec.rules': { MLS402: { 'max-epsilon': 8 } },
      'mlsec.configurationPreference': 'filesystemFirst',
      'mlsec.scanWorkspace': false,
    };
    for (const key of Object.keys(properties).filter((k) => !CLIENT_ONLY.has(k))) {
      assert.ok(key in changed, `a changed value for ${key}`);
      const name = key.slice('mlsec.'.length);
      assert.notDeepEqual(normalize({ [name]: changed[key] }), normalize({}), key);
    }
  });

  it('declares VS Code 1.100 at most, untrusted workspaces, and its activation', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    const types = pkg.devDependencies['@types/vscode'];
    assert.ok(/^1\.(\d+)\./.test(types) && Number(/^1\.(\d+)\./.exec(types)![1]) <= 100, `@types/vscode ${types} is not newer than engines.vscode`);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    for (const e of ['onLanguage:python', 'onNotebook:jupyter-notebook', 'workspaceContains:**/pyproject.toml', 'workspaceContains:**/requirements*.txt', 'workspaceContains:**/*.ipynb']) assert.ok(pkg.activationEvents.includes(e), e);
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('menus, views and walkthrough point at things that exist', () => {
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const c of ['mlsec.scanWorkspace', 'mlsec.showRuleDocumentation', 'mlsec.openThreatReference', 'mlsec.exportChecklist', 'mlsec.restartServer']) assert.ok(commands.has(c), c);
    for (const list of Object.values(contributes.menus) as { command: string }[][]) for (const m of list) assert.ok(commands.has(m.command), m.command);
    assert.deepEqual(contributes.views.mlsec.map((v: { id: string }) => v.id), ['mlsec.checklist', 'mlsec.threats']);
    assert.ok(fs.existsSync(path.join(ROOT, contributes.viewsContainers.activitybar[0].icon)));
    // The Marketplace wants a PNG of at least 128x128 pixels (its IHDR chunk: width and height at bytes 16 and 20).
    const icon = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(16) === icon.readUInt32BE(20), 'square, 128 pixels or more');
    assert.ok(fs.existsSync(path.join(ROOT, contributes.snippets[0].path)));
    for (const step of contributes.walkthroughs[0].steps) assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
  });

  it('the extension declares every command it registers, and registers every command it declares', () => {
    const source = fs.readdirSync(path.join(ROOT, 'client')).map((f) => fs.readFileSync(path.join(ROOT, 'client', f), 'utf8')).join('\n');
    const registered = new Set([...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]));
    // Registered by the language client for the server's executeCommand provider.
    const fromServer = ['mlsec.scanWorkspace', 'mlsec.showRuleDocumentation'];
    const internal = new Set(['mlsec.showRuleDocumentation.local', 'mlsec.revealFinding', 'mlsec.showThreatsForRule']);
    for (const c of contributes.commands.map((x: { command: string }) => x.command)) assert.ok(registered.has(c) || fromServer.includes(c), `${c} is registered`);
    for (const c of registered) assert.ok(internal.has(c) || contributes.commands.some((x: { command: string }) => x.command === c), `${c} is declared`);
  });

  it('packages only the bundles, the wasm, the data, the snippets and the media', function () {
    this.timeout(60_000);
    const files = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    for (const f of ['dist/extension.js', 'dist/server.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'data/checklist.json', 'data/threats.json', 'snippets/python.json', 'package.json']) assert.ok(files.includes(f), f);
    for (const f of files) {
      assert.ok(!/(^|\/)node_modules\//.test(f), f);
      assert.ok(!f.endsWith('.map'), f);
      assert.ok(!/(^|\/)test\/|\.test\.|\.ts$/.test(f), f);
      assert.ok(/^(dist|data|snippets|media)\/|^(package\.json|README\.md|LICENSE)$/.test(f), `unexpected ${f}`);
    }
  });
});
