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
  settle,
  switchLanguage,
} from './support/browser.js';
import { checkWithinBothLanguages } from './support/axe-within.js';
import { chooseOption, unique } from './support/forms.js';
import { pick, pickAlso } from './support/pickers.js';

/** The number of commitments the dashboard's "by plan goal" chart counts for a goal (or UNLINKED). */
async function goalTotal(page: Page, key: string): Promise<number> {
  await page.goto('/');
  await settle(page);
  const chart = page.getByRole('region', { name: 'Progress by plan goal' });
  await chart.waitFor();
  const group = chart.locator(`[data-testid="stats-group"][data-key="${key}"]`);
  if ((await group.count()) === 0) return 0;
  const text = (await group.textContent()) ?? '';
  const match = /(\d+) · \d+% average progress/.exec(text);
  if (!match) throw new Error(`No total in "${text}"`);
  return Number(match[1]);
}

describe.skipIf(e2e().skip)('journey 12: the national plan in the product', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds an objective, links a new commitment to it, and the plan-goal chart counts it', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    const code = `J${Date.now().toString(36).slice(-6)}`;
    const objectiveTitle = unique('Publish quarterly migration data');
    const commitmentTitle = unique('Release the quarterly migration bulletin');

    // The plan page: a new objective under the first goal, mapped to GCM objective 1.
    const goalId = await recording(page, 'journey-12-objective', async () => {
      await page.goto('/plan');
      await settle(page);
      await checkBothLanguages(page, 'plan');
      const goal = page.getByTestId('plan-goal').first();
      const id = (await goal.getAttribute('data-goal-id')) ?? '';
      // The form in Khmer first (the language switch sits behind an open dialog).
      await switchLanguage(page, 'km');
      await goal.getByTestId('add-objective').click();
      await page.getByRole('dialog').getByLabel('លេខកូដ').waitFor();
      await checkAccessibility(page, 'plan-objective-form');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await switchLanguage(page, 'en');
      await goal.getByTestId('add-objective').click();
      const dialog = page.getByRole('dialog', { name: 'Add an objective' });
      // Checked in the browser before anything is sent.
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByText('This is required.').waitFor();
      await dialog.getByText('Give the title in English, Khmer or both.').first().waitFor();
      await dialog.getByLabel('Code').fill(code);
      await dialog.getByLabel('Objective title (English)').fill(objectiveTitle);
      const gcm = dialog.getByLabel('GCM objectives it serves');
      await gcm.click();
      await page.keyboard.type('1. ');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await checkAccessibility(page, 'plan-objective-form');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      const objective = page.getByTestId('plan-objective').filter({ hasText: code });
      await objective.waitFor();
      expect(await objective.textContent()).toContain('GCM 1');
      expect(await objective.getByTestId('objective-summary').textContent()).toContain('No commitment serves');
      return id;
    });
    expect(goalId).not.toBe('');
    const before = await goalTotal(page, goalId);

    // A new meeting (internal), a decision, and a commitment linked to the new objective through the picker.
    await recording(page, 'journey-12-commitment', async () => {
      await page.goto('/meetings/new');
      await settle(page);
      await page.getByLabel('Title (English)').fill(unique('Data working group'));
      await page.getByLabel('Starts').fill('16 Dec 2026, 09:00');
      await pick(page, 'Organiser', 'NCCT', false, /^NCCT/);
      await page.getByRole('button', { name: 'Create meeting' }).click();
      await page.waitForURL(/\/meetings\/(?!new)[^/]+$/);
      await settle(page);
      await page.getByTestId('decision-text').fill(unique('The working group decided to publish data'));
      await page.getByRole('button', { name: 'Record decision' }).click();
      await expect.poll(() => page.getByTestId('decision').count()).toBe(1);
      await page.getByRole('button', { name: 'Add a commitment' }).click();
      const form = page.getByRole('form', { name: 'New commitment from this decision' });
      await form.getByLabel('Title (English)').fill(commitmentTitle);
      await pick(page, form.getByRole('combobox', { name: 'Lead organisation' }), 'MOLVT', false, /^MOLVT /);
      await pickAlso(page, form.getByRole('combobox', { name: 'Supporting organisations' }), 'IOM', /^IOM /);
      const picker = form.getByLabel('Plan objectives');
      await picker.click();
      await page.keyboard.type(code);
      await page.getByRole('option', { name: new RegExp(code) }).click();
      await page.keyboard.press('Escape');

      // "Partners" on an internal meeting would mean nobody: the form says so beside the field.
      await chooseOption(form.getByLabel('Visibility'), /^Partners/);
      await form.getByTestId('visibility-warning').waitFor();
      expect(await form.getByTestId('visibility-warning').textContent()).toContain('Internal');
      // Only the form: the rest of the meeting page is other journeys' to check.
      await checkWithinBothLanguages(page, 'form:has([data-testid="commitment-visibility"])', 'commitment-form-plan');
      await form.getByLabel('Visibility').waitFor();
      await chooseOption(form.getByLabel('Visibility'), /^Internal/);
      await form.getByTestId('visibility-warning').waitFor({ state: 'detached' });

      await form.getByRole('button', { name: 'Create commitment' }).click();
      const row = page.getByTestId('decision').getByTestId('commitment-row').filter({ hasText: commitmentTitle });
      await row.waitFor();
      await row.getByRole('link').click();
      await page.waitForURL(/\/commitments\/[^/]+$/);
      await settle(page);
      expect(await page.getByText('Supporting organisations').locator('..').textContent()).toContain('IOM');
      // The commitment shows its goal and objective.
      await page.getByTestId('plan-objective-chip').filter({ hasText: code }).waitFor();
      await page.getByTestId('plan-goal-chip').first().waitFor();
      await checkBothLanguages(page, 'commitment-plan-chips');
    });

    // The dashboard's chart counts it under the goal; the plan page lists it under the objective.
    await expect.poll(() => goalTotal(page, goalId), { timeout: 20_000 }).toBe(before + 1);
    const chart = page.getByRole('region', { name: 'Progress by plan goal' });
    if ((await chart.getByTestId('stats-unlinked').count()) > 0) {
      expect(await chart.getByTestId('stats-unlinked').textContent()).toBe('Not linked to the plan');
    }
    await page.goto('/plan');
    await settle(page);
    const objective = page.getByTestId('plan-objective').filter({ hasText: code });
    await objective.waitFor();
    expect(await objective.getByTestId('objective-summary').textContent()).toMatch(/Commitments: 1 ·/);
    await objective.getByTestId('objective-commitments-toggle').click();
    await objective.getByTestId('objective-commitments').getByText(commitmentTitle).waitFor();
    await checkBothLanguages(page, 'plan-objective-commitments');

    // The edit form has the objective picked; unlinking it takes the commitment off the goal again.
    await objective.getByRole('link', { name: commitmentTitle }).click();
    await page.waitForURL(/\/commitments\/[^/]+$/);
    await settle(page);
    await page.getByRole('button', { name: 'Edit commitment' }).click();
    const edit = page.getByRole('region', { name: 'Edit commitment' });
    await edit.getByTestId('plan-objective-picker').waitFor();
    const pill = edit.locator('.mantine-Pill-root').filter({ hasText: code });
    await pill.waitFor();
    await pill.locator('button').click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('plan-objective-chip').count()).toBe(0);
    await expect.poll(() => goalTotal(page, goalId), { timeout: 20_000 }).toBe(before);
    await context.close();
  });
});
