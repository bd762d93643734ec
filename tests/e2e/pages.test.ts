import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { unique } from './support/forms.js';

/** Every page the journeys do not already cover, checked with axe-core and photographed in both languages. */
describe.skipIf(e2e().skip)('every page, in English and Khmer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the login page and a wrong password', async () => {
    const { page, context } = await newSession(browser);
    await page.goto('/login');
    await settle(page);
    await checkBothLanguages(page, 'login');
    await page.locator('input[autocomplete="username"]').fill('nobody@example.org');
    await page.locator('input[autocomplete="current-password"]').fill('wrong password');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    await checkBothLanguages(page, 'login-failed');
    // A page that needs a session sends visitors to the login page and back afterwards.
    await page.goto('/commitments?overdue=1');
    await page.waitForURL(/\/login\?next=/);
    await context.close();
  });

  it('the pages of the secretariat and the administrator', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'ADMIN');
    const pages: [string, string][] = [
      ['/meetings?view=calendar&month=2023-11', 'meetings-calendar'],
      ['/commitments?view=board', 'commitments-board'],
      ['/commitments?overdue=1&sort=progress', 'commitments-overdue'],
      ['/organizations', 'organizations'],
      ['/people', 'people'],
      ['/plan', 'plan'],
      ['/admin/accounts', 'accounts'],
      ['/no-such-page', 'not-found'],
      ['/commitments?search=zzzz-nothing-matches', 'commitments-empty'],
    ];
    for (const [path, name] of pages) {
      await page.goto(path);
      await settle(page);
      await recording(page, name, () => checkBothLanguages(page, name));
    }
    await page.goto('/organizations');
    await settle(page);
    await page.getByRole('link', { name: 'MOLVT' }).click();
    await page.getByRole('heading', { name: 'Focal points' }).waitFor();
    await settle(page);
    expect(await page.locator('body').textContent()).toMatch(/@example\.org/);
    await checkBothLanguages(page, 'organization');

    // API tokens: created, shown once, revoked.
    await page.goto('/tokens');
    await settle(page);
    const name = unique('Monthly report script');
    await page.getByRole('textbox', { name: /^Name/ }).fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    expect(await page.getByTestId('new-token').locator('pre, code').first().textContent()).toMatch(/\S{20,}/);
    await checkBothLanguages(page, 'tokens');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: new RegExp(name) })
          .getByText('Revoked')
          .count(),
      )
      .toBe(1);
    await context.close();
  });
});
