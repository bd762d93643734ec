import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { runMeetingJourney } from './support/meeting-journey.js';

describe.skipIf(e2e().skip)('journey 1: the secretariat runs a meeting from agenda to approved minutes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates, minutes and approves a meeting, and everything is there after a reload', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    await checkBothLanguages(page, 'dashboard-secretariat');

    const meeting = await recording(page, 'journey-1', () =>
      runMeetingJourney(page, { mode: 'mouse', checkPages: true }),
    );

    await page.reload();
    await settle(page);
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(3);
    for (const title of meeting.agenda) await expect.poll(() => page.getByText(title).count()).toBeGreaterThan(0);
    for (const minutes of meeting.minutes) await expect.poll(() => page.getByText(minutes).count()).toBe(1);
    expect(await page.getByTestId('attendance-group').count()).toBe(4);
    expect(await page.getByTestId('attendance-summary').textContent()).toContain('4 present from 4 organisations');
    expect(await page.getByText(meeting.decision).count()).toBe(1);
    for (const title of meeting.commitments) expect(await page.getByText(title).count()).toBe(1);
    expect(await page.locator('[data-status="MINUTES_APPROVED"]').count()).toBeGreaterThan(0);
    // Approved minutes are frozen: no editor is left on the screen.
    expect(await page.getByTestId('minutes-en').count()).toBe(0);
    await checkBothLanguages(page, 'meeting-approved');

    await page.getByRole('link', { name: 'Printable minutes' }).click();
    await page.waitForURL(/\/print$/);
    await settle(page);
    // The print page runs its own query: wait for its answer rather than reading the first frame.
    for (const minutes of meeting.minutes) await expect.poll(() => page.getByText(minutes).count()).toBe(1);
    await checkBothLanguages(page, 'meeting-print');
    await context.close();
  });
});
