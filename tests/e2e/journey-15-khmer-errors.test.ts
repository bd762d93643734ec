import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAccessibility,
  e2e,
  launchBrowser,
  login,
  newSession,
  recording,
  settle,
  switchLanguage,
} from './support/browser.js';
import { unique } from './support/forms.js';
import { pick } from './support/pickers.js';

type Catalogue = { problems: Record<string, string> } & Record<string, unknown>;
const catalogue = (language: string) =>
  JSON.parse(
    readFileSync(new URL(`../../packages/client/src/i18n/${language}.json`, import.meta.url), 'utf8'),
  ) as Catalogue;
const km = catalogue('km').problems;
const kmFields = (catalogue('km').meetings as { fields: Record<string, string> }).fields;
const starts = (page: Page) => page.getByLabel(kmFields.startsAt);
const ends = (page: Page) => page.getByLabel(kmFields.endsAt);
const en = catalogue('en').problems;

/** API field names and English wording that must never reach a person reading in Khmer. */
const API_NAMES =
  /\b(titleKm|textKm|nameKm|fullNameKm|leadOrganizationId|organizerId|organizationId|startsAt|endsAt|positionHeld|onBehalfOfId|input\.)\b/;
const ENGLISH_SERVER_TEXT = /\b(must be|is required|give a|already used|not a valid|no such|at most \d+)\b/i;

/** The problem shown beside a labelled field (Mantine puts it in the field's error element). */
async function problemBeside(field: Locator): Promise<string> {
  const id = await field.getAttribute('aria-describedby');
  const ids = (id ?? '').split(/\s+/).filter((part) => part.endsWith('-error'));
  if (ids.length === 0) return '';
  return (await field.page().locator(`[id="${ids[0]}"]`).textContent()) ?? '';
}

/** Every problem a form shows, and its whole text: no API field name, no English server text, no English problem. */
async function expectOnlyKhmer(page: Page, scope: Locator, name: string): Promise<void> {
  const text = (await scope.textContent()) ?? '';
  expect(text, `${name}: API field names`).not.toMatch(API_NAMES);
  expect(text, `${name}: English server text`).not.toMatch(ENGLISH_SERVER_TEXT);
  for (const english of Object.values(en)) {
    if (/\{\{/.test(english)) continue;
    expect(text, `${name}: English problem "${english}"`).not.toContain(english);
  }
  await checkAccessibility(page, `${name} with its problems`);
}

describe.skipIf(e2e().skip)('journey 15: every form says what is wrong in Khmer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each problem beside its field, in Khmer, in the forms of meetings, agenda, decisions, attendance and tokens', async () => {
    const { page, context } = await newSession(browser, 'km');
    await login(page, 'SECRETARIAT');
    await switchLanguage(page, 'km');

    // A new meeting sent empty: every problem at once, before anything is sent.
    await recording(page, 'journey-15-meeting-new', async () => {
      await page.goto('/meetings/new');
      await settle(page);
      const form = page.locator('form').first();
      await form.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByLabel('ចំណងជើង (អង់គ្លេស)', { exact: true }))).toBe(km.EITHER_LANGUAGE);
      expect(await problemBeside(starts(page))).toBe(km.REQUIRED);
      expect(await problemBeside(page.getByRole('combobox', { name: 'អ្នករៀបចំ' }))).toBe(km.REQUIRED);
      await expectOnlyKhmer(page, form, 'new meeting');
      expect(new URL(page.url()).pathname).toBe('/meetings/new');

      // Too long, then an end before the start: the server's limits known in the browser.
      await page.getByLabel('ចំណងជើង (អង់គ្លេស)', { exact: true }).fill('x'.repeat(501));
      await starts(page).fill('២០ ធ្នូ ២០២៦ ម៉ោង ១០:០០');
      await ends(page).fill('២០/១២/២០២៦ ០៩:០០');
      await form.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByLabel('ចំណងជើង (អង់គ្លេស)', { exact: true }))).toBe('យ៉ាងច្រើន ៥០០ តួអក្សរ។');
      expect(await problemBeside(ends(page))).toBe(km.END_BEFORE_START);
      await expectOnlyKhmer(page, form, 'new meeting, too long');
    });

    // A real meeting, then its agenda, decision, attendance and cancel forms sent with bad input.
    await page.goto('/meetings/new');
    await settle(page);
    const title = unique('Khmer errors meeting');
    await page.getByLabel('ចំណងជើង (អង់គ្លេស)', { exact: true }).fill(title);
    await starts(page).fill('២១ ធ្នូ ២០២៦ ម៉ោង ០៩:០០');
    await pick(page, 'អ្នករៀបចំ', 'NCCT', false, /^NCCT/);
    await page.locator('form').first().locator('button[type="submit"]').click();
    await page.waitForURL(/\/meetings\/(?!new)[^/]+$/);
    await settle(page);

    await recording(page, 'journey-15-meeting-forms', async () => {
      const agenda = page.getByRole('form', { name: 'បន្ថែមចំណុចរបៀបវារៈ' });
      await agenda.locator('button[type="submit"]').click();
      expect(await problemBeside(agenda.locator('input').first())).toBe(km.EITHER_LANGUAGE);
      await expectOnlyKhmer(page, agenda, 'agenda item form');

      const decision = page.getByRole('form', { name: 'កត់ត្រាសេចក្តីសម្រេច' });
      await decision.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByTestId('decision-text'))).toBe(km.EITHER_LANGUAGE);
      await expectOnlyKhmer(page, decision, 'decision form');

      // The check-in form without a person; then an over-long position held.
      const checkIn = page.getByRole('form', { name: 'ចុះវត្តមានអ្នកចូលរួម' });
      await checkIn.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByTestId('checkin-person'))).toBe(km.REQUIRED);
      await page.getByTestId('participant-position').fill('x'.repeat(201));
      await checkIn.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByTestId('participant-position'))).toBe('យ៉ាងច្រើន ២០០ តួអក្សរ។');
      await expectOnlyKhmer(page, checkIn, 'check-in form');
    });

    // Cancelling needs a reason.
    await recording(page, 'journey-15-cancel', async () => {
      await page.getByRole('button', { name: 'លុបចោលកិច្ចប្រជុំ' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.locator('button[type="submit"]').click();
      expect(await problemBeside(page.getByTestId('cancel-reason'))).toBe(km.REQUIRED);
      await page.waitForTimeout(400);
      await expectOnlyKhmer(page, dialog, 'cancel dialog');
      await page.keyboard.press('Escape');
    });

    // A token without a name.
    await recording(page, 'journey-15-tokens', async () => {
      await page.goto('/tokens');
      await settle(page);
      const form = page.locator('form').first();
      // No name, and an expiry date that does not exist: both said at once, beside their fields.
      await page.getByTestId('token-expires').fill('៣០ កុម្ភៈ ២០២៧');
      await page.getByTestId('token-expires').blur();
      await form.locator('button[type="submit"]').click();
      expect(await problemBeside(form.locator('input').first())).toBe(km.REQUIRED);
      expect(await problemBeside(page.getByTestId('token-expires'))).toBe(km.INVALID_DATE);
      await expectOnlyKhmer(page, form, 'token form');
      // A date typed the way it is shown is read (and shown back the same way).
      await page.getByTestId('token-expires').fill('៣១ ធ្នូ ២០២៧');
      await page.getByTestId('token-expires').blur();
      expect(await page.getByTestId('token-expires').inputValue()).toBe('៣១ ធ្នូ ២០២៧');
      expect(await problemBeside(page.getByTestId('token-expires'))).toBe('');
    });
    await context.close();
  });

  it('translates what only the server can know: a duplicate acronym and a malformed e-mail address', async () => {
    const { page, context } = await newSession(browser, 'km');
    await login(page, 'SECRETARIAT');
    await switchLanguage(page, 'km');

    await recording(page, 'journey-15-organization', async () => {
      await page.goto('/organizations');
      await settle(page);
      await page.getByRole('button', { name: 'ស្ថាប័នថ្មី' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const inputs = dialog.locator('input');
      // The acronym of an organisation that exists (the demo data's IOM), and a name.
      await inputs.nth(0).fill('IOM');
      await dialog.locator('input').nth(1).fill(unique('Duplicate organisation'));
      await dialog.locator('button[type="submit"]').click();
      await expect.poll(() => problemBeside(inputs.nth(0))).toBe(km.DUPLICATE);
      await page.waitForTimeout(400);
      await expectOnlyKhmer(page, dialog, 'organisation form');
      await page.keyboard.press('Escape');
    });

    await recording(page, 'journey-15-person', async () => {
      await page.goto('/people');
      await settle(page);
      await page.getByRole('button', { name: 'បុគ្គលថ្មី' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.locator('input').first().fill(unique('Sok Dara'));
      const email = dialog.locator('input[type="email"]');
      await email.fill('not-an-address');
      await dialog.locator('button[type="submit"]').click();
      await expect.poll(() => problemBeside(email)).not.toBe('');
      expect(Object.values(km)).toContain(await problemBeside(email));
      await page.waitForTimeout(400);
      await expectOnlyKhmer(page, dialog, 'person form');
      await page.keyboard.press('Escape');
    });
    await context.close();
  });
});
