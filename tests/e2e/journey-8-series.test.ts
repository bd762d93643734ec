import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeries } from '../../packages/server/src/demo/demo-data.js';
import {
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
import { pick } from './support/pickers.js';

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

describe.skipIf(e2e().skip)('journey 8: the next meeting of a series reviews the matters arising', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('schedules the next meeting of the demo series and records what was said on a matter arising', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');

    // Meetings → Meeting series → the demo series, found by its title (more meetings may join it later).
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Meetings' }).click();
    await page.waitForURL(/\/meetings$/);
    await page.getByRole('link', { name: 'Meeting series' }).click();
    await page.waitForURL(/\/series$/);
    await settle(page);
    const seriesLink = page.getByTestId('series-row').getByRole('link', { name: demoSeries.title, exact: true });
    await seriesLink.waitFor();
    await checkBothLanguages(page, 'series-list');
    await seriesLink.click();
    await page.waitForURL(/\/series\/[^/]+$/);
    await settle(page);
    await expect.poll(() => page.getByTestId('series-meeting').count()).toBeGreaterThan(0);
    const meetingsBefore = await page.getByTestId('series-meeting').count();

    // It meets every quarter, convened by the NCCT: the cadence is chosen from the presets, stored as an RRULE.
    await recording(page, 'journey-8-series', async () => {
      await page.getByTestId('edit-series').click();
      const form = page.getByTestId('series-form');
      await form.waitFor();
      await pick(page, form.getByRole('combobox', { name: 'Organiser' }), 'NCCT', false, /^NCCT/);
      await form.getByLabel('How often it meets').selectOption('quarterly');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('series-cadence').textContent()).toBe('Quarterly');
      // The cadence now suggests when the next meeting falls.
      const suggested = page.getByText('Next by its cadence').locator('..');
      await expect.poll(async () => (await suggested.textContent())?.includes('—')).toBe(false);
    });

    // Schedule the next meeting: prefilled from the cadence, the same participants invited.
    const meetingUrl = await recording(page, 'journey-8-schedule', async () => {
      const openSchedule = () => page.getByTestId('schedule-next').click();
      await checkDialogInBothLanguages(page, 'series-schedule-next', openSchedule);
      await openSchedule();
      const form = page.getByTestId('schedule-next-form');
      await form.waitFor();
      // Prefilled from the cadence, shown the way Prachum shows a time; typed the same way.
      expect(await form.getByTestId('next-starts-at').getAttribute('data-value')).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
      );
      expect(await form.getByTestId('next-starts-at').inputValue()).toMatch(
        /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/,
      );
      await form.getByTestId('next-starts-at').fill('15 Mar 2027, 09:00');
      expect(await form.getByTestId('next-starts-at').getAttribute('data-value')).toBe('2027-03-15T09:00');
      expect(await form.getByTestId('copy-participants').isChecked()).toBe(true);
      await form.getByRole('button', { name: 'Schedule the meeting' }).click();
      await page.waitForURL(/\/meetings\/[^/]+$/);
      await settle(page);
      return page.url();
    });

    await recording(page, 'journey-8-meeting', async () => {
      // It opens with the matters arising, has the participants of the latest meeting, and belongs to the series.
      const firstItem = page.getByTestId('agenda-item').first();
      await expect.poll(() => firstItem.textContent()).toContain('Matters arising / review of commitments');
      expect(await page.getByTestId('attendance-group').count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: demoSeries.title }).waitFor();

      // The matters arising: open commitments of the earlier meetings, overdue first.
      const matters = page.getByTestId('matter-arising');
      await expect.poll(() => matters.count()).toBeGreaterThan(0);
      const overdue = await matters.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overdue')));
      expect(overdue.indexOf('false') === -1 || overdue.lastIndexOf('true') < overdue.indexOf('false')).toBe(true);
      await page.getByTestId('since-previous').waitFor();
      await checkBothLanguages(page, 'meeting-matters-arising');

      // Record what was said on the first one, without leaving the meeting.
      const matter = matters.first();
      const reference = (await matter.getAttribute('data-reference')) ?? '';
      const note = unique('The ministry reported that the consultant starts in January');
      const openRecord = async () => {
        await matter.getByTestId('matter-actions').click();
        await page.getByTestId('record-progress').click();
      };
      await checkDialogInBothLanguages(page, 'meeting-matter-progress', openRecord);
      await openRecord();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('progress-note').fill(note);
      await dialog.getByRole('button', { name: 'Post update' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(page.url()).toBe(meetingUrl);

      // The note is on the commitment's timeline.
      await page.locator(`[data-reference="${reference}"]`).getByRole('link').first().click();
      await page.waitForURL(/\/commitments\/[^/]+$/);
      await settle(page);
      await expect.poll(() => page.getByTestId('progress-update').filter({ hasText: note }).count()).toBe(1);
    });

    // The printable minutes carry the review of the matters arising.
    await page.goto(meetingUrl);
    await settle(page);
    await page.getByRole('link', { name: 'Printable minutes' }).click();
    await page.waitForURL(/\/print$/);
    await settle(page);
    const review = page.getByTestId('matters-review');
    await review.getByRole('heading', { name: 'Matters arising: review of commitments' }).waitFor();
    expect(await review.locator('tbody tr').count()).toBeGreaterThan(0);

    // The series lists the new meeting.
    await page.goto(meetingUrl);
    await settle(page);
    await page.getByRole('link', { name: demoSeries.title }).click();
    await page.waitForURL(/\/series\/[^/]+$/);
    await settle(page);
    await expect.poll(() => page.getByTestId('series-meeting').count()).toBe(meetingsBefore + 1);
    await context.close();
  });
});
