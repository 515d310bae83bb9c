// Runs the extension checks (test/vscode/suite.ts) in a real VS Code: code-server 4.100.3 (VS Code
// 1.100.3) opened in headless Chromium. `npm run test:vscode`; CI runs it from .ci/run.
//
// It packages mlsec.vsix as a user would get it, installs it with a small probe extension into a
// code-server with its own HOME, opens a copy of examples/ as the workspace, waits for the probe to
// write the outcome of the checks, takes screenshots of the MLSec views into test-artifacts/, and
// exits 1 if any check failed. Set MLSEC_CODE_SERVER to an installed code-server folder to reuse it.
const { execFileSync, spawn } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const TIMEOUT_MS = 240_000;
const VSCE = path.join(ROOT, 'node_modules', '.bin', 'vsce');

function log(message) {
  process.stdout.write(`[vscode-test] ${message}\n`);
}

function sh(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}

function codeServer() {
  const dir = process.env.MLSEC_CODE_SERVER || path.join(ROOT, '.vscode-test', 'code-server');
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    log(`installing code-server into ${dir}`);
    sh('bash', [path.join(ROOT, 'scripts', 'install-code-server.sh'), dir]);
  }
  return bin;
}

function chromium() {
  for (const candidate of [process.env.MLSEC_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)) if (fs.existsSync(candidate)) return candidate;
  throw new Error('Chromium not found: install Debian\'s chromium package (or set MLSEC_CHROMIUM)');
}

async function packageExtensions(tmp) {
  log('packaging mlsec.vsix');
  sh(VSCE, ['package', '--no-dependencies', '--out', path.join(tmp, 'mlsec.vsix')], { cwd: ROOT });
  const probe = path.join(tmp, 'probe');
  fs.mkdirSync(probe, { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'probe', 'package.json'), path.join(probe, 'package.json'));
  fs.writeFileSync(path.join(probe, 'README.md'), 'Test probe for the MLSec extension.\n');
  fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(probe, 'LICENSE'));
  await esbuild.build({ entryPoints: [path.join(__dirname, 'probe.ts')], outfile: path.join(probe, 'probe.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'error' });
  sh(VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '--out', path.join(tmp, 'probe.vsix')], { cwd: probe });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function until(what, probe, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What this machine lacks to run the tests (Chromium, and the tools code-server's install needs). */
function missing() {
  const out = [];
  const has = (cmd) => require('child_process').spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  if (![process.env.MLSEC_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].some((c) => c && fs.existsSync(c))) out.push('chromium');
  const installed = fs.existsSync(path.join(process.env.MLSEC_CODE_SERVER || path.join(ROOT, '.vscode-test', 'code-server'), 'node_modules', '.bin', 'code-server'));
  if (!installed) for (const [cmd, pkg] of [['make', 'build-essential'], ['g++', 'build-essential'], ['python3', 'python3'], ['pkg-config', 'pkg-config'], ['rg', 'ripgrep']]) if (!has(cmd) && !out.includes(pkg)) out.push(pkg);
  return out;
}

async function main() {
  // `npm test` runs these when the machine can; CI (which installs what they need) always does.
  if (process.argv.includes('--if-available') && !process.env.CI) {
    const lacking = missing();
    if (lacking.length) {
      log(`skipped: this machine lacks ${lacking.join(', ')} (Debian packages; .ci/run lists them all). CI runs these tests.`);
      return;
    }
  }
  const bin = codeServer();
  const browserPath = chromium();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-vscode-'));
  const home = path.join(tmp, 'home');
  const userData = path.join(tmp, 'user');
  const extensions = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  const outcomeFile = path.join(tmp, 'outcome.json');
  for (const d of [home, userData, extensions]) fs.mkdirSync(d, { recursive: true });
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share'), XDG_CACHE_HOME: path.join(home, '.cache'), MLSEC_PROBE_OUT: outcomeFile };
  delete env.VSCODE_IPC_HOOK_CLI;
  await packageExtensions(tmp);
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  for (const vsix of ['mlsec.vsix', 'probe.vsix']) sh(bin, [...common, '--install-extension', path.join(tmp, vsix)], { env });

  const port = await freePort();
  log(`starting code-server on 127.0.0.1:${port}`);
  const server = spawn(bin, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let serverLog = '';
  server.stdout.on('data', (b) => (serverLog += b));
  server.stderr.on('data', (b) => (serverLog += b));
  const { chromium: pw } = require('playwright-core');
  let browser;
  try {
    await until('code-server /healthz', () => healthy(port), 60_000);
    browser = await pw.launch({ executablePath: browserPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    log('waiting for the checks to run inside VS Code');
    await until('the probe outcome', () => fs.existsSync(outcomeFile), TIMEOUT_MS);
    const outcomes = JSON.parse(fs.readFileSync(outcomeFile, 'utf8'));
    outcomes.push(await statusBar(page));
    await screenshots(page);
    for (const o of outcomes) log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms} ms)${o.ok ? '' : `\n${o.error}`}`);
    const failed = outcomes.filter((o) => !o.ok);
    log(`${outcomes.length - failed.length} passed, ${failed.length} failed; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
    if (failed.length || outcomes.length === 0) process.exitCode = 1;
  } catch (e) {
    log(`error: ${e.message}\ncode-server output:\n${serverLog.slice(-4000)}`);
    process.exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** What the window shows, read from the page: the status bar item with the workspace's finding count. */
async function statusBar(page) {
  const t0 = Date.now();
  try {
    const item = page.locator('.statusbar-item', { hasText: /MLSec: \d+/ }).first();
    await item.waitFor({ timeout: 20_000 });
    const text = (await item.innerText()).trim();
    if (!/MLSec: [1-9]\d*/.test(text)) throw new Error(`status bar reads "${text}"`);
    return { name: 'the status bar shows the finding count', ok: true, ms: Date.now() - t0 };
  } catch (e) {
    return { name: 'the status bar shows the finding count', ok: false, error: e.message, ms: Date.now() - t0 };
  }
}

/** The MLSec view container with each of its views, as a newcomer sees them. */
async function screenshots(page) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  await sidebar.waitFor({ timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-window.png') });
  for (const [title, file, open] of [
    ['Security Checklist', 'checklist-view.png', ['Models are stored and loaded']],
    ['Threat Reference', 'threat-view.png', ['MITRE ATLAS', 'AML.TA0005 Execution', 'AML.T0011 User Execution']],
  ]) {
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
    if (await pane.count()) {
      // Expand a few rows, as a user exploring the view would.
      for (const row of open) {
        // The twistie expands; the label would run the row's command (open the entry's page).
        await pane.locator('.monaco-list-row', { hasText: row }).first().locator('.monaco-tl-twistie').click({ timeout: 5000 }).catch(() => log(`no row "${row}" in ${title}`));
        await page.waitForTimeout(400);
      }
      await pane.screenshot({ path: path.join(ARTIFACTS, file) }).catch((e) => log(`screenshot of ${title} failed: ${e.message}`));
    } else log(`the ${title} view is not on screen`);
  }
  await threatModelEntry(page);
}

/** The sidebar with a threat-model entry open: its row in the Threat Reference and its page beside it. */
async function threatModelEntry(page) {
  const pane = (title) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
  const threats = pane('Threat Reference');
  if (!(await threats.count())) return log('the Threat Reference view is not on screen');
  // Room for the tree: fold the checklist and the frameworks opened for the previous screenshot.
  const checklistHeader = pane('Security Checklist').locator('.pane-header');
  if ((await checklistHeader.getAttribute('aria-expanded').catch(() => null)) === 'true') await checklistHeader.click().catch(() => undefined);
  const row = (text) => threats.locator('.monaco-list-row', { hasText: text }).first();
  if ((await row('MITRE ATLAS').getAttribute('aria-expanded').catch(() => null)) === 'true') await row('MITRE ATLAS').locator('.monaco-tl-twistie').click().catch(() => undefined);
  for (const text of ['Threat models', 'ML pipeline threat model']) {
    if ((await row(text).getAttribute('aria-expanded').catch(() => null)) !== 'true') await row(text).locator('.monaco-tl-twistie').click({ timeout: 5000 }).catch(() => log(`no row "${text}" in the Threat Reference`));
    await page.waitForTimeout(400);
  }
  // The label runs the row's command: the entry's page opens in the Markdown preview.
  await row('Supply-chain compromise of pretrained models').locator('.monaco-tl-contents').click({ timeout: 5000 }).catch(() => log('no threat-model entry row to open'));
  // And its findings under it, as the twistie shows them.
  await row('Supply-chain compromise of pretrained models').locator('.monaco-tl-twistie').click({ timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(2500);
  await page.locator('#workbench\\.parts\\.sidebar').screenshot({ path: path.join(ARTIFACTS, 'threat-model-sidebar.png') }).catch((e) => log(`screenshot of the sidebar failed: ${e.message}`));
  await page.screenshot({ path: path.join(ARTIFACTS, 'threat-model-entry.png') });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
