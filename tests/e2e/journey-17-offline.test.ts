import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, login, newSession, recording, settle } from './support/browser.js';
import { graphql, seedMeeting } from './support/api.js';
import { unique } from './support/forms.js';

const MEETING = `query ($id: ID!) {
  node(id: $id) { ... on Meeting {
    agendaItems { id title minutes version }
    participations { attendance person { id fullName } }
    decisions { id text }
  } }
}`;
const AUDIT = `query ($type: String!, $from: DateTime!) {
  auditEvents(first: 100, filter: { entityType: $type, from: $from }) { nodes { entityId operation changes } }
}`;

interface Meeting {
  agendaItems: { id: string; title: string; minutes: string | null; version: number }[];
  participations: { attendance: string; person: { id: string; fullName: string | null } }[];
  decisions: { id: string; text: string | null }[];
}

const meetingOf = async (request: APIRequestContext, id: string): Promise<Meeting> =>
  (await graphql<{ node: Meeting }>(request, MEETING, { id })).node;

/** The banner's text, or '' when it is not shown. */
async function banner(page: Page): Promise<string> {
  const node = page.getByTestId('offline-banner');
  return (await node.count()) ? ((await node.textContent()) ?? '') : '';
}

/** One read of a store of this page's offline database (IndexedDB `prachum-offline`). */
function readOfflineStore<T>(page: Page, store: 'drafts' | 'outbox', read: 'getAll' | 'count'): Promise<T> {
  return page.evaluate(
    ([name, how]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('prachum-offline');
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name)[how]();
          request.onsuccess = () => resolve(request.result as T);
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
    [store, read] as const,
  );
}

/** Whether the draft of an item is in this page's IndexedDB (written as one types). */
async function draftStored(page: Page, text: string): Promise<boolean> {
  const drafts = await readOfflineStore<{ minutes: string }[]>(page, 'drafts', 'getAll');
  return drafts.some((draft) => draft.minutes === text);
}

/**
 * How many changes this page's outbox still holds. Online, the banner says nothing about a change younger than a
 * few seconds, so an empty banner alone does not mean the last change was sent.
 */
const outboxSize = (page: Page) => readOfflineStore<number>(page, 'outbox', 'count');

describe.skipIf(e2e().skip)('journey 17: taking minutes with a poor connection', () => {
  let browser: Browser;
  let officerA: { context: BrowserContext; page: Page };
  let officerB: { context: BrowserContext; page: Page };
  let meetingId: string;
  let meetingPath: string;
  let names: string[];
  const started = new Date().toISOString();

  beforeAll(async () => {
    browser = await launchBrowser();
    officerA = await newSession(browser);
    officerB = await newSession(browser);
    await login(officerA.page, 'SECRETARIAT');
    await login(officerB.page, 'SECRETARIAT');
    const seeded = await seedMeeting(officerA.context.request, {
      title: 'Offline working group',
      startsAt: '2026-12-20T02:00:00Z',
      invite: 2,
    });
    meetingId = seeded.meetingId;
    names = seeded.people.slice(0, 2).map((person) => person.fullName);
    meetingPath = `/meetings/${encodeURIComponent(meetingId)}`;
  });
  afterAll(async () => {
    await officerA?.context.close();
    await officerB?.context.close();
    await browser?.close();
  });

  it('keeps minutes and attendance typed offline through closed tabs, and sends each once', async () => {
    const { context } = officerB;
    let page = officerB.page;
    const first = unique('Typed offline: the referral form is agreed');
    const second = unique('Typed offline just before the crash');

    await recording(page, 'journey-17-offline', async () => {
      // B opens the meeting while online: the app shell is installed and the meeting kept on the device.
      await page.goto(meetingPath);
      await settle(page);
      await page.evaluate(() =>
        Promise.race([
          navigator.serviceWorker.ready.then(() => undefined),
          new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker')), 30_000)),
        ]),
      );
      await page.getByTestId('minutes-en').first().waitFor();

      // The Wi-Fi drops. B types minutes and records attendance.
      await context.setOffline(true);
      await expect.poll(() => banner(page), { timeout: 10_000 }).toMatch(/Offline/);
      await page.getByTestId('minutes-en').nth(0).fill(first);
      await page.getByTestId('minutes-en').nth(0).blur();
      await page.getByLabel(`Attendance of ${names[0]}`).selectOption('ATTENDED');
      await page.getByLabel(`Attendance of ${names[1]}`).selectOption('APOLOGIES');
      await expect.poll(() => banner(page), { timeout: 10_000 }).toBe('Offline — 3 changes waiting');
      expect(await page.getByTestId('save-state').nth(0).textContent()).toMatch(/kept on this device/);

      // B closes the tab and opens the meeting again, still offline: everything typed is there.
      await page.close();
      page = await context.newPage();
      await page.goto(meetingPath);
      await page.getByTestId('minutes-en').first().waitFor();
      await expect.poll(() => page.getByTestId('minutes-en').nth(0).inputValue()).toBe(first);
      expect(await page.getByLabel(`Attendance of ${names[0]}`).inputValue()).toBe('ATTENDED');
      expect(await page.getByLabel(`Attendance of ${names[1]}`).inputValue()).toBe('APOLOGIES');
      await expect.poll(() => banner(page), { timeout: 10_000 }).toBe('Offline — 3 changes waiting');

      // B types on the second item and the tab is closed at once, before the autosave (as in a crash, only what
      // was written as B typed survives: the draft).
      await page.getByTestId('minutes-en').nth(1).fill(second);
      await expect.poll(() => draftStored(page, second)).toBe(true);
      await page.close({ runBeforeUnload: false });

      // Reopened, it offers the draft back; restored, it joins the outbox.
      page = await context.newPage();
      await page.goto(meetingPath);
      await page.getByTestId('draft-offer').waitFor();
      expect(await page.getByTestId('draft-offer').textContent()).toMatch(/Restore the unsaved draft from \d{2}:\d{2}/);
      await page.getByTestId('draft-restore').click();
      await page.getByTestId('minutes-en').nth(1).blur();
      await expect.poll(() => banner(page), { timeout: 10_000 }).toBe('Offline — 4 changes waiting');

      // Back online: the outbox replays and empties.
      await context.setOffline(false);
      await expect.poll(() => banner(page), { timeout: 20_000 }).toBe('');
      await expect.poll(() => outboxSize(page), { timeout: 20_000 }).toBe(0);
      expect(await page.getByTestId('offline-attention').count()).toBe(0);
    });

    // Everything reached the server, exactly once.
    const request = officerA.context.request;
    const meeting = await meetingOf(request, meetingId);
    const [item1, item2] = [...meeting.agendaItems].sort((a, b) => a.title.localeCompare(b.title));
    expect(item1!.minutes).toBe(first);
    expect(item2!.minutes).toBe(second);
    const attendance = Object.fromEntries(meeting.participations.map((p) => [p.person.fullName, p.attendance]));
    expect(attendance).toEqual({ [names[0]!]: 'ATTENDED', [names[1]!]: 'APOLOGIES' });

    const items = await graphql(request, AUDIT, { type: 'AgendaItem', from: started });
    const minuteUpdates = items.auditEvents.nodes.filter(
      (e: { entityId: string; operation: string }) =>
        e.operation === 'update' && (e.entityId === item1!.id || e.entityId === item2!.id),
    );
    expect(minuteUpdates).toHaveLength(2);
    const participations = await graphql(request, AUDIT, { type: 'Participation', from: started });
    const attendanceUpdates = participations.auditEvents.nodes.filter(
      (e: { operation: string; changes: Record<string, unknown> | null }) =>
        e.operation === 'update' && e.changes && 'attendance' in e.changes,
    );
    expect(attendanceUpdates).toHaveLength(2);
    officerB.page = page;
  });

  it('opens the conflict dialog with both texts when an offline edit meets a newer version', async () => {
    const { context, page } = officerB;
    const theirs = unique('Officer A, online: shelter capacity doubled');
    const mine = unique('Officer B, offline: shelter capacity reviewed');
    await recording(page, 'journey-17-conflict', async () => {
      await page.goto(meetingPath);
      await settle(page);
      const before = await meetingOf(officerA.context.request, meetingId);
      const item = [...before.agendaItems].sort((a, b) => a.title.localeCompare(b.title))[1]!;

      // B loses the connection; meanwhile A saves other minutes for the same item.
      await context.setOffline(true);
      await expect.poll(() => banner(page), { timeout: 10_000 }).toMatch(/Offline/);
      await graphql(
        officerA.context.request,
        `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { agendaItem { version } } }`,
        { input: { id: item.id, version: item.version, minutes: theirs } },
      );
      const editor = page.getByTestId('minutes-en').nth(1);
      await editor.fill(mine);
      await editor.blur();
      await expect.poll(() => banner(page), { timeout: 10_000 }).toBe('Offline — 1 change waiting');

      // Back online, the replay meets A's version: the dialog shows both texts and keeps B's.
      await context.setOffline(false);
      await page.getByTestId('conflict').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('their-version').textContent()).toContain(theirs);
      expect(await editor.inputValue()).toBe(mine);
      await expect.poll(() => banner(page), { timeout: 10_000 }).toBe('');

      // B merges by hand; the merge is saved on top of A's version.
      const merged = `${theirs}\n${mine}`;
      await editor.fill(merged);
      await editor.blur();
      await expect
        .poll(
          async () =>
            (await meetingOf(officerA.context.request, meetingId)).agendaItems.find((i) => i.id === item.id)?.minutes,
        )
        .toBe(merged);
    });
  });
});
