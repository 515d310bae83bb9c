// The same extension checks under @vscode/test-electron, for machines that can download VS Code
// (`npm run test:vscode:electron`). Here the extension runs from the source tree (dist/) rather than
// from the .vsix; test/vscode/run.js is the runner for machines without a VS Code download.
const esbuild = require('esbuild');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.join(__dirname, '..', '..');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-electron-'));
  const suite = path.join(tmp, 'suite.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'error' });
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user')],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
