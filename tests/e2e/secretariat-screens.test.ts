import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { unique, waitForSaved } from './support/forms.js';
import { pick } from './support/pickers.js';

/**
 * A dialog covers the language switch, so each language is chosen with the dialog closed, then the dialog
 * is opened (by a test id, whatever the language), checked with axe-core, photographed and closed again.
 */
async function checkDialogInBothLanguages(page: Page, name: string, opener: string): Promise<void> {
  for (const language of ['km', 'en'] as const) {
    await switchLanguage(page, language);
    await settle(page);
    await page.getByTestId(opener).first().click();
    await page.getByRole('dialog').waitFor();
    // Mantine's opening transition: wait until the dialog is fully shown before checking contrast.
    await page.waitForTimeout(400);
    await checkAccessibility(page, name);
    await screenshot(page, name);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  }
}

describe.skipIf(e2e().skip)('the secretariat screens: meeting details, corrected minutes, audit trail', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('edits a meeting, corrects its approved minutes with a reason, and finds both in the audit trail', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    const title = unique('Referral working group');
    const renamed = unique('Referral working group (rescheduled)');
    const minutes = unique('The group agreed on 12 referrals');
    const corrected = unique('The group agreed on 21 referrals');
    const reason = unique('The number of referrals was misheard');

    await recording(page, 'secretariat-screens', async () => {
      // A new meeting with one agenda item and its minutes.
      await page.goto('/meetings/new');
      await settle(page);
      await page.getByLabel('Title (English)').fill(title);
      await page.getByLabel('Starts').fill('10 Nov 2026, 14:00');
      await pick(page, 'Organiser', 'NCCT', false, /^NCCT/);
      await page.getByRole('button', { name: 'Create meeting' }).click();
      await page.waitForURL(/\/meetings\/(?!new)[^/]+$/);
      await settle(page);

      // The calendar link points at the meeting's iCalendar export.
      const href = await page.getByTestId('add-to-calendar').getAttribute('href');
      expect(href).toMatch(/^\/exports\/meetings\/[^/]+\.ics$/);

      // Details are changed in a dialog.
      await checkDialogInBothLanguages(page, 'meeting-edit-details', 'edit-meeting');
      await page.getByRole('button', { name: 'Edit details' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Title (English)').waitFor();
      await dialog.getByLabel('Title (English)').fill(renamed);
      await dialog.getByLabel('Location').fill('Ministry of Interior, Phnom Penh');
      await dialog.getByLabel('Kind').selectOption('TECHNICAL_WORKING_GROUP');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(renamed);
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(await page.getByText('Ministry of Interior, Phnom Penh').count()).toBeGreaterThan(0);

      await page.getByLabel('Item title (English)').fill('Referral figures');
      await page.getByRole('button', { name: 'Add item' }).click();
      await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(1);
      await page.getByTestId('minutes-en').fill(minutes);
      await expect.poll(() => page.getByText(/Saved at/).count(), { timeout: 15_000 }).toBe(1);
      await waitForSaved(page);

      // Held, then the minutes approved through a confirmation dialog.
      await page.getByRole('button', { name: 'Mark as held' }).click();
      await expect.poll(() => page.locator('[data-status="HELD"]').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Approve minutes' }).click();
      await page.getByTestId('confirm-approve').click();
      await expect.poll(() => page.locator('[data-status="MINUTES_APPROVED"]').count()).toBeGreaterThan(0);
      expect(await page.getByText(minutes).count()).toBe(1);

      // A correction needs a reason: without one the server's message is shown beside the field.
      await checkDialogInBothLanguages(page, 'meeting-correct-minutes', 'correct-minutes');
      await page.getByRole('button', { name: 'Correct minutes of item 1' }).click();
      const correction = page.getByTestId('correct-minutes-form');
      await correction.getByTestId('revise-minutes-en').fill(corrected);
      await correction.getByRole('button', { name: 'Record the correction' }).click();
      await expect
        .poll(() => correction.locator('.mantine-InputWrapper-error').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await correction.getByTestId('revise-reason').fill(reason);
      await correction.getByRole('button', { name: 'Record the correction' }).click();
      await expect.poll(() => page.getByTestId('minutes-revision').count()).toBe(1);
      const revision = page.getByTestId('minutes-revision');
      expect(await revision.textContent()).toContain(reason);
      expect(await revision.textContent()).toContain(minutes);
      expect(await revision.textContent()).toContain(corrected);

      // The meeting's history, for staff.
      await page.getByTestId('history-toggle').click();
      await expect.poll(() => page.getByTestId('audit-event').count()).toBeGreaterThan(1);
      await checkBothLanguages(page, 'meeting-minutes-corrected');

      // After a reload the corrected text and its revision are still there.
      await page.reload();
      await settle(page);
      expect(await page.getByTestId('minutes-revision').count()).toBe(1);
      expect(await page.getByText(corrected).count()).toBeGreaterThan(0);

      // The audit trail lists the changes, filtered by record type.
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.waitForURL(/\/audit$/);
      await settle(page);
      await expect.poll(() => page.getByTestId('audit-event').count()).toBeGreaterThan(0);
      await page.getByTestId('audit-type').selectOption('AgendaItem');
      await page.waitForURL(/type=AgendaItem/);
      await settle(page);
      await expect.poll(() => page.getByText('Minutes corrected').count()).toBeGreaterThan(0);
      await checkBothLanguages(page, 'audit');
    });
    await context.close();
  });

  it('keeps the audit trail from partners', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'PARTNER');
    expect(await page.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await page.goto('/audit');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });
});
