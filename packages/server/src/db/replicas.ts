import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the statements of one request may read. A request is given a route only when it may use a
 * read replica (a query by a PARTNER token or an anonymous caller, graphql/http.ts); everything else
 * (sessions, staff, every write, the worker, the CLI) has none and runs on the primary.
 */
export interface ReadRoute {
  /** Whether reads may go to a replica now: set once the operation is known to be a query. */
  replica: boolean;
  /** Set by the first statement that is not a plain read: from then on the request stays on the primary. */
  wrote: boolean;
  /** Which server answered the reads of this request ("primary" or a replica's host:port), for tests and logs. */
  servedBy?: string;
}

const routes = new AsyncLocalStorage<ReadRoute>();

/** Runs `work` (the rest of a request) with a read route that the database connection consults. */
export function withReadRoute<T>(route: ReadRoute, work: () => T): T {
  return routes.run(route, work);
}

/** The read route of the request this code runs for; undefined when every statement goes to the primary. */
export function currentReadRoute(): ReadRoute | undefined {
  return routes.getStore();
}

// Statements that change something or take locks, even inside a SELECT or WITH.
const NOT_A_PLAIN_READ =
  /\b(insert|update|delete|merge|truncate|for\s+(update|share|no\s+key\s+update|key\s+share)|nextval|setval|pg_advisory\w*|set_config|pg_notify|add_job|lo_\w+|txid_current|pg_current_xact_id)\b/i;

/** Whether `sql` only reads: a SELECT or WITH that names no data-changing statement, lock or side-effecting function. */
export function isPlainRead(sql: string): boolean {
  return /^\s*\(?\s*(select|with)\b/i.test(sql) && !NOT_A_PLAIN_READ.test(sql);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  // PostgreSQL: connection exceptions (class 08), admin/crash shutdown, cannot connect now, in recovery conflicts.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether an error means "the server is not there" (rather than a bad statement), looking through causes. */
export function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; previous?: unknown };
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (e.name === 'ConnectionException') return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|terminating connection/i.test(
        e.message,
      )
    ) {
      return true;
    }
    current = e.previous ?? e.cause;
  }
  return false;
}

/** How long a replica that failed is left alone before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;

/** The part of a replica connection the router needs: its name, and running a statement on it. */
export interface ReplicaTarget<C> {
  name: string;
  connection: C;
}

/**
 * Picks a read replica for a request's read, round robin over those that answer. A replica that fails
 * to connect is left out for REPLICA_RETRY_MS (its reads go to the primary meanwhile); the change is
 * logged once when it goes and once when it comes back, not at every statement.
 */
export class ReplicaRouter<C> {
  private next = 0;
  private readonly downUntil = new Map<string, number>();
  /** Where the "replica down / back" lines go (db/database.ts gives it the server's logger). */
  log: (level: 'warn' | 'info', message: string, facts: Record<string, unknown>) => void = () => {};

  constructor(readonly replicas: ReplicaTarget<C>[]) {}

  /** A replica to read from now, or undefined when none is configured or none answers. */
  pick(now = Date.now()): ReplicaTarget<C> | undefined {
    const count = this.replicas.length;
    for (let i = 0; i < count; i++) {
      const replica = this.replicas[(this.next + i) % count]!;
      const until = this.downUntil.get(replica.name);
      if (until !== undefined && until > now) continue;
      this.next = (this.next + i + 1) % count;
      return replica;
    }
    return undefined;
  }

  /** Records that `replica` did not answer; logs it when it was thought up. */
  failed(replica: ReplicaTarget<C>, error: unknown, now = Date.now()): void {
    const wasDown = this.downUntil.has(replica.name);
    this.downUntil.set(replica.name, now + REPLICA_RETRY_MS);
    if (!wasDown) {
      this.log('warn', 'read replica does not answer; its reads go to the primary until it does', {
        replica: replica.name,
        reason: (error as Error)?.message,
      });
    }
  }

  /** Records that `replica` answered; logs it when it was down. */
  answered(replica: ReplicaTarget<C>): void {
    if (this.downUntil.delete(replica.name)) {
      this.log('info', 'read replica answers again; partner reads go to it', { replica: replica.name });
    }
  }
}

/** host:port of a PostgreSQL URL, without its credentials: how replicas are named in logs. */
export function serverName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return 'replica';
  }
}
