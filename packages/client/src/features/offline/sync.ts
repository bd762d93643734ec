import type { ApolloClient } from '@apollo/client';
import {
  MeDocument,
  MeetingPageDocument,
  OfflineAgendaItemDocument,
  RecordDecisionDocument,
  SetParticipationDocument,
  UpdateAgendaItemDocument,
} from '../../graphql/generated.js';
import { errorCode } from '../../lib/errors.js';
import type { Change, OutboxEntry } from './offline-db.js';
import { outbox, type SendOutcome } from './outbox.js';
import { withPendingChanges } from './pending-view.js';
import { currentOwner, isOfflineError, ownerOf } from './stored-queries.js';

const RETRY_MS = 5000;
let client: ApolloClient | null = null;
/** Errors of the last refused sends, by key, for the form that is waiting on them (not kept across reloads). */
const refusals = new Map<string, unknown>();

const same = (server: string | null | undefined, typed: string) => (server ?? '') === typed.trim();

async function send(entry: OutboxEntry): Promise<SendOutcome> {
  if (!client) return { kind: 'offline' };
  const { key: idempotencyKey } = entry;
  try {
    if (entry.kind === 'minutes') {
      const result = await client.mutate({
        mutation: UpdateAgendaItemDocument,
        variables: {
          input: {
            id: entry.itemId,
            version: entry.baseVersion,
            minutes: entry.minutes,
            minutesKm: entry.minutesKm,
            idempotencyKey,
          },
        },
      });
      const item = result.data?.updateAgendaItem.agendaItem;
      return {
        kind: 'applied',
        version: item?.version,
        minutes: item?.minutes ?? '',
        minutesKm: item?.minutesKm ?? '',
      };
    }
    if (entry.kind === 'participation') {
      await client.mutate({
        mutation: SetParticipationDocument,
        variables: { input: { ...entry.input, idempotencyKey } },
      });
      return { kind: 'applied' };
    }
    await client.mutate({ mutation: RecordDecisionDocument, variables: { input: { ...entry.input, idempotencyKey } } });
    return { kind: 'applied' };
  } catch (error) {
    const code = errorCode(error) ?? 'NETWORK';
    // Kept for later: no network, or a session to sign in again (the change waits under its owner).
    if (isOfflineError(error) || code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED') return { kind: 'offline' };
    if (code === 'CONFLICT' && entry.kind === 'minutes') return conflictOf(entry);
    refusals.set(entry.key, error);
    return { kind: 'refused', code };
  }
}

/** A stale base version is a conflict only when the server's text differs from ours. */
async function conflictOf(entry: OutboxEntry & { kind: 'minutes' }): Promise<SendOutcome> {
  const current = await client!.query({
    query: OfflineAgendaItemDocument,
    variables: { id: entry.itemId },
    fetchPolicy: 'network-only',
  });
  const item = current.data?.node?.__typename === 'AgendaItem' ? current.data.node : null;
  if (!item) return { kind: 'refused', code: 'NOT_FOUND' };
  if (same(item.minutes, entry.minutes) && same(item.minutesKm, entry.minutesKm)) {
    return { kind: 'applied', version: item.version, minutes: item.minutes ?? '', minutesKm: item.minutesKm ?? '' };
  }
  return {
    kind: 'conflict',
    theirs: { version: item.version, minutes: item.minutes ?? '', minutesKm: item.minutesKm ?? '' },
  };
}

/** The signed-in person: from the last session answer, else from the cache (a session begun by signing in). */
export function signedIn(): string | null {
  return currentOwner() ?? ownerOf(client?.readQuery({ query: MeDocument }) ?? null);
}

/** Sends what waits, one tab at a time (Web Locks where the browser has them). */
export async function flushOutbox(): Promise<void> {
  const owner = signedIn();
  if (!client || !owner || !navigator.onLine) return;
  const run = () => outbox.flush(owner, send);
  if (!navigator.locks) return run();
  await navigator.locks.request('prachum-outbox', run);
}

/** Shows a change on the meeting page at once, before the server has it. */
function showAtOnce(change: Change, entry: OutboxEntry): void {
  if (!client || change.kind === 'minutes') return;
  client.cache.updateQuery({ query: MeetingPageDocument, variables: { id: change.meetingId } }, (data) =>
    data ? withPendingChanges(data, [entry]) : data,
  );
}

export type SubmitResult =
  | { status: 'applied' }
  /** Kept on this device; it is sent when the connection comes back. */
  | { status: 'queued' }
  | { status: 'refused'; error: unknown };

/**
 * Makes a change from the meeting page: written to IndexedDB first, shown at once, then sent. Online, the
 * caller learns what the server made of it; offline, it is queued.
 */
export async function submitChange(change: Change): Promise<SubmitResult> {
  const owner = signedIn() ?? 'unknown';
  const entry = await outbox.add(change, owner);
  showAtOnce(change, entry);
  let outcome: SendOutcome | null = null;
  const unsubscribe = outbox.subscribe((event) => {
    if (event && event.entry.key === entry.key) outcome = event.outcome;
  });
  try {
    await flushOutbox();
  } finally {
    unsubscribe();
  }
  const settled = outcome as SendOutcome | null;
  if (settled?.kind === 'applied') return { status: 'applied' };
  if (settled?.kind === 'refused') {
    // The form still holds what was typed and shows why: the change does not stay in the outbox.
    await outbox.remove(entry.key);
    const error = refusals.get(entry.key);
    refusals.delete(entry.key);
    if (change.kind !== 'minutes') await client?.refetchQueries({ include: [MeetingPageDocument] });
    return { status: 'refused', error };
  }
  return { status: 'queued' };
}

/** Starts sending the outbox of this tab: now, when the connection comes back, and every few seconds. */
export function startOutbox(apollo: ApolloClient): () => void {
  client = apollo;
  const flush = () => void flushOutbox().catch(() => undefined);
  window.addEventListener('online', flush);
  const timer = setInterval(flush, RETRY_MS);
  flush();
  return () => {
    window.removeEventListener('online', flush);
    clearInterval(timer);
  };
}
