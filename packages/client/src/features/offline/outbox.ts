import { type Change, type MinutesChange, type OutboxEntry, offlineDb, type TheirMinutes } from './offline-db.js';

/** What the server made of one change. */
export type SendOutcome =
  /** Applied now or earlier (same key): `version` is the item's version after it, for minutes. */
  | { kind: 'applied'; version?: number; minutes?: string; minutesKm?: string }
  /** No connection: keep it and every change after it, try again later. */
  | { kind: 'offline' }
  /** The item moved on with other text meanwhile. */
  | { kind: 'conflict'; theirs: TheirMinutes }
  /** Refused for good (the meeting was approved, a field is invalid): kept and shown, not sent again. */
  | { kind: 'refused'; code: string };

export type Send = (entry: OutboxEntry) => Promise<SendOutcome>;

export interface OutboxEvent {
  entry: OutboxEntry;
  outcome: SendOutcome;
}

type Listener = (event: OutboxEvent | null) => void;

const sameItem = (a: OutboxEntry, itemId: string) => a.kind === 'minutes' && a.itemId === itemId;

/**
 * The changes made on the meeting page that have not reached the server yet, kept in IndexedDB (so a closed tab,
 * a reload or a crash loses nothing) and replayed in the order they were made. Minutes typed on one item while
 * its earlier save has not been sent are merged into that save; once a save was sent, its text never changes
 * again (the server may already hold its key) and what is typed after it waits behind it.
 */
export class Outbox {
  private readonly listeners = new Set<Listener>();
  private running: Promise<void> | null = null;
  private again = false;
  private inFlight: string | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Called with each outcome, and with null whenever the waiting changes change. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OutboxEvent | null): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Every change kept, in replay order. */
  async entries(): Promise<OutboxEntry[]> {
    const db = await offlineDb();
    return db.getAll('outbox');
  }

  /** Writes a change to IndexedDB (before anything is sent) and returns the entry as stored. */
  async add(change: Change, owner: string): Promise<OutboxEntry> {
    const db = await offlineDb();
    const tx = db.transaction('outbox', 'readwrite');
    let stored: OutboxEntry | undefined;
    if (change.kind === 'minutes') {
      const all = await tx.store.getAll();
      const last = all.filter((e) => sameItem(e, change.itemId)).at(-1);
      if (last?.kind === 'minutes' && last.status === 'pending' && last.attempts === 0 && last.key !== this.inFlight) {
        const merged: OutboxEntry = { ...last, minutes: change.minutes, minutesKm: change.minutesKm };
        await tx.store.put(merged);
        stored = merged;
      }
    }
    if (!stored) {
      const entry: OutboxEntry = {
        ...change,
        key: crypto.randomUUID(),
        owner,
        createdAt: this.now().toISOString(),
        attempts: 0,
        status: 'pending',
      };
      entry.seq = await tx.store.add(entry);
      stored = entry;
    }
    await tx.done;
    this.emit(null);
    return stored;
  }

  /** Sends a refused change again (the user fixed what stood in its way, say). */
  async retry(key: string): Promise<void> {
    const db = await offlineDb();
    const seq = await db.getKeyFromIndex('outbox', 'key', key);
    const entry = seq === undefined ? undefined : await db.get('outbox', seq);
    if (entry) await db.put('outbox', { ...entry, status: 'pending', error: undefined });
    this.emit(null);
  }

  /** Takes a change out (applied, discarded, or adopted by the editor that shows its conflict). */
  async remove(key: string): Promise<void> {
    const db = await offlineDb();
    const seq = await db.getKeyFromIndex('outbox', 'key', key);
    if (seq !== undefined) await db.delete('outbox', seq);
    this.emit(null);
  }

  /**
   * Sends the waiting changes of `owner` in order until the connection fails. A change in conflict holds back
   * the later minutes of the same item (they were typed on top of it) but not the other changes.
   */
  flush(owner: string, send: Send): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.replay(owner, send);
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async replay(owner: string, send: Send): Promise<void> {
    const db = await offlineDb();
    const held = new Set<string>();
    for (const seq of await db.getAllKeys('outbox')) {
      const entry = await db.get('outbox', seq);
      if (!entry || entry.owner !== owner) continue;
      if (entry.kind === 'minutes' && (entry.status !== 'pending' || held.has(entry.itemId))) {
        held.add(entry.itemId);
        continue;
      }
      if (entry.status !== 'pending') continue;
      // Counted before sending: from now on its text is frozen.
      entry.attempts += 1;
      await db.put('outbox', entry);
      this.inFlight = entry.key;
      let outcome: SendOutcome;
      try {
        outcome = await send(entry);
      } catch {
        outcome = { kind: 'offline' };
      } finally {
        this.inFlight = null;
      }
      if (outcome.kind === 'offline') {
        this.emit({ entry, outcome });
        return;
      }
      if (outcome.kind === 'applied') {
        await db.delete('outbox', seq);
        if (entry.kind === 'minutes') await this.rebase(entry, outcome);
      } else if (outcome.kind === 'conflict') {
        await db.put('outbox', { ...entry, status: 'conflict', theirs: outcome.theirs });
        if (entry.kind === 'minutes') held.add(entry.itemId);
      } else {
        await db.put('outbox', { ...entry, status: 'failed', error: outcome.code });
        if (entry.kind === 'minutes') held.add(entry.itemId);
      }
      this.emit({ entry, outcome });
      this.emit(null);
    }
  }

  /**
   * Minutes typed after a save that has now been applied were based on the same version: they follow on from
   * it, so they are based on the version it produced. Only when the server holds our text: if someone else's
   * text came after it, the later minutes must meet that as a conflict.
   */
  private async rebase(applied: MinutesChange & OutboxEntry, outcome: SendOutcome & { kind: 'applied' }) {
    if (outcome.version === undefined) return;
    if (outcome.minutes !== undefined && (outcome.minutes ?? '') !== applied.minutes) return;
    if (outcome.minutesKm !== undefined && (outcome.minutesKm ?? '') !== applied.minutesKm) return;
    const db = await offlineDb();
    const tx = db.transaction('outbox', 'readwrite');
    for (const entry of await tx.store.getAll()) {
      if (sameItem(entry, applied.itemId) && entry.kind === 'minutes' && entry.baseVersion === applied.baseVersion) {
        await tx.store.put({ ...entry, baseVersion: outcome.version });
      }
    }
    await tx.done;
  }
}

/** The one outbox of this tab. */
export const outbox = new Outbox();
