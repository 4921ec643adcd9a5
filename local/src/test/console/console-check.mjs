// Drives the stock console in headless Chromium (Debian's package, never a downloaded build):
// the page shows the product, a move through its form changes the numbers, and the chart draws.
// Usage: node console-check.mjs API_ENDPOINT PRODUCT_ID EXPECTED_TOTAL MOVE_QUANTITY [SCREENSHOT.png]
// Prints one line per check and exits 0 only if every check held.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [endpoint, product, totalText, moveText, screenshot] = process.argv.slice(2);
if (!endpoint || !product || !totalText || !moveText) {
  console.error('usage: node console-check.mjs API_ENDPOINT PRODUCT_ID EXPECTED_TOTAL MOVE_QUANTITY [SCREENSHOT.png]');
  process.exit(2);
}
const total = Number(totalText);
const moved = Number(moveText);
const executablePath = process.env.STOCKROOM_CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'stockroom-console-'));

function check(condition, what) {
  console.log((condition ? 'ok ' : 'FAILED ') + what);
  if (!condition) {
    throw new Error(what);
  }
}

// A fresh profile for each run, which Playwright passes to Chromium as its --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('requestfailed', (request) => problems.push('request failed: ' + request.url()));
  page.on('request', (request) => {
    if (!request.url().startsWith(endpoint)) {
      problems.push('loaded from another host: ' + request.url());
    }
  });

  await page.goto(endpoint + '/console?product=' + encodeURIComponent(product));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const row = page.locator('#stock tbody tr[data-product="' + product + '"]');
  check(await row.count() === 1, 'the stock list shows ' + product);
  check(await row.locator('td[data-field=total]').textContent() === String(total), 'its total is ' + total);
  check(await page.textContent('#level-available') === String(total), 'the product panel shows ' + total + ' available');

  await page.selectOption('#move-action', 'increment');
  await page.fill('#move-quantity', String(moved));
  await page.fill('#move-reason', 'received from the console');
  await page.click('#move-submit');
  const after = String(total + moved);
  await page.waitForFunction((n) => document.getElementById('level-total')?.textContent === n, after, { timeout: 15000 });
  check(true, 'after the move the product panel shows a total of ' + after);
  await page.waitForFunction((n) => document.querySelector('#stock tr[data-product="' + n.product + '"] td[data-field=total]')?.textContent === n.after,
    { product, after }, { timeout: 5000 });
  check(true, 'and the stock list shows it too');
  await page.waitForFunction(() => document.querySelectorAll('#history tbody tr[data-transaction]').length >= 2, null, { timeout: 20000 });
  check((await page.textContent('#history tbody tr:first-child')).includes('received from the console'),
    'the history shows the move, newest first, with its reason');

  const points = await page.evaluate(() => window.stockChart.data[0].length);
  check(points >= 3, 'the chart has ' + points + ' points (creation, the move, now)');
  const lastTotal = await page.evaluate(() => window.stockChart.data[1][window.stockChart.data[1].length - 1]);
  check(lastTotal === total + moved, 'the chart ends at a total of ' + (total + moved));
  const inked = await page.evaluate(() => {
    const canvas = document.querySelector('#chart canvas');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) {
      if (pixels[i] !== 0) {
        count++;
      }
    }
    return count;
  });
  check(inked > 500, 'the chart canvas is drawn on (' + inked + ' pixels)');
  check(await page.locator('#orders tbody tr').count() >= 1, 'the orders awaiting payment are listed (or said to be none)');
  check(problems.length === 0, 'no page errors, failed requests or other hosts' + (problems.length ? ': ' + problems.join('; ') : ''));

  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log('screenshot ' + screenshot);
  }
  console.log('console ok');
} catch (error) {
  failed = true;
  console.log('FAILED ' + error.message);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
