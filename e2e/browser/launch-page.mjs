// A provisioned launch's page through nginx in Chromium, for the compose e2e test (e2e/run, step 10).
//
//   node e2e/browser/launch-page.mjs BASE_URL USER PASSWORD LAUNCH_ID CONTAINERS SCREENSHOT_DIR
//
// Signs in, opens the launch's page and waits until its Containers table lists CONTAINERS rows, every one
// RUNNING or HEALTHY (what the provisioner read from Docker's events); takes a screenshot. Prints one line
// of what it saw (each container's name and state); exits 1 with the reason on the first thing not as expected.
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, user, password, launchId, containers, shots] = process.argv.slice(2);
if (!shots) {
  console.error('usage: launch-page.mjs BASE_URL USER PASSWORD LAUNCH_ID CONTAINERS SCREENSHOT_DIR');
  process.exit(2);
}
const WAIT = 90_000;
mkdirSync(shots, { recursive: true });
const browser = await puppeteer.launch({
  browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, acceptInsecureCerts: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const scriptErrors = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 1000 });
  page.on('pageerror', (e) => scriptErrors.push(String(e.message || e)));
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('#username', { visible: true, timeout: WAIT });
  await page.type('#username', user);
  await page.type('#password', password);
  await page.click('#sign-in');
  await page.waitForSelector('#runs table', { visible: true, timeout: WAIT });
  await page.goto(`${base}/#/launches/${launchId}`);
  await page.waitForSelector('#launch-containers-section:not([hidden])', { visible: true, timeout: WAIT });
  try {
    await page.waitForFunction((n) => {
      const rows = [...document.querySelectorAll('#launch-containers tbody tr[data-state]')];
      return rows.length === n && rows.every((r) => ['RUNNING', 'HEALTHY'].includes(r.dataset.state));
    }, { timeout: WAIT }, Number(containers));
  } catch {
    const rows = await page.$$eval('#launch-containers tbody tr', (trs) => trs.map((r) => r.textContent.trim()));
    throw new Error(`wanted ${containers} containers RUNNING or HEALTHY on the launch page, saw: ${rows.join(' | ') || 'none'}`);
  }
  const states = await page.$$eval('#launch-containers tbody tr[data-state]',
    (trs) => trs.map((r) => `${r.dataset.name} ${r.dataset.state} ${r.querySelector('[data-field="container"]').textContent}`));
  await page.screenshot({ path: join(shots, `chromium-10-provisioned-launch.png`), fullPage: true });
  if (scriptErrors.length) throw new Error('script errors: ' + scriptErrors.join('; '));
  console.log(`launch page: ${states.join(', ')}`);
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
