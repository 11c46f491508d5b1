// The dashboard through nginx in a real browser, for the compose e2e test (e2e/run, step 3).
//
//   node e2e/browser/dashboard.mjs chromium|firefox BASE_URL USER PASSWORD RUN_UUID SCREENSHOT_DIR
//
// Signs in, finds the run the e2e test made through the ingestion API in the list, opens its detail
// page and waits for its charts to have points, makes an ingest token and checks its snippets, and opens
// the users page; a screenshot of each page goes to SCREENSHOT_DIR. Any uncaught script error fails it.
// Prints one line of what it saw; exits 1 with the reason on the first thing that is not as expected.
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [which, base, user, password, runUuid, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: dashboard.mjs chromium|firefox BASE_URL USER PASSWORD RUN_UUID SCREENSHOT_DIR');
  process.exit(2);
}
const BROWSERS = {
  // The flags keep Chromium off the network it would otherwise call home on (closed here).
  chromium: { browser: 'chrome', executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'] },
  firefox: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', args: [] },
};
const WAIT = 30_000;
mkdirSync(shots, { recursive: true });

const seen = [];
const scriptErrors = [];
const browser = await puppeteer.launch({ ...BROWSERS[which], headless: true, acceptInsecureCerts: true });
let page;
try {
  page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 1000 });
  page.on('pageerror', (e) => scriptErrors.push(String(e.message || e)));
  const shot = (name) => page.screenshot({ path: join(shots, `${which}-${name}.png`), fullPage: true });
  const text = (selector) => page.$eval(selector, (el) => el.textContent.trim());
  const waitText = async (selector, wanted, what) => {
    try {
      await page.waitForFunction((s, w) => document.querySelector(s)?.textContent.trim() === w, { timeout: WAIT }, selector, wanted);
    } catch {
      throw new Error(`${what}: wanted "${wanted}" in ${selector}, saw "${await text(selector).catch(() => 'nothing')}"`);
    }
  };

  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#username', { visible: true, timeout: WAIT });
  await shot('01-login');
  await page.type('#username', user);
  await page.type('#password', password);
  await page.click('#sign-in');
  await page.waitForSelector('#runs table', { visible: true, timeout: WAIT });
  seen.push('signed in');

  const row = `tr[data-uuid="${runUuid}"]`;
  await page.waitForSelector(row, { visible: true, timeout: WAIT });
  const rowText = await text(row);
  if (!rowText.includes('COMPLETED')) throw new Error(`the run's row does not say COMPLETED: ${rowText}`);
  await waitText(`${row} [data-field="requests"]`, '300', 'the run in the list');
  await shot('02-runs');
  seen.push('the e2e run in the list (COMPLETED, 300 requests)');

  await page.goto(`${base}/#/runs/${runUuid}`);
  await page.waitForSelector('#chart-rps canvas', { visible: true, timeout: WAIT });
  await waitText('#card-requests', '300', 'the run detail');
  const points = await page.$$eval('.chart[data-points]', (charts) => charts.map((c) => Number(c.dataset.points)));
  if (points.length !== 4 || points.some((n) => !(n >= 1))) throw new Error(`the detail's charts have points ${points}`);
  const endpoints = await page.$$eval('#endpoints tbody tr', (rows) => rows.map((r) => r.textContent));
  if (!endpoints.some((r) => r.includes('/cart'))) throw new Error(`the endpoint table lacks /cart: ${endpoints}`);
  await shot('03-run-detail');
  seen.push(`detail with 4 charts of ${points[0]} point(s) and the /cart endpoint`);

  await page.goto(`${base}/#/tokens`);
  await page.waitForSelector('#token-name', { visible: true, timeout: WAIT });
  await page.type('#token-name', `e2e ${which}`);
  await page.click('#create-token');
  await page.waitForSelector('#new-token', { visible: true, timeout: WAIT });
  const token = await text('#new-token');
  const snippets = await page.$$eval('pre.snippet', (pres) => pres.map((p) => p.textContent));
  if (!token.startsWith('lst_') || snippets.length !== 4 || !snippets.every((s) => s.includes(token) && s.includes(new URL(base).origin))) {
    throw new Error(`token ${token.slice(0, 8)}…: ${snippets.length} snippets, not all with the token and ${base}`);
  }
  await shot('04-tokens');
  seen.push('a new token shown once with its 4 snippets');

  await page.goto(`${base}/#/users`);
  await page.waitForSelector('#user-list', { visible: true, timeout: WAIT });
  await shot('05-users');
  seen.push('users page');

  if (scriptErrors.length) throw new Error(`script errors in the page: ${scriptErrors.join(' | ')}`);
  console.log(`${which} ${await browser.version()}: ${seen.join(', ')}; screenshots in ${shots}`);
} catch (e) {
  if (page) await page.screenshot({ path: join(shots, `${which}-failed.png`), fullPage: true }).catch(() => {});
  console.log(`${which}: after ${seen.join(', ') || 'nothing'}: ${e.message}${scriptErrors.length ? '; script errors: ' + scriptErrors.join(' | ') : ''}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
