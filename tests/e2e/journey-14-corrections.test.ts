import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { unique } from './support/forms.js';
import { pick } from './support/pickers.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Opens a dialog, waits for Mantine's transition to end, and checks it with axe-core. */
async function checkDialog(page: Page, name: string): Promise<void> {
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(400);
  await checkAccessibility(page, name);
}

/** Creates a PLANNED meeting through the form and returns on its page. */
async function createMeeting(page: Page, title: string): Promise<string> {
  await page.goto('/meetings/new');
  await settle(page);
  await page.getByLabel('Title (English)').fill(title);
  await page.getByLabel('Starts').fill('20/12/2026 9:00');
  await pick(page, 'Organiser', 'NCCT', false, /^NCCT/);
  await page.getByRole('button', { name: 'Create meeting' }).click();
  await page.waitForURL(/\/meetings\/(?!new)[^/]+$/);
  await settle(page);
  return new URL(page.url()).pathname;
}

describe.skipIf(e2e().skip)('journey 14: correcting the mistakes of a meeting', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const title = unique('Labour migration working group');

  it('deletes a meeting created by mistake, and offers only cancelling once a meeting has content', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    const mistaken = unique('Meeting created by mistake');
    await recording(page, 'journey-14-delete', async () => {
      await createMeeting(page, mistaken);
      await page.getByTestId('delete-meeting').click();
      await checkDialog(page, 'delete-meeting-dialog');
      await page.getByTestId('confirm-delete-meeting').click();
      await page.waitForURL(/\/meetings$/);
      await settle(page);
      await page.goto(`/meetings?search=${encodeURIComponent(mistaken)}`);
      await settle(page);
      expect(await page.getByText(mistaken).count()).toBe(0);
    });
    await context.close();
  });

  it('corrects the agenda, a participant checked in by mistake and a decision, and the audit trail tells it', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'SECRETARIAT');
    const meetingPath = await createMeeting(page, title);
    const items = [unique('Opening remarks'), unique('Review of the MoU with Thailand')];

    await recording(page, 'journey-14-agenda', async () => {
      for (const [index, item] of items.entries()) {
        await page.getByLabel('Item title (English)').fill(item);
        await page.getByRole('button', { name: 'Add item' }).click();
        await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(index + 1);
      }
      // A typo in the first item's title, corrected in both languages.
      const corrected = unique('Opening remarks by the chair');
      await page.getByRole('button', { name: 'Edit agenda item 1' }).click();
      await checkDialog(page, 'edit-agenda-item-dialog');
      await page.getByTestId('edit-agenda-title').fill(corrected);
      await page.getByTestId('edit-agenda-title-km').fill('សុន្ទរកថាបើកកិច្ចប្រជុំ');
      await page.getByTestId('save-agenda-item').click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await expect.poll(() => page.getByTestId('agenda-item').first().textContent()).toContain(corrected);
      items[0] = corrected;

      // Reordered by dragging with the keyboard: pick item 2 up, move it up, drop it.
      // dnd-kit starts listening for the arrows just after the pick-up: give each key its moment.
      await page.getByRole('button', { name: /Reorder item 2/ }).focus();
      for (const key of ['Space', 'ArrowUp', 'Space']) {
        await page.keyboard.press(key);
        await page.waitForTimeout(300);
      }
      await expect.poll(() => page.getByTestId('agenda-item').first().textContent()).toContain(items[1]);
      await page.reload();
      await settle(page);
      await expect.poll(() => page.getByTestId('agenda-item').first().textContent()).toContain(items[1]);
    });

    await recording(page, 'journey-14-attendance', async () => {
      // The focal point is invited; someone else is checked in by mistake, with sex and position.
      await pick(page, page.getByTestId('checkin-organization'), 'MOLVT', false, /^MOLVT /);
      await pick(page, page.getByTestId('checkin-person'), 'Prak Sokunthea');
      const checkIn = page.getByRole('form', { name: 'Check someone in' });
      await checkIn.getByLabel('Attendance', { exact: true }).selectOption('INVITED');
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await expect.poll(() => page.getByTestId('attendance-group').count()).toBe(1);

      // The form empties itself once the first check-in is saved.
      await expect.poll(() => page.getByTestId('checkin-person').inputValue()).toBe('');
      await pick(page, page.getByTestId('checkin-organization'), 'MOI', false, /^MOI /);
      // "Full name (MOI)": the remove button names the person only.
      const mistaken = (await pick(page, page.getByTestId('checkin-person'), '', false, /\(MOI\)$/)).replace(
        / \(MOI\)$/,
        '',
      );
      await page.getByTestId('participant-position').fill('Acting Director');
      await page.getByTestId('participant-sex').selectOption('FEMALE');
      await checkIn.getByLabel('Attendance', { exact: true }).selectOption('ATTENDED');
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await expect.poll(() => page.getByTestId('attendance-group').count()).toBe(2);
      await expect.poll(() => page.getByTestId('attendance-by-sex').textContent()).toContain('Female 1');
      expect(await page.getByTestId('participant-facts').first().textContent()).toContain('Acting Director');

      // Removed again, after confirming.
      await page.getByRole('button', { name: `Remove ${mistaken} from this meeting` }).click();
      await checkDialog(page, 'remove-participant-dialog');
      await page.getByTestId('confirm-remove-participant').click();
      await expect.poll(() => page.getByTestId('attendance-group').count()).toBe(1);
      expect(await page.getByTestId('attendance-by-sex').count()).toBe(0);
    });

    await recording(page, 'journey-14-decisions', async () => {
      const typo = unique('The committe decided to renew the MoU');
      const fixed = unique('The committee decided to renew the MoU');
      const duplicate = unique('Recorded twice by mistake');
      for (const [index, text] of [typo, duplicate].entries()) {
        // The form empties itself once the previous decision is saved.
        await expect.poll(() => page.getByTestId('decision-text').inputValue()).toBe('');
        await page.getByTestId('decision-text').fill(text);
        await page.getByRole('button', { name: 'Record decision' }).click();
        await expect.poll(() => page.getByTestId('decision').count()).toBe(index + 1);
      }
      // With decisions the meeting can no longer be deleted, only cancelled.
      expect(await page.getByTestId('delete-meeting').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Cancel meeting' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Edit decision 1' }).click();
      await checkDialog(page, 'edit-decision-dialog');
      await page.getByTestId('edit-decision-text').fill(fixed);
      await page.getByTestId('save-decision').click();
      await expect.poll(() => page.getByTestId('decision').first().textContent()).toContain(fixed);

      await page.getByRole('button', { name: 'Remove decision 2' }).click();
      await checkDialog(page, 'remove-decision-dialog');
      await page.getByTestId('confirm-remove-decision').click();
      await expect.poll(() => page.getByTestId('decision').count()).toBe(1);
      expect(await page.getByText(duplicate).count()).toBe(0);

      // Once a commitment follows from the decision, it can no longer be changed or removed, and says why.
      await page.getByRole('button', { name: 'Add a commitment' }).click();
      const form = page.getByRole('form', { name: 'New commitment from this decision' });
      await form.getByLabel('Title (English)').fill(unique('Renew the MoU with Thailand'));
      await pick(page, form.getByRole('combobox', { name: 'Lead organisation' }), 'MOLVT', false, /^MOLVT /);
      await form.getByRole('button', { name: 'Create commitment' }).click();
      await expect.poll(() => page.getByTestId('decision').getByTestId('commitment-row').count()).toBe(1);
      expect(await page.getByTestId('edit-decision').isDisabled()).toBe(true);
      expect(await page.getByTestId('remove-decision').isDisabled()).toBe(true);
      expect(await page.getByTestId('decision-lock').textContent()).toContain('Commitments follow from this decision');
    });

    await recording(page, 'journey-14-audit', async () => {
      // The audit trail reads like a history: the meeting by name with a link, people by name, no ids.
      await page.goto('/audit?type=Participation');
      await settle(page);
      await expect.poll(() => page.getByTestId('audit-event').count()).toBeGreaterThan(0);
      const removal = page.getByTestId('audit-event').filter({ hasText: 'Removed' }).first();
      await removal.waitFor();
      const text = (await removal.textContent()) ?? '';
      expect(text).not.toMatch(UUID);
      expect(text).toContain('Acting Director');
      const link = removal.getByTestId('audit-record').getByRole('link');
      expect(await link.getAttribute('href')).toBe(meetingPath);
      for (const changes of await page.getByTestId('audit-changes').allTextContents()) {
        expect(changes).not.toMatch(UUID);
      }
      await checkAccessibility(page, 'audit-history');
    });
    await context.close();
  });

  it('offers a partner only read tokens', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'PARTNER');
    await page.goto('/tokens');
    await settle(page);
    const scope = page.getByTestId('token-scope');
    expect(
      await scope.locator('option').evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value)),
    ).toEqual(['READ']);
    expect(await scope.isDisabled()).toBe(true);
    await checkAccessibility(page, 'partner tokens');
    await context.close();
  });

  it('lets the focal point confirm an invitation, and the secretariat sees the answer', async () => {
    const { page, context } = await newSession(browser);
    await login(page, 'FOCAL_POINT');
    await recording(page, 'journey-14-rsvp', async () => {
      await page.getByRole('link', { name: 'My invitations', exact: true }).click();
      await page.waitForURL(/\/invitations$/);
      await settle(page);
      const invitation = page.getByTestId('invitation').filter({ hasText: title });
      await invitation.waitFor();
      await checkAccessibility(page, 'invitations');
      await invitation.getByTestId('invitation-confirm').click();
      await expect.poll(() => invitation.getByTestId('invitation-answer').textContent()).toBe('Confirmed');
      await invitation.getByTestId('invitation-apologies').click();
      await expect.poll(() => invitation.getByTestId('invitation-answer').textContent()).toBe('Apologies');
      await invitation.getByTestId('invitation-confirm').click();
      await expect.poll(() => invitation.getByTestId('invitation-answer').textContent()).toBe('Confirmed');
    });
    await context.close();

    const staff = await newSession(browser);
    await login(staff.page, 'SECRETARIAT');
    await staff.page.goto(`/meetings?search=${encodeURIComponent(title)}`);
    await settle(staff.page);
    await staff.page.getByTestId('meeting-row').first().getByRole('link').click();
    await settle(staff.page);
    expect(await staff.page.getByLabel('Attendance of Prak Sokunthea').inputValue()).toBe('CONFIRMED');
    await staff.context.close();
  });
});
