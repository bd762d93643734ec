import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, loginOf, newSession, recording, settle } from './support/browser.js';
import { runMeetingJourney } from './support/meeting-journey.js';

describe.skipIf(e2e().skip)('journey 6: journey 1 with the keyboard alone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, runs the meeting and approves the minutes without a mouse event', async () => {
    const { page, context } = await newSession(browser);
    // Any mouse event on the page fails the journey.
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown']) {
        window.addEventListener(
          type,
          (event) => {
            if ((event as MouseEvent).detail > 0) (window as unknown as { mouseUsed: string }).mouseUsed = type;
          },
          true,
        );
      }
    });
    const { email, password } = loginOf('SECRETARIAT');
    await page.goto('/login');
    await settle(page);
    // The e-mail field has focus when the page opens; Tab goes to the password, Enter submits.
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await settle(page);

    // The skip link is the first thing Tab reaches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');

    const meeting = await recording(page, 'journey-6', () => runMeetingJourney(page, { mode: 'keyboard' }));
    await page.reload();
    await settle(page);
    expect(await page.getByTestId('agenda-item').count()).toBe(3);
    for (const minutes of meeting.minutes) expect(await page.getByText(minutes).count()).toBe(1);
    expect(await page.getByTestId('attendance-group').count()).toBe(4);
    for (const title of meeting.commitments) expect(await page.getByText(title).count()).toBe(1);
    expect(await page.locator('[data-status="MINUTES_APPROVED"]').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { mouseUsed?: string }).mouseUsed)).toBeUndefined();
    await context.close();
  });
});
