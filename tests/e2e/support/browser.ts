import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Download, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { E2eContext } from './context.js';

export type Role = 'ADMIN' | 'SECRETARIAT' | 'FOCAL_POINT' | 'PARTNER';
export type Language = 'en' | 'km';

const screenshotDir = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');

/** The setup's hand-over; `skip` is true when no Chromium is present outside CI. */
export function e2e(): E2eContext {
  return inject('e2e');
}

/**
 * The run's one Chromium (started by the global setup), connected to afresh: closing what this returns
 * closes this file's contexts and disconnects, and leaves the browser running for the next file.
 */
export async function launchBrowser(): Promise<Browser> {
  const { browserEndpoint } = e2e();
  if (!browserEndpoint) throw new Error('The global setup started no browser.');
  return chromium.connect(browserEndpoint);
}

/** A separate browser session (own cookies and storage), optionally starting in Khmer. */
export async function newSession(
  browser: Browser,
  language: Language = 'en',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: e2e().baseUrl,
    viewport: { width: 1366, height: 900 },
    locale: language === 'km' ? 'km-KH' : 'en-GB',
    timezoneId: 'Europe/London', // Not Phnom Penh: the app must show Cambodian time whatever the browser's zone.
  });
  if (language === 'km') {
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('e2e-language-set')) {
        localStorage.setItem('prachum.language', 'km');
        sessionStorage.setItem('e2e-language-set', '1');
      }
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[browser console] ${message.text()}`);
  });
  page.on('dialog', (dialog) => void dialog.accept(dialog.type() === 'prompt' ? 'E2E reason' : undefined));
  return { context, page };
}

export function loginOf(role: Role): { email: string; password: string } {
  const login = e2e().logins?.find((l) => l.role === role);
  if (!login) throw new Error(`No demo login for ${role}`);
  return login;
}

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { __typename } }';

/**
 * Signs in and waits for the dashboard. On the login page, through its form; anywhere else, with the login
 * mutation in the page's own cookie jar and then one load of the dashboard: the form costs a page load more,
 * and the journeys that are about it open /login first (pages.test.ts, journey 4).
 */
export async function login(page: Page, role: Role): Promise<void> {
  const { email, password } = loginOf(role);
  if (new URL(page.url(), 'http://x').pathname === '/login') {
    await page.locator('input[autocomplete="username"]').fill(email);
    await page.locator('input[autocomplete="current-password"]').fill(password);
    await page.locator('form button[type="submit"]').click();
  } else {
    const response = await page.request.post('/graphql', {
      data: { query: LOGIN, variables: { input: { email, password } } },
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (!response.ok() || body.errors?.length) throw new Error(`Login as ${role} failed: ${JSON.stringify(body)}`);
    await page.goto('/');
  }
  await page.locator('[data-testid="account-menu"]').waitFor();
  await settle(page);
}

/** Waits until the page shows content rather than a loading state. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[role="status"]:has(.mantine-Loader-root)')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

/** The language the page is shown in now. */
export async function languageOf(page: Page): Promise<Language> {
  return (await page.evaluate(() => document.documentElement.lang)) === 'km' ? 'km' : 'en';
}

export async function switchLanguage(page: Page, language: Language): Promise<void> {
  if ((await languageOf(page)) === language) return;
  await page.getByTestId('language-switch').click();
  await expect.poll(() => languageOf(page)).toBe(language);
}

/** axe-core on the page as it is: no serious or critical violation of WCAG 2.1 A/AA. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
  );
  expect(report, `accessibility of ${name} in ${await languageOf(page)}`).toEqual([]);
}

/**
 * A full-page picture for the user guide, taken only when PRACHUM_GUIDE_IMAGES=1 (`pnpm guide:images`):
 * the test run itself does not pay for 60 full-page screenshots.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.PRACHUM_GUIDE_IMAGES !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.${await languageOf(page)}.png`), fullPage: true });
}

/**
 * Checks the page as it is in both languages: axe-core and a screenshot in each, then returns to the
 * language it was in.
 */
export async function checkBothLanguages(page: Page, name: string): Promise<void> {
  const start = await languageOf(page);
  for (const language of [start, start === 'en' ? 'km' : 'en'] as const) {
    await switchLanguage(page, language);
    await settle(page);
    await checkAccessibility(page, name);
    await screenshot(page, name);
  }
  await switchLanguage(page, start);
}

/** Runs a journey step; if it fails, saves what the page showed (screenshots/FAILED-<name>.png) before failing. */
export async function recording<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `FAILED-${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  }
}

/** The bytes of a download (the browser is shared over a socket, so the file is copied here first). */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'prachum-download-'));
  try {
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
