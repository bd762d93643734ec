import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkBothLanguages,
  e2e,
  launchBrowser,
  login,
  newSession,
  recording,
  settle,
  switchLanguage,
} from './support/browser.js';

const EMAIL = /[\w.+-]+@[\w-]+\.[a-z]{2,}/i;
const PHONE = /\+855[\s\d]{6,}/;

/** Nothing on the page is wider than a 390 px phone screen: no sideways scrolling. */
async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'page width on a 390 px screen').toBeLessThanOrEqual(390);
}

/** What the page says, to check no contact detail is on it. */
async function bodyText(page: Page): Promise<string> {
  return (await page.locator('body').textContent()) ?? '';
}

describe.skipIf(e2e().skip)('journey 13: an anonymous visitor reads the public page in Khmer on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads progress, PUBLIC commitments and approved minutes without signing in, and nothing else', async () => {
    // What the secretariat knows: an internal meeting's address, which must stay closed to the public.
    const staff = await newSession(browser);
    await login(staff.page, 'SECRETARIAT');
    await staff.page.goto('/meetings');
    await settle(staff.page);
    const internal = staff.page.locator('[data-testid="meeting-row"]:has([data-visibility="INTERNAL"])');
    await expect.poll(() => internal.count()).toBeGreaterThan(0);
    const internalHref = (await internal.first().getByRole('link').first().getAttribute('href')) ?? '';
    const internalId = internalHref.split('/').pop() ?? '';
    expect(internalId).not.toBe('');

    const { page, context } = await newSession(browser, 'km');
    await page.setViewportSize({ width: 390, height: 844 });

    await recording(page, 'journey-13-overview', async () => {
      // The sign-in page points to the public page.
      await page.goto('/login');
      await settle(page);
      await page.getByTestId('public-link').click();
      await page.waitForURL(/\/public$/);
      await settle(page);
      await page.getByRole('heading', { level: 1, name: 'វឌ្ឍនភាពនៃការប្តេជ្ញាចិត្តសាធារណៈ' }).waitFor();
      // No staff navigation, and the charts by plan goal and by GCM objective with the OGP completion scale.
      expect(await page.getByTestId('account-menu').count()).toBe(0);
      await page.getByRole('region', { name: 'វឌ្ឍនភាពតាមគោលដៅផែនការ' }).getByTestId('stats-group').first().waitFor();
      await page.getByRole('region', { name: 'វឌ្ឍនភាពតាមគោលបំណង GCM' }).getByTestId('stats-group').first().waitFor();
      await page.getByTestId('completion-scale').waitFor();
      // Counts and percentages in Khmer digits.
      expect(await page.getByTestId('public-high-completion').textContent()).toMatch(/[០-៩]+%/);
      await fitsThePhone(page);
      expect(await bodyText(page)).not.toMatch(EMAIL);
      await checkBothLanguages(page, 'public-overview');
    });

    await recording(page, 'journey-13-commitments', async () => {
      await page.getByRole('navigation', { name: 'ទំព័រសាធារណៈ' }).getByRole('link', { name: 'ការប្តេជ្ញាចិត្ត' }).click();
      await page.waitForURL(/\/public\/commitments$/);
      await settle(page);
      const cards = page.getByTestId('public-commitment');
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      // Each with its lead agency, due date and last update.
      const first = await cards.first().textContent();
      expect(first).toContain('ស្ថាប័នដឹកនាំ');
      expect(first).toContain('កាលកំណត់');
      expect(first).toContain('បច្ចុប្បន្នភាពចុងក្រោយ');
      await fitsThePhone(page);
      const text = await bodyText(page);
      expect(text).not.toMatch(EMAIL);
      expect(text).not.toMatch(PHONE);
      await checkBothLanguages(page, 'public-commitments');

      // A search that finds nothing says so helpfully.
      await page.getByLabel('ស្វែងរកតាមពាក្យ ឬលេខយោង').fill('zzzz-nothing-matches');
      await page.keyboard.press('Enter');
      await page.getByTestId('empty-state').waitFor();
      await checkBothLanguages(page, 'public-commitments-empty');
      await page.goBack();
      await settle(page);

      await cards.first().getByRole('link').first().click();
      await page.waitForURL(/\/public\/commitments\/[^/]+$/);
      await settle(page);
      await page.getByRole('heading', { level: 2, name: 'របាយការណ៍វឌ្ឍនភាព' }).waitFor();
      await fitsThePhone(page);
      expect(await bodyText(page)).not.toMatch(EMAIL);
      await checkBothLanguages(page, 'public-commitment');
    });

    await recording(page, 'journey-13-meetings', async () => {
      await page.getByRole('navigation', { name: 'ទំព័រសាធារណៈ' }).getByRole('link', { name: 'កិច្ចប្រជុំ' }).click();
      await page.waitForURL(/\/public\/meetings$/);
      await settle(page);
      const meetings = page.getByTestId('public-meeting');
      await expect.poll(() => meetings.count()).toBeGreaterThan(0);
      await checkBothLanguages(page, 'public-meetings');
      // The demo's review meeting has approved minutes: they are on its public page.
      await meetings.filter({ hasText: 'កំណត់ហេតុបានអនុម័ត' }).first().getByRole('link').click();
      await page.waitForURL(/\/public\/meetings\/[^/]+$/);
      await settle(page);
      await expect.poll(() => page.getByTestId('public-agenda-item').count()).toBeGreaterThan(0);
      await fitsThePhone(page);
      const text = await bodyText(page);
      expect(text).not.toMatch(EMAIL);
      expect(text).not.toMatch(PHONE);
      await checkBothLanguages(page, 'public-meeting');
    });

    // An internal meeting reads exactly like one that does not exist.
    await page.goto(`/public/meetings/${internalId}`);
    await settle(page);
    await page.getByText('ទំព័រនេះមិនមាន ឬមិនមែនជាសាធារណៈ').waitFor();
    await page.goto('/public/meetings/not-an-id');
    await settle(page);
    await page.getByText('ទំព័រនេះមិនមាន ឬមិនមែនជាសាធារណៈ').waitFor();

    // The language switch works here too, and the choice stays.
    await switchLanguage(page, 'en');
    await page.goto('/public');
    await settle(page);
    await page.getByRole('heading', { level: 1, name: 'Progress of the public commitments' }).waitFor();
    const anonymousMeetings = await (async () => {
      await page.goto('/public/meetings');
      await settle(page);
      await page.getByTestId('public-meeting').first().waitFor();
      return page.getByTestId('public-meeting').allTextContents();
    })();
    await context.close();

    // Signed in, the secretariat sees on /public exactly what the public sees: never its internal records.
    await staff.page.goto('/public/meetings');
    await settle(staff.page);
    await staff.page.getByTestId('public-meeting').first().waitFor();
    expect((await staff.page.getByTestId('public-meeting').allTextContents()).length).toBe(anonymousMeetings.length);
    await staff.page.goto(`/public/meetings/${internalId}`);
    await settle(staff.page);
    await staff.page.getByText('This page does not exist or is not public').waitFor();
    await staff.context.close();
  });
});
