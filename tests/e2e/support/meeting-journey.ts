import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkBothLanguages, settle } from './browser.js';
import { chooseOption, unique, waitForSaved } from './forms.js';
import { pick } from './pickers.js';

export interface MeetingRecord {
  title: string;
  agenda: string[];
  minutes: string[];
  decision: string;
  commitments: string[];
}

/**
 * Journey 1's steps: create a meeting with three agenda items, check in four organisations, write minutes
 * for each item, record a decision, create two commitments from it, mark the meeting held, approve the
 * minutes. `keyboard` mode does it all without the mouse (journey 6).
 */
export async function runMeetingJourney(
  page: Page,
  options: { mode: 'mouse' | 'keyboard'; checkPages?: boolean },
): Promise<MeetingRecord> {
  const keyboard = options.mode === 'keyboard';
  const record: MeetingRecord = {
    title: unique(keyboard ? 'Keyboard plenary' : 'Quarterly plenary'),
    agenda: ['Data working group report', 'Labour migration MoUs', 'Border checkpoint referrals'].map((t) => unique(t)),
    minutes: [],
    decision: unique('The committee decided to publish the migration statistics'),
    commitments: [unique('Publish the 2026 migration statistics'), unique('Train checkpoint officials')],
  };
  record.minutes = record.agenda.map((_, i) => `Minutes of item ${i + 1}: ${unique('discussed and agreed')}`);

  /** Clicks a button or link: with the keyboard, focus it and press Enter. */
  const press = async (locator: ReturnType<Page['locator']>) => {
    if (keyboard) {
      await locator.focus();
      await page.keyboard.press('Enter');
    } else {
      await locator.click();
    }
  };
  /** Types into a field: with the keyboard, focus and type (no mouse). */
  const type = async (locator: ReturnType<Page['locator']>, text: string) => {
    if (keyboard) {
      await locator.focus();
      await page.keyboard.type(text);
    } else {
      await locator.fill(text);
    }
  };

  // The meetings list, then a new meeting.
  await press(page.getByRole('link', { name: 'Meetings', exact: true }));
  await page.waitForURL(/\/meetings$/);
  await settle(page);
  if (options.checkPages) await checkBothLanguages(page, 'meetings');
  await press(page.getByRole('link', { name: 'New meeting' }));
  await page.waitForURL(/\/meetings\/new$/);
  await settle(page);
  if (options.checkPages) await checkBothLanguages(page, 'meeting-new');

  await type(page.getByLabel('Title (English)'), record.title);
  await type(page.getByLabel('Title (Khmer)'), 'កិច្ចប្រជុំពេញអង្គប្រចាំត្រីមាស');
  if (keyboard) {
    await page.getByLabel('Starts').focus();
    await page.keyboard.type('15 Dec 2026, 9:00 am');
  } else {
    await page.getByLabel('Starts').fill('15 Dec 2026, 09:00');
  }
  // Typed the way it is shown, read as Phnom Penh wall time.
  expect(await page.getByLabel('Starts').getAttribute('data-value')).toBe('2026-12-15T09:00');
  await type(page.getByLabel('Location'), 'Ministry of Interior, Phnom Penh');
  await pick(page, 'Organiser', 'NCCT', keyboard, /^NCCT/);
  await press(page.getByRole('button', { name: 'Create meeting' }));
  await page.waitForURL(/\/meetings\/(?!new)[^/]+$/);
  await settle(page);

  // Three agenda items.
  for (const [index, title] of record.agenda.entries()) {
    await type(page.getByLabel('Item title (English)'), title);
    await press(page.getByRole('button', { name: 'Add item' }));
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(index + 1);
  }
  // Reorder once and back, to exercise the buttons.
  await press(page.getByRole('button', { name: 'Move item 1 down' }));
  await expect.poll(() => page.getByTestId('agenda-item').first().textContent()).toContain(record.agenda[1]);
  await press(page.getByRole('button', { name: 'Move item 2 up' }));
  await expect.poll(() => page.getByTestId('agenda-item').first().textContent()).toContain(record.agenda[0]);

  // Attendance for four organisations.
  for (const [index, acronym] of ['MOI', 'MOLVT', 'MFAIC', 'IOM'].entries()) {
    await pick(page, page.getByTestId('checkin-organization'), acronym, keyboard, new RegExp(`^${acronym} `));
    await pick(page, page.getByTestId('checkin-person'), '', keyboard, new RegExp(`\\(${acronym}\\)$`));
    await press(page.getByRole('button', { name: 'Check in', exact: true }));
    await expect.poll(() => page.getByTestId('attendance-group').count()).toBe(index + 1);
  }
  await expect.poll(() => page.getByTestId('attendance-summary').textContent()).toContain('4 present');

  // Minutes for each item, saved as they are typed.
  for (const [index, minutes] of record.minutes.entries()) {
    await type(page.getByTestId('minutes-en').nth(index), minutes);
  }
  await page.getByTestId('minutes-km').first().focus();
  await page.keyboard.type('បានពិភាក្សា និងឯកភាព');
  await expect.poll(() => page.getByText(/Saved at/).count(), { timeout: 15_000 }).toBe(3);
  await waitForSaved(page);
  if (options.checkPages) await checkBothLanguages(page, 'meeting-live');

  // A decision under the first item, and two commitments created from it.
  await chooseOption(page.getByLabel('Agenda item', { exact: true }), /^1\./, keyboard);
  await type(page.getByTestId('decision-text'), record.decision);
  await press(page.getByRole('button', { name: 'Record decision' }));
  await expect.poll(() => page.getByTestId('decision').count()).toBe(1);

  for (const [index, title] of record.commitments.entries()) {
    await press(page.getByRole('button', { name: 'Add a commitment' }));
    const form = page.getByRole('form', { name: 'New commitment from this decision' });
    await type(form.getByLabel('Title (English)'), title);
    const lead = index === 0 ? 'MOLVT' : 'GDI';
    await pick(
      page,
      form.getByRole('combobox', { name: 'Lead organisation' }),
      lead,
      keyboard,
      new RegExp(`^${lead} `),
    );
    // The lead organisation's first focal point ("Full name (GDI)").
    await pick(page, form.getByRole('combobox', { name: 'Focal point' }), '', keyboard, new RegExp(`\\(${lead}\\)$`));
    if (keyboard) {
      await form.getByLabel('Due date').focus();
      await page.keyboard.type('30/06/2027');
    } else {
      await form.getByLabel('Due date').fill('2027-06-30');
    }
    const gcm = form.getByLabel('GCM objectives');
    await gcm.focus();
    await page.keyboard.type(index === 0 ? '1. ' : '10.');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    if (options.checkPages && index === 0) await checkBothLanguages(page, 'meeting-commitment-form');
    await press(form.getByRole('button', { name: 'Create commitment' }));
    await expect.poll(() => page.getByTestId('decision').getByTestId('commitment-row').count()).toBe(index + 1);
  }

  // Held, then minutes approved.
  await press(page.getByRole('button', { name: 'Mark as held' }));
  await expect.poll(() => page.locator('[data-status="HELD"]').count()).toBeGreaterThan(0);
  await press(page.getByRole('button', { name: 'Approve minutes' }));
  // A dialog asks to confirm: approved minutes change only through recorded corrections.
  await press(page.getByTestId('confirm-approve'));
  await expect.poll(() => page.locator('[data-status="MINUTES_APPROVED"]').count()).toBeGreaterThan(0);
  return record;
}
