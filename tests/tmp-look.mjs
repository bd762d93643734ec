import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const base = 'http://127.0.0.1:4100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base + '/');
await page.waitForURL(/login/);
await page.screenshot({ path: '/tmp/shots/login.png' });
await page.getByLabel('E-mail address').fill(process.argv[2] ?? 'vuthy.chea@example.org');
await page.getByLabel('Password').fill(process.argv[3] ?? 'prachum-demo-secretariat');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(base + '/');
await page.waitForTimeout(2000);
await page.screenshot({ path: '/tmp/shots/dashboard.png', fullPage: true });
for (const path of (process.argv[4] ?? '/meetings,/commitments').split(',')) {
  await page.goto(base + path);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${path.replace(/\W/g, '_')}.png`, fullPage: true });
}
await browser.close();
