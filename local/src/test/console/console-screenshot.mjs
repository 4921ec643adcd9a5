// Takes a screenshot of the stock console in headless Chromium (Debian's package), for the README.
// Usage: node console-screenshot.mjs API_ENDPOINT PRODUCT_ID OUT.png
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [endpoint, product, out] = process.argv.slice(2);
if (!endpoint || !product || !out) {
  console.error('usage: node console-screenshot.mjs API_ENDPOINT PRODUCT_ID OUT.png');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'stockroom-console-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.STOCKROOM_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 860 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  await page.goto(endpoint + '/console?product=' + encodeURIComponent(product));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log('screenshot ' + out);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
