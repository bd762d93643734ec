import { ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { Observable } from 'rxjs';
import { offlineDb } from './offline-db.js';
import { type MeetingPageData, withPendingChanges } from './pending-view.js';

/**
 * The queries kept for reading offline: the session (so the app opens) and the meeting page. Nothing else is
 * kept: an offline device holds only the meetings its user opened, and signing out forgets them.
 */
const KEPT = new Set(['Me', 'MeetingPage']);
const SIGNED_OUT = new Set(['Logout']);
const SIGNED_IN = 'Login';

let owner: string | null = null;

/** The signed-in person, as last answered (online or from the kept session); null before and after a session. */
export function currentOwner(): string | null {
  return owner;
}

type MeData = { me?: { person?: { id?: string } | null; role?: string } | null };

/** Whose data an answer with `me` (the Me query) is: the signed-in person. */
export function ownerOf(data: unknown): string | null {
  const me = (data as MeData | null)?.me;
  if (!me) return null;
  return me.person?.id ?? `role:${me.role ?? 'unknown'}`;
}

function storedId(operationName: string, variables: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)));
  return `${operationName}:${JSON.stringify(sorted)}`;
}

/** A failure that says nothing about the request itself: no network, or the server or a proxy not answering. */
export function isOfflineError(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return false;
  if (ServerError.is(error)) return error.statusCode >= 502 && error.statusCode <= 504;
  return true;
}

/** Forgets every kept query (on signing out). */
export async function forgetStoredQueries(): Promise<void> {
  owner = null;
  const db = await offlineDb();
  await db.clear('queries');
}

async function keep(id: string, operationName: string, data: unknown): Promise<void> {
  if (operationName === 'Me') {
    const signedIn = ownerOf(data);
    if (signedIn !== owner && owner !== null) await forgetStoredQueries();
    owner = signedIn;
    if (!signedIn) return forgetStoredQueries();
  }
  if (!owner) return;
  const db = await offlineDb();
  await db.put('queries', { id, owner, data, storedAt: new Date().toISOString() });
}

async function kept(id: string, operationName: string): Promise<unknown | undefined> {
  const db = await offlineDb();
  const stored = await db.get('queries', id);
  if (!stored) return undefined;
  if (operationName === 'Me') owner = stored.owner;
  else if (stored.owner !== owner) return undefined;
  if (operationName !== 'MeetingPage') return stored.data;
  const waiting = (await db.getAll('outbox')).filter((e) => e.owner === owner);
  return withPendingChanges(stored.data as MeetingPageData, waiting);
}

/**
 * Keeps the answers of the kept queries in IndexedDB and answers from there when the network fails, so the
 * meeting page opens offline (a service worker cannot cache GraphQL: every query is a POST). Other operations
 * pass through untouched.
 */
export function storedQueriesLink(): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const name = operation.operationName ?? '';
    if (SIGNED_OUT.has(name)) {
      return new Observable((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error) => observer.error(error),
          complete: () => void forgetStoredQueries().finally(() => observer.complete()),
        });
        return () => subscription.unsubscribe();
      });
    }
    if (name === SIGNED_IN) {
      return new Observable((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => {
            const viewer = (result.data as { login?: { viewer?: unknown } } | null)?.login?.viewer;
            if (viewer) void keep('Me:{}', 'Me', { me: viewer }).catch(() => undefined);
            observer.next(result);
          },
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      });
    }
    if (!KEPT.has(name)) return forward(operation);
    const id = storedId(name, operation.variables);
    return new Observable((observer) => {
      let closed = false;
      const subscription = forward(operation).subscribe({
        next: (result) => {
          if (result.data && !result.errors?.length) void keep(id, name, result.data).catch(() => undefined);
          observer.next(result);
        },
        error: (error: unknown) => {
          if (!isOfflineError(error)) return observer.error(error);
          void kept(id, name)
            .catch(() => undefined)
            .then((data) => {
              if (closed) return;
              if (data === undefined) return observer.error(error);
              observer.next({ data: data as Record<string, unknown> });
              observer.complete();
            });
        },
        complete: () => observer.complete(),
      });
      return () => {
        closed = true;
        subscription.unsubscribe();
      };
    });
  });
}
