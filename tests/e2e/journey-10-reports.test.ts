import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadedBytes,
  checkAccessibility,
  checkBothLanguages,
  e2e,
  launchBrowser,
  login,
  newSession,
  recording,
  screenshot,
  settle,
  switchLanguage,
} from './support/browser.js';
import { unique } from './support/forms.js';

const SPREADSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Today in Phnom Penh ('YYYY-MM-DD'), the last day a report can cover. */
function todayInPhnomPenh(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A dialog covers the language switch: choose each language with it closed, then open, check and close it. */
async function checkDialogInBothLanguages(page: Page, name: string, open: () => Promise<void>): Promise<void> {
  for (const language of ['km', 'en'] as const) {
    await switchLanguage(page, language);
    await settle(page);
    await open();
    await page.getByRole('dialog').waitFor();
    // Mantine's opening transition: wait until the dialog is fully shown before checking contrast.
    await page.waitForTimeout(400);
    await checkAccessibility(page, name);
    await screenshot(page, name);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  }
}

/** Downloads the report's XLSX through the link, and checks it is a spreadsheet (a zip file) of that name. */
async function downloadSpreadsheet(page: Page): Promise<void> {
  const link = page.getByTestId('report-xlsx');
  const href = (await link.getAttribute('href')) ?? '';
  const response = await page.request.get(href);
  expect(response.status(), `GET ${href}`).toBe(200);
  expect(response.headers()['content-type']).toContain(SPREADSHEET);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = await downloadedBytes(download);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
}

describe.skipIf(e2e().skip)(
  'journey 10: a report over a period, the commitments behind it, and its spreadsheet',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('creates a reporting period, opens the commitments behind a figure, downloads the XLSX and closes it', async () => {
      const { page, context } = await newSession(browser);
      await login(page, 'SECRETARIAT');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL(/\/reports/);
      await settle(page);
      await page.getByRole('heading', { name: 'What changed' }).waitFor();

      // A period of its own, from before the demo's first meeting to today (earlier runs may have left others).
      const title = unique('Review since the national plan');
      const today = todayInPhnomPenh();
      await recording(page, 'journey-10-period', async () => {
        const openNew = () => page.getByTestId('new-period').click();
        await checkDialogInBothLanguages(page, 'reports-new-period', openNew);
        await openNew();
        const form = page.getByTestId('period-form');
        await form.getByLabel('Title (English)').fill(title);
        await form.getByLabel('Title (Khmer)').fill('ការពិនិត្យចាប់តាំងពីផែនការជាតិ');
        // The end before the start is caught before anything is sent.
        await form.getByLabel('First day').fill(today);
        await form.getByLabel('Last day').fill('2023-01-01');
        await form.getByRole('button', { name: 'Create period' }).click();
        await form.getByText('The end comes before the start.').waitFor();
        await form.getByLabel('First day').fill('1 Oct 2023');
        await form.getByLabel('Last day').fill(today);
        await form.getByRole('button', { name: 'Create period' }).click();
        await form.waitFor({ state: 'detached' });
        await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBeTruthy();
        await settle(page);
        await expect.poll(() => page.getByTestId('report-range').textContent()).toContain(title);
        expect(await page.locator('[data-period="open"]').count()).toBe(1);
      });

      // The figures, and the commitments behind "Recorded".
      const recorded = await recording(page, 'journey-10-figures', async () => {
        const figure = page.getByTestId('figure-CREATED');
        const value = Number(await figure.getByTestId('figure-value').textContent());
        expect(value).toBeGreaterThan(0);
        await expect.poll(() => page.getByTestId('report-group').count()).toBeGreaterThan(0);
        await checkBothLanguages(page, 'reports');
        await figure.click();
        await expect.poll(() => new URL(page.url()).searchParams.get('change')).toBe('CREATED');
        const rows = page.getByTestId('report-commitments').getByTestId('commitment-row');
        await expect.poll(() => rows.count()).toBe(Math.min(value, 25));
        expect(await figure.getAttribute('aria-pressed')).toBe('true');
        await checkBothLanguages(page, 'reports-commitments');
        // Each one opens its commitment.
        const first = rows.first().getByRole('link');
        const name = (await first.textContent())?.trim() ?? '';
        await first.click();
        await page.waitForURL(/\/commitments\/[^/]+$/);
        await settle(page);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
        await page.goBack();
        await settle(page);
        return value;
      });

      // The spreadsheet of the period, grouped by plan goal.
      await recording(page, 'journey-10-xlsx', async () => {
        await page.getByLabel('Group by').selectOption('PLAN_GOAL');
        await expect.poll(() => new URL(page.url()).searchParams.get('groupBy')).toBe('PLAN_GOAL');
        await settle(page);
        await expect
          .poll(() => page.getByTestId('report-xlsx').getAttribute('href'))
          .toMatch(/^\/exports\/reporting-periods\/[^/]+\.xlsx\?groupBy=PLAN_GOAL$/);
        await downloadSpreadsheet(page);
      });

      // Closing freezes the report, after a confirmation.
      await recording(page, 'journey-10-close', async () => {
        const openClose = () => page.getByTestId('close-period').click();
        await checkDialogInBothLanguages(page, 'reports-close-period', openClose);
        await openClose();
        await page.getByRole('dialog').getByText('Closing freezes the period').waitFor();
        await page.getByTestId('confirm-close-period').click();
        await expect.poll(() => page.locator('[data-period="closed"]').count()).toBe(1);
        expect(await page.getByRole('button', { name: 'Close the period' }).count()).toBe(0);
        expect(Number(await page.getByTestId('figure-CREATED').getByTestId('figure-value').textContent())).toBe(
          recorded,
        );
        await page.reload();
        await settle(page);
        await expect.poll(() => page.locator('[data-period="closed"]').count()).toBe(1);
        await downloadSpreadsheet(page);
      });

      // Dates of one's own choice: the same figures for the same days, and their own spreadsheet.
      await recording(page, 'journey-10-range', async () => {
        await page.getByText('Dates of my choice').click();
        await page.getByTestId('report-from').fill('1 Oct 2023');
        await page.getByTestId('report-to').fill(today);
        await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2023-10-01');
        await settle(page);
        await expect
          .poll(async () => Number(await page.getByTestId('figure-CREATED').getByTestId('figure-value').textContent()))
          .toBe(recorded);
        await expect
          .poll(() => page.getByTestId('report-xlsx').getAttribute('href'))
          .toBe(`/exports/reports.xlsx?from=2023-10-01&to=${today}&groupBy=PLAN_GOAL`);
        await downloadSpreadsheet(page);
      });
      await context.close();
    });
  },
);
