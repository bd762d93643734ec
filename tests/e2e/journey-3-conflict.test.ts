import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBothLanguages, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { unique } from './support/forms.js';

describe.skipIf(e2e().skip)('journey 3: two people edit the same commitment', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the second save a conflict, keeps what was typed, and loses nothing of the first', async () => {
    const first = await newSession(browser);
    const second = await newSession(browser);
    await login(first.page, 'SECRETARIAT');
    await login(second.page, 'SECRETARIAT');

    // Both open the same commitment and start editing.
    await first.page.goto('/commitments?search=screening');
    await settle(first.page);
    const link = first.page.getByTestId('commitment-row').first().getByRole('link');
    await link.click();
    await first.page.waitForURL(/\/commitments\/[^/?]+$/);
    const url = new URL(first.page.url()).pathname;
    await second.page.goto(url);
    await settle(first.page);
    await settle(second.page);
    for (const { page } of [first, second]) {
      await page.getByRole('button', { name: 'Edit commitment' }).click();
      await page.getByLabel('Description (English)').waitFor();
    }

    // The first person changes the title and saves.
    const newTitle = unique('Introduce standard screening at all international checkpoints');
    await first.page.getByLabel('Title (English)').fill(newTitle);
    await first.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => first.page.getByRole('heading', { level: 1 }).textContent()).toBe(newTitle);

    // The second person, still on the old version, writes a description and saves: a conflict.
    const description = unique('Screening forms agreed with GDI and the provincial police');
    await recording(second.page, 'journey-3', async () => {
      await second.page.getByLabel('Description (English)').fill(description);
      await second.page.getByRole('button', { name: 'Save' }).click();
      await second.page.getByTestId('conflict').waitFor();
      expect(await second.page.getByLabel('Description (English)').inputValue()).toBe(description);
      await checkBothLanguages(second.page, 'commitment-conflict');
      expect(await second.page.getByLabel('Description (English)').inputValue()).toBe(description);

      // Loading their version brings in the new title and keeps the typed description.
      await second.page.getByRole('button', { name: 'Load their version (keep my text)' }).click();
      await expect.poll(() => second.page.getByLabel('Title (English)').inputValue()).toBe(newTitle);
      expect(await second.page.getByLabel('Description (English)').inputValue()).toBe(description);
      await second.page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => second.page.getByTestId('conflict').count()).toBe(0);
      await expect.poll(() => second.page.getByLabel('Description (English)').count()).toBe(0);
    });

    // Both changes are there for everyone.
    await first.page.reload();
    await settle(first.page);
    expect(await first.page.getByRole('heading', { level: 1 }).textContent()).toBe(newTitle);
    expect(await first.page.getByText(description).count()).toBe(1);
    await first.context.close();
    await second.context.close();
  });
});
