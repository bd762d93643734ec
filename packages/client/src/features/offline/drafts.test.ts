import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { draftToOffer, loadDraft, removeDraft, saveDraft } from './drafts.js';
import { closeOfflineDb, OFFLINE_DB_NAME } from './offline-db.js';

const draft = {
  itemId: 'item-1',
  minutes: 'Typed, not saved',
  minutesKm: '',
  baseVersion: 3,
  savedAt: '2026-12-01T03:42:00Z',
};

afterEach(async () => {
  await closeOfflineDb();
  indexedDB.deleteDatabase(OFFLINE_DB_NAME);
});

describe('minutes drafts', () => {
  it('survive a reopened tab and are offered only when they hold text shown nowhere else', async () => {
    await saveDraft(draft);
    await closeOfflineDb();
    const found = await loadDraft('item-1');
    expect(found).toEqual(draft);
    expect(draftToOffer(found, { minutes: 'Older text', minutesKm: '' })).toEqual(draft);
    expect(draftToOffer(found, { minutes: 'Typed, not saved ', minutesKm: '' })).toBeUndefined();
  });

  it('are removed once that text is safe, but not when newer text was typed meanwhile', async () => {
    await saveDraft(draft);
    await removeDraft('item-1', { minutes: 'Something older', minutesKm: '' });
    expect(await loadDraft('item-1')).toEqual(draft);
    await removeDraft('item-1', { minutes: 'Typed, not saved', minutesKm: '' });
    expect(await loadDraft('item-1')).toBeUndefined();
  });
});
