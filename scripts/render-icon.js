// Renders media/icon.svg to media/icon.png (the Marketplace icon, 128x128) with the Chromium the
// VS Code tests use: `node scripts/render-icon.js [path to chromium]`. Both files are committed.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const browser = await chromium.launch({ executablePath: process.argv[2] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0">${fs.readFileSync(path.join(__dirname, '..', 'media', 'icon.svg'), 'utf8')}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(__dirname, '..', 'media', 'icon.png'), omitBackground: true });
  await browser.close();
})();
