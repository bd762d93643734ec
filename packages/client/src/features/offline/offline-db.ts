import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { RecordDecisionInput, SetParticipationInput } from '../../graphql/generated.js';

/** Minutes of one agenda item, as typed, on top of the version the editor had loaded. */
export interface MinutesChange {
  kind: 'minutes';
  itemId: string;
  baseVersion: number;
  minutes: string;
  minutesKm: string;
}

/**
 * How the meeting page shows someone checked in before the server has them: their name and the organisation they
 * represent, as the form knew them. The page lists only its participants, so it cannot look a newcomer up.
 */
export interface ParticipantLabel {
  person: { id: string; fullName: string | null; fullNameKm: string | null };
  organization: { id: string; acronym: string; name: string | null; nameKm: string | null } | null;
}

/** Someone's attendance or role: the mutation's input as the form made it (the key is added when sent). */
export interface ParticipationChange {
  kind: 'participation';
  meetingId: string;
  personId: string;
  input: SetParticipationInput;
  /** Absent in entries kept before it existed, and for people already on the list: shown without a name. */
  shown?: ParticipantLabel;
}

export interface DecisionChange {
  kind: 'decision';
  meetingId: string;
  input: RecordDecisionInput;
}

export type Change = MinutesChange | ParticipationChange | DecisionChange;

/** The server's text of an item that moved on meanwhile, kept with the change it conflicts with. */
export interface TheirMinutes {
  version: number;
  minutes: string;
  minutesKm: string;
}

/** One change waiting to reach the server, in the order it was made. */
export type OutboxEntry = Change & {
  /** Assigned by IndexedDB: the replay order. */
  seq?: number;
  /** Sent with the change; the server applies a key once (modules/idempotency on the server). */
  key: string;
  /** Whose change it is (the signed-in person), so that it is never sent in someone else's name. */
  owner: string;
  createdAt: string;
  /** How often it was sent without an answer; a change sent once is never edited again (its key may be taken). */
  attempts: number;
  status: 'pending' | 'conflict' | 'failed';
  theirs?: TheirMinutes;
  /** The server's error code, for a change it refused. */
  error?: string;
};

/** Minutes typed in the editor and not yet handed to the outbox (written as you type). */
export interface Draft {
  itemId: string;
  minutes: string;
  minutesKm: string;
  baseVersion: number;
  savedAt: string;
}

/** A query result kept for reading the meeting page offline. */
export interface StoredQuery {
  id: string;
  owner: string;
  data: unknown;
  storedAt: string;
}

interface OfflineSchema extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { key: string } };
  drafts: { key: string; value: Draft };
  queries: { key: string; value: StoredQuery };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

export const OFFLINE_DB_NAME = 'prachum-offline';
let opened: Promise<OfflineDb> | null = null;

/** The browser's offline database (one per origin), opened once. */
export function offlineDb(): Promise<OfflineDb> {
  opened ??= openDB<OfflineSchema>(OFFLINE_DB_NAME, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('key', 'key', { unique: true });
      db.createObjectStore('drafts', { keyPath: 'itemId' });
      db.createObjectStore('queries', { keyPath: 'id' });
    },
  });
  return opened;
}

/** Forgets the open connection (unit tests start each from an empty database). */
export async function closeOfflineDb(): Promise<void> {
  const db = await opened;
  db?.close();
  opened = null;
}
