import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { unique } from './support/forms.js';

/** The calendar day `days` after a date ('YYYY-MM-DD'). */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Opens the focal point's open commitments one by one and stays on the first where a new due date can be
 * asked for (no request waiting: other journeys and earlier runs may have left some).
 */
async function openRequestable(page: Page): Promise<string> {
  const section = page.getByRole('region', { name: "My organisation's open commitments" });
  await section.getByTestId('commitment-row').first().waitFor();
  const links = await section
    .getByTestId('commitment-row')
    .getByRole('link')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href') ?? ''));
  for (const href of links) {
    await page.goto(href);
    await settle(page);
    if ((await page.getByRole('button', { name: 'Request a new due date' }).count()) === 1) return href;
  }
  throw new Error('No open commitment of the focal point’s organisation takes a due date request');
}

describe.skipIf(e2e().skip)('journey 9: a due date moves, and keeps its history', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a focal point’s request for a new due date, the secretariat accepts it, and the slip shows', async () => {
    const focal = await newSession(browser);
    const page = focal.page;
    await login(page, 'FOCAL_POINT');
    const commitmentPath = await openRequestable(page);
    const title = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    const reference =
      (await page
        .getByRole('main')
        .getByText(/^[A-Z]+-\d{4}-\d{2}-\d{2}-C\d+$/)
        .first()
        .textContent()) ?? '';
    const reason = unique('The survey data arrive only in the second quarter');

    const requested = await recording(page, 'journey-9-request', async () => {
      await page.getByRole('button', { name: 'Request a new due date' }).click();
      const date = page.getByTestId('new-due-date');
      const current = (await date.getAttribute('data-value')) ?? '';
      expect(current).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const asked = addDays(current, 45);
      // Without a reason the request is not sent.
      await date.fill(asked);
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.getByText('This is required.').waitFor();
      await page.getByTestId('due-date-reason').fill(reason);
      await checkBothLanguages(page, 'commitment-due-date-request');
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.getByTestId('due-date-request-waiting').waitFor();
      const waiting = page.locator('[data-testid="due-date-change"][data-status="REQUESTED"]');
      await expect.poll(() => waiting.count()).toBe(1);
      expect(await waiting.textContent()).toContain(reason);
      // One request waits at a time.
      expect(await page.getByRole('button', { name: 'Request a new due date' }).count()).toBe(0);
      return { from: current, to: asked };
    });
    await focal.context.close();

    // The secretariat finds the request on the dashboard and accepts it on the commitment's page.
    const secretariat = await newSession(browser);
    const staff = secretariat.page;
    await login(staff, 'SECRETARIAT');
    await recording(staff, 'journey-9-decide', async () => {
      const requests = staff.getByRole('region', { name: 'Requests for a new due date' });
      const request = requests.getByTestId('due-date-request').filter({ hasText: reference });
      await request.waitFor();
      await request.getByRole('link', { name: title }).click();
      await staff.waitForURL(`**${commitmentPath}`);
      await settle(staff);
      const decision = staff.getByTestId('due-date-decision');
      await decision.waitFor();
      expect(await decision.textContent()).toContain(reason);
      await checkBothLanguages(staff, 'commitment-due-date-decision');
      await decision.getByTestId('due-date-decision-reason').fill('Agreed at the technical working group');
      await decision.getByRole('button', { name: 'Accept the new due date' }).click();
      await decision.waitFor({ state: 'detached' });

      // The due date moved, the first one is kept, and the history says who asked, who decided and why.
      const dueDate = staff.locator(`time[datetime="${requested.to}"]`);
      await expect.poll(() => dueDate.count()).toBeGreaterThan(0);
      const accepted = staff
        .locator('[data-testid="due-date-change"][data-status="ACCEPTED"]')
        .filter({ hasText: reason });
      await expect.poll(() => accepted.count()).toBe(1);
      expect(await accepted.textContent()).toContain('Agreed at the technical working group');
      const slip = staff.getByTestId('slip').first();
      await expect.poll(async () => (await slip.textContent()) ?? '').toMatch(/Slipped by \d+ days?/);
      await checkBothLanguages(staff, 'commitment-due-date-history');
    });

    // The commitments table shows the slip too.
    await staff.goto(`/commitments?search=${encodeURIComponent(reference)}`);
    await settle(staff);
    const row = staff.getByTestId('commitment-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.getByTestId('slip').textContent()).toMatch(/Slipped by \d+ days?/);
    await secretariat.context.close();

    // The focal point sees the decision in the history.
    const again = await newSession(browser);
    await login(again.page, 'FOCAL_POINT');
    await again.page.goto(commitmentPath);
    await settle(again.page);
    await expect
      .poll(() => again.page.locator('[data-testid="due-date-change"][data-status="ACCEPTED"]').count())
      .toBeGreaterThan(0);
    expect(await again.page.getByTestId('due-date-request-waiting').count()).toBe(0);
    await again.context.close();
  });
});
