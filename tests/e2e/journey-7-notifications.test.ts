import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkBothLanguages,
  e2e,
  languageOf,
  launchBrowser,
  login,
  newSession,
  recording,
  settle,
} from './support/browser.js';
import { chooseOption, unique } from './support/forms.js';

/** Notifications are written by a background job: reload until the bell says more than `than`. */
async function waitForUnread(page: Page, than: number): Promise<number> {
  const bell = page.getByTestId('notification-bell');
  let count = 0;
  await expect
    .poll(
      async () => {
        await page.reload();
        await settle(page);
        count = Number(await bell.getAttribute('data-unread'));
        return count;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBeGreaterThan(than);
  return count;
}

const unreadOf = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

describe.skipIf(e2e().skip)('journey 7: follow-up that runs by itself', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('tells the secretariat that a completed commitment waits, and the notification opens it', async () => {
    const secretariat = await newSession(browser);
    const staff = secretariat.page;
    await login(staff, 'SECRETARIAT');
    const before = await unreadOf(staff);

    // A focal point reports an open commitment of their organisation completed, with evidence.
    const focal = await newSession(browser);
    const page = focal.page;
    await login(page, 'FOCAL_POINT');
    await page.getByRole('region', { name: 'Assigned to me' }).waitFor();
    const row = page.getByRole('region', { name: "My organisation's open commitments" }).getByTestId('commitment-row');
    await row.first().waitFor();
    const link = row.first().getByRole('link');
    const title = (await link.textContent())?.trim() ?? '';
    await link.click();
    await page.waitForURL(/\/commitments\/[^/]+$/);
    await settle(page);
    const commitmentPath = new URL(page.url()).pathname;
    await recording(page, 'journey-7-focal', async () => {
      await chooseOption(page.getByLabel('Status', { exact: true }), 'Completed');
      await page.getByLabel('Progress', { exact: true }).fill('100');
      await page.getByTestId('progress-note').fill(unique('Done: the guidelines are printed and distributed'));
      await page.getByTestId('evidence-url').fill('https://example.org/molvt/guidelines-distributed.pdf');
      await page.getByTestId('evidence-title').fill('Distribution record');
      await page.getByRole('button', { name: 'Post update' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
    });

    // "Assigned to me" on the commitments list is a filter kept in the address.
    await page.goto('/commitments');
    await settle(page);
    await page.getByLabel('Assigned to me').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('mine')).toBe('1');
    await focal.context.close();

    await recording(staff, 'journey-7-secretariat', async () => {
      const unread = await waitForUnread(staff, before);
      expect(await staff.getByTestId('notification-bell').getAttribute('aria-label')).toBe(
        `Notifications: ${unread} unread`,
      );
      await staff.getByTestId('notification-bell').click();
      await staff.waitForURL('**/notifications');
      await settle(staff);
      const waiting = staff
        .locator('[data-testid="notification"][data-kind="AWAITING_VERIFICATION"]')
        .filter({ has: staff.locator(`a[href="${commitmentPath}"]`) });
      await expect
        .poll(
          async () => {
            if ((await waiting.count()) === 0) {
              await staff.reload();
              await settle(staff);
            }
            return waiting.count();
          },
          { timeout: 60_000, interval: 1_000 },
        )
        .toBe(1);
      expect(await waiting.getAttribute('data-unread')).toBe('true');
      await checkBothLanguages(staff, 'notifications');

      // Opening it marks it read and lands on the commitment, waiting for verification.
      await waiting.getByRole('link').click();
      await staff.waitForURL(`**${commitmentPath}`);
      await settle(staff);
      await staff.getByRole('heading', { name: 'Waiting for verification' }).waitFor();
      expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      await expect.poll(() => unreadOf(staff)).toBeLessThan(unread);

      await staff.goto('/notifications?unread=1');
      await settle(staff);
      expect(await waiting.count()).toBe(0);
      await staff.goto('/notifications');
      await settle(staff);
      expect(await waiting.getAttribute('data-unread')).toBe('false');
    });

    // Following: the button toggles, survives a reload, and the secretariat sees who follows.
    await recording(staff, 'journey-7-follow', async () => {
      await staff.goto(commitmentPath);
      await settle(staff);
      const me = (await staff.getByTestId('account-menu').locator('p').first().textContent())?.trim() ?? '';
      const follow = staff.getByTestId('follow-button');
      const followers = staff.getByRole('region', { name: /^Followers/ });
      const wasFollowing = (await follow.getAttribute('aria-pressed')) === 'true';
      for (const following of [!wasFollowing, wasFollowing]) {
        await follow.click();
        await expect.poll(() => follow.getAttribute('aria-pressed')).toBe(String(following));
        expect(await follow.textContent()).toBe(following ? 'Following' : 'Follow');
        await staff.reload();
        await settle(staff);
        expect(await follow.getAttribute('aria-pressed')).toBe(String(following));
        expect(await followers.getByText(me, { exact: true }).count()).toBe(following ? 1 : 0);
      }
      await checkBothLanguages(staff, 'commitment-following');
    });
    await secretariat.context.close();
  });

  it('saves the language and e-mail settings, and a new browser then starts in that language', async () => {
    const first = await newSession(browser);
    const page = first.page;
    await login(page, 'SECRETARIAT');
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'My settings' }).click();
    await page.waitForURL('**/settings');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await settle(page);
    await checkBothLanguages(page, 'settings');

    const digest = page.getByRole('switch', { name: 'Weekly digest' });
    const save = page.locator('form button[type="submit"]');
    await recording(page, 'journey-7-settings', async () => {
      expect(await save.isDisabled()).toBe(true);
      await page.getByRole('radio', { name: 'ភាសាខ្មែរ' }).check();
      await digest.uncheck();
      await save.click();
      await expect.poll(() => languageOf(page)).toBe('km');
      await page.getByRole('status').filter({ hasText: 'បានរក្សាទុក' }).waitFor();
      await page.reload();
      await settle(page);
      expect(await languageOf(page)).toBe('km');
      expect(await page.getByRole('radio', { name: 'ភាសាខ្មែរ' }).isChecked()).toBe(true);
      expect(await page.getByTestId('setting-digest').isChecked()).toBe(false);
    });

    // A browser where nobody chose a language follows the account's.
    const second = await newSession(browser);
    await login(second.page, 'SECRETARIAT');
    await expect.poll(() => languageOf(second.page)).toBe('km');
    await second.context.close();

    // Back to English and the digest, for the journeys that follow.
    await recording(page, 'journey-7-settings-restore', async () => {
      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByTestId('setting-digest').check();
      await save.click();
      await expect.poll(() => languageOf(page)).toBe('en');
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    });
    await first.context.close();
  });

  it('shows the administrator the e-mail outbox, held while no mail server is configured', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'ADMIN');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'E-mail outbox' })
      .click();
    await page.waitForURL('**/admin/outbox');
    await settle(page);
    const mails = page.getByTestId('outbox-mail');
    await expect
      .poll(
        async () => {
          await page.reload();
          await settle(page);
          return mails.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await checkBothLanguages(page, 'outbox');
    await page.goto('/admin/outbox?status=HELD');
    await settle(page);
    const statuses = await mails
      .locator('[data-status]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['HELD']));
    await context.close();
  });
});
