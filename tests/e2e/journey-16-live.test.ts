import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { graphql, seedMeeting } from './support/api.js';
import { unique } from './support/forms.js';

const minutesOf = (page: Page, index: number) => page.getByTestId('agenda-item').nth(index).getByTestId('minutes-en');

describe.skipIf(e2e().skip)('journey 16: two officers take minutes together, live', () => {
  let browser: Browser;
  let officerA: { context: BrowserContext; page: Page };
  let officerB: { context: BrowserContext; page: Page };
  let meetingPath: string;
  let meetingId: string;
  let invited: { id: string; fullName: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    officerA = await newSession(browser);
    officerB = await newSession(browser);
    // Two different people of the secretariat's side: A takes minutes, B keeps attendance.
    await login(officerA.page, 'SECRETARIAT');
    await login(officerB.page, 'ADMIN');
    let people: { id: string; fullName: string }[];
    ({ meetingId, people } = await seedMeeting(officerA.context.request, {
      title: 'Live working group',
      startsAt: '2026-12-21T02:00:00Z',
    }));
    invited = people[0]!;
    meetingPath = `/meetings/${encodeURIComponent(meetingId)}`;
  });
  afterAll(async () => {
    await officerA?.context.close();
    await officerB?.context.close();
    await browser?.close();
  });

  it('B sees the minutes A types within 2 s, sees who edits what, and sees attendance change', async () => {
    const a = officerA.page;
    const b = officerB.page;
    for (const page of [a, b]) {
      await page.goto(meetingPath);
      await settle(page);
      await minutesOf(page, 0).waitFor();
    }
    // Each sees the other on the page: both are subscribed.
    await b.getByTestId('live-others').waitFor();
    await a.getByTestId('live-others').waitFor();

    await recording(b, 'journey-16-live', async () => {
      const text = unique('The referral form is agreed by all ministries');
      await minutesOf(a, 0).click();
      // B is told which item A edits.
      await expect
        .poll(() => b.getByTestId('live-others').textContent(), { timeout: 5000 })
        .toContain('editing item 1');
      await minutesOf(a, 0).fill(text);
      // A's editor saves a second after the last key; from then on B has 2 s.
      await expect.poll(() => a.getByTestId('save-state').first().textContent(), { timeout: 10_000 }).toMatch(/Saved/);
      await expect.poll(() => minutesOf(b, 0).inputValue(), { timeout: 2000, interval: 50 }).toBe(text);

      // B starts on the same item: A is offered the conflict dialog at once, not at save time.
      await minutesOf(b, 0).click();
      await a.getByTestId('live-same-item').waitFor({ timeout: 5000 });
      expect(await a.getByTestId('live-same-item').getByTestId('conflict').count()).toBe(1);
      await minutesOf(b, 1).click();
      await expect.poll(() => a.getByTestId('live-same-item').count(), { timeout: 5000 }).toBe(0);

      // Attendance recorded elsewhere (through the API, as another device would) reaches both pages.
      await graphql(
        officerA.context.request,
        `mutation ($input: SetParticipationInput!) { setParticipation(input: $input) { meeting { id } } }`,
        { input: { meetingId, personId: invited.id, role: 'PARTICIPANT', attendance: 'ATTENDED' } },
      );
      await expect
        .poll(() => b.getByTestId('attendance-group').getByText(invited.fullName).count(), { timeout: 5000 })
        .toBeGreaterThan(0);
    });
  });
});
