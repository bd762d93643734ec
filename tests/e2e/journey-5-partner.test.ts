import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, settle } from './support/browser.js';

describe.skipIf(e2e().skip)('journey 5: a partner sees no internal meeting and no e-mail address', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('hides INTERNAL meetings and people’s e-mail addresses from partners', async () => {
    // What the secretariat sees, for comparison: internal meetings exist.
    const staff = await newSession(browser);
    await login(staff.page, 'SECRETARIAT');
    await staff.page.goto('/meetings');
    await settle(staff.page);
    const internal = staff.page.locator('[data-testid="meeting-row"]:has([data-visibility="INTERNAL"])');
    await expect.poll(() => internal.count()).toBeGreaterThan(0);
    const internalHref = await internal.first().getByRole('link').getAttribute('href');
    await staff.context.close();

    const { page, context } = await newSession(browser);
    await login(page, 'PARTNER');
    await checkBothLanguages(page, 'dashboard-partner');
    await page.goto('/meetings');
    await settle(page);
    await expect.poll(() => page.getByTestId('meeting-row').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-visibility="INTERNAL"]').count()).toBe(0);
    await checkBothLanguages(page, 'meetings-partner');

    // Not by its address either.
    await page.goto(internalHref ?? '/');
    await settle(page);
    await page.getByText('This meeting does not exist or is not shared with you.').waitFor();

    // No e-mail addresses anywhere in the directory.
    for (const path of ['/people', '/organizations']) {
      await page.goto(path);
      await settle(page);
      expect(await page.locator('body').textContent()).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
    await page.goto('/people');
    await settle(page);
    await expect.poll(() => page.getByTestId('person-row').count()).toBeGreaterThan(0);
    for (const cell of await page.getByTestId('person-email').all()) expect(await cell.textContent()).toBe('—');
    await checkBothLanguages(page, 'people-partner');
    await page.getByRole('link', { name: 'MOLVT' }).first().click();
    await settle(page);
    expect(await page.locator('body').textContent()).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    await context.close();
  });
});
