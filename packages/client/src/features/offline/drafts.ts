import { type Draft, offlineDb } from './offline-db.js';

/** Keeps what is typed in a minutes editor, as it is typed (a browser crash loses at most the last keystrokes). */
export async function saveDraft(draft: Draft): Promise<void> {
  const db = await offlineDb();
  await db.put('drafts', draft);
}

export async function loadDraft(itemId: string): Promise<Draft | undefined> {
  const db = await offlineDb();
  return db.get('drafts', itemId);
}

/** Forgets the draft of an item once its text is safe elsewhere (handed to the outbox, or on the server). */
export async function removeDraft(itemId: string, ifText?: { minutes: string; minutesKm: string }): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction('drafts', 'readwrite');
  const draft = await tx.store.get(itemId);
  if (draft && (!ifText || (draft.minutes === ifText.minutes && draft.minutesKm === ifText.minutesKm))) {
    await tx.store.delete(itemId);
  }
  await tx.done;
}

/**
 * The draft worth offering back: one that holds text that is neither on the server nor waiting in the outbox
 * (what the editor would show without it).
 */
export function draftToOffer(
  draft: Draft | undefined,
  shown: { minutes: string; minutesKm: string },
): Draft | undefined {
  if (!draft) return undefined;
  const same = draft.minutes.trim() === shown.minutes.trim() && draft.minutesKm.trim() === shown.minutesKm.trim();
  return same ? undefined : draft;
}
