import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeOfflineDb, OFFLINE_DB_NAME, type OutboxEntry } from './offline-db.js';
import { Outbox, type SendOutcome } from './outbox.js';

const minutes = (text: string, baseVersion = 1, itemId = 'item-1') => ({
  kind: 'minutes' as const,
  itemId,
  baseVersion,
  minutes: text,
  minutesKm: '',
});
const attendance = (personId: string) => ({
  kind: 'participation' as const,
  meetingId: 'meeting-1',
  personId,
  input: { meetingId: 'meeting-1', personId, role: 'PARTICIPANT' as const, attendance: 'ATTENDED' as const },
});

/** A fake server: applies minutes with optimistic locking and idempotency keys, like the real one. */
function fakeServer() {
  const applied = new Map<string, number>();
  const item = { version: 1, minutes: '' };
  const sent: OutboxEntry[] = [];
  let online = true;
  return {
    item,
    sent,
    applied,
    setOnline: (value: boolean) => {
      online = value;
    },
    send: async (entry: OutboxEntry): Promise<SendOutcome> => {
      sent.push(structuredClone(entry));
      if (!online) return { kind: 'offline' };
      if (applied.has(entry.key)) return { kind: 'applied', version: item.version, minutes: item.minutes };
      if (entry.kind === 'minutes') {
        if (entry.baseVersion !== item.version) {
          return { kind: 'conflict', theirs: { version: item.version, minutes: item.minutes, minutesKm: '' } };
        }
        item.version += 1;
        item.minutes = entry.minutes;
      }
      applied.set(entry.key, item.version);
      return { kind: 'applied', version: item.version, minutes: item.minutes, minutesKm: '' };
    },
  };
}

let outbox: Outbox;
beforeEach(() => {
  outbox = new Outbox(() => new Date('2026-12-01T03:42:00Z'));
});
afterEach(async () => {
  await closeOfflineDb();
  indexedDB.deleteDatabase(OFFLINE_DB_NAME);
});

describe('outbox', () => {
  it('keeps each change in IndexedDB with an idempotency key and the version it was based on', async () => {
    await outbox.add(minutes('First words', 4), 'person-1');
    await outbox.add(attendance('person-9'), 'person-1');
    // A fresh outbox (a reopened tab) finds them, in order.
    await closeOfflineDb();
    const entries = await new Outbox().entries();
    expect(entries.map((e) => e.kind)).toEqual(['minutes', 'participation']);
    expect(entries[0]).toMatchObject({ baseVersion: 4, minutes: 'First words', status: 'pending', attempts: 0 });
    expect(entries[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries[1]!.key).not.toBe(entries[0]!.key);
  });

  it('merges minutes typed on one item into its save that was not sent yet', async () => {
    await outbox.add(minutes('Draft one'), 'p');
    await outbox.add(minutes('Draft one, longer'), 'p');
    await outbox.add(minutes('Other item', 1, 'item-2'), 'p');
    const entries = await outbox.entries();
    expect(entries.map((e) => (e.kind === 'minutes' ? e.minutes : ''))).toEqual(['Draft one, longer', 'Other item']);
  });

  it('replays in order, each once, and bases later minutes of an item on the version the earlier ones made', async () => {
    const server = fakeServer();
    server.setOnline(false);
    await outbox.add(minutes('One'), 'p');
    await outbox.flush('p', server.send);
    // Sent once without an answer: that text is frozen, what comes next waits behind it.
    await outbox.add(minutes('One two'), 'p');
    await outbox.add(attendance('person-9'), 'p');
    expect((await outbox.entries()).length).toBe(3);

    server.setOnline(true);
    await outbox.flush('p', server.send);
    expect(await outbox.entries()).toEqual([]);
    expect(server.item).toEqual({ version: 3, minutes: 'One two' });
    const delivered = server.sent
      .slice(1)
      .map((e) => (e.kind === 'minutes' ? `${e.minutes}@${e.baseVersion}` : e.kind));
    expect(delivered).toEqual(['One@1', 'One two@2', 'participation']);
  });

  it('does not apply twice an entry whose answer was lost', async () => {
    const server = fakeServer();
    await outbox.add(minutes('Once'), 'p');
    const lost = async (entry: OutboxEntry): Promise<SendOutcome> => {
      await server.send(entry);
      return { kind: 'offline' };
    };
    await outbox.flush('p', lost);
    expect(server.item.version).toBe(2);
    await outbox.flush('p', server.send);
    expect(server.item.version).toBe(2);
    expect(server.sent.map((e) => e.key)).toEqual([server.sent[0]!.key, server.sent[0]!.key]);
    expect(await outbox.entries()).toEqual([]);
  });

  it('parks a conflicting change with both texts and holds back later minutes of that item only', async () => {
    const server = fakeServer();
    server.item.version = 5;
    server.item.minutes = 'Their text';
    await outbox.add(minutes('My offline text', 1), 'p');
    await outbox.flush('p', async () => ({ kind: 'offline' }));
    await outbox.add(minutes('My offline text, more', 1), 'p');
    await outbox.add(attendance('person-9'), 'p');
    const events: string[] = [];
    outbox.subscribe((event) => event && events.push(event.outcome.kind));
    await outbox.flush('p', server.send);
    const left = await outbox.entries();
    expect(left).toHaveLength(2);
    expect(left[0]).toMatchObject({
      status: 'conflict',
      minutes: 'My offline text',
      theirs: { version: 5, minutes: 'Their text' },
    });
    expect(left[1]).toMatchObject({ status: 'pending', minutes: 'My offline text, more' });
    expect(events).toEqual(['conflict', 'applied']);
    expect(server.item.minutes).toBe('Their text');
  });

  it('keeps a refused change, and sends it again when asked', async () => {
    await outbox.add(attendance('person-9'), 'p');
    await outbox.flush('p', async () => ({ kind: 'refused', code: 'INVALID_STATE' }));
    const [refused] = await outbox.entries();
    expect(refused).toMatchObject({ status: 'failed', error: 'INVALID_STATE' });
    const server = fakeServer();
    await outbox.flush('p', server.send);
    expect(server.sent).toEqual([]);
    await outbox.retry(refused!.key);
    await outbox.flush('p', server.send);
    expect(server.sent.map((e) => e.key)).toEqual([refused!.key]);
    expect(await outbox.entries()).toEqual([]);
  });

  it("sends only the signed-in person's changes", async () => {
    const server = fakeServer();
    await outbox.add(attendance('person-9'), 'someone-else');
    await outbox.flush('p', server.send);
    expect(server.sent).toEqual([]);
    expect(await outbox.entries()).toHaveLength(1);
  });
});
