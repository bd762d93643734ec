import type { EntityManager } from '@mikro-orm/postgresql';
import { looksLikeApiToken, sha256 } from './secrets.js';
import { anonymous, type Role, type Viewer } from './viewer.js';

/** Name of the session cookie the web client gets from `login`. */
export const SESSION_COOKIE = 'prachum_session';

/** `lastSeenAt` / `lastUsedAt` are written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface Authentication {
  viewer: Viewer;
  /** A Bearer header was sent but is not a valid, live token: the request is refused (401). */
  invalidToken?: string;
  /** A session cookie was sent but its session is over: the cookie should be cleared. */
  staleSession?: boolean;
}

interface AccountRow {
  account_id: string;
  role: Role;
  active: boolean;
  person_id: string;
  organization_id: string | null;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

function viewerOf(row: AccountRow, extra: Partial<Viewer>): Viewer {
  return {
    role: row.role,
    accountId: row.account_id,
    personId: row.person_id,
    organizationId: row.organization_id ?? undefined,
    canWrite: true,
    ...extra,
  };
}

/** The viewer of a session cookie value, or undefined when there is no such live session. */
export async function viewerForSession(em: EntityManager, secret: string): Promise<Viewer | undefined> {
  const id = sha256(secret);
  const connection = em.getConnection();
  const rows = await connection.execute<
    (AccountRow & { id: string; last_seen_at: Date; expires_at: Date; idle_timeout_seconds: number })[]
  >(
    `select s.id, s.last_seen_at, s.expires_at, s.idle_timeout_seconds,
            a.id as account_id, a.role, a.active, a.person_id, p.organization_id
       from session s join account a on a.id = s.account_id left join person p on p.id = a.person_id
      where s.id = ?`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const now = Date.now();
  const lastSeen = new Date(row.last_seen_at).getTime();
  const live =
    row.active && now < new Date(row.expires_at).getTime() && now < lastSeen + row.idle_timeout_seconds * 1000;
  if (!live) {
    await connection.execute('delete from session where id = ?', [id]);
    return undefined;
  }
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await connection.execute('update session set last_seen_at = ? where id = ?', [new Date(now), id]);
  }
  return viewerOf(row, { sessionId: id });
}

interface TokenRow extends AccountRow {
  id: string;
  scope: 'READ' | 'WRITE';
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/**
 * How long this instance trusts what it read about a live API token before it reads again. Revoking a
 * token or changing its account in this instance drops the entry at once (forgetApiToken,
 * forgetAccountTokens); another instance notices within this time (docs/security.md).
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;

/** Live tokens by hash: the row read from the database and until when it is trusted. */
const tokenCache = new Map<string, { row: TokenRow; until: number }>();

/** Drops a token from this instance's cache (it was revoked). */
export function forgetApiToken(tokenId: string): void {
  for (const [hash, entry] of tokenCache) if (entry.row.id === tokenId) tokenCache.delete(hash);
}

/** Drops every token of an account from this instance's cache (its role, person or active flag changed). */
export function forgetAccountTokens(accountId: string): void {
  for (const [hash, entry] of tokenCache) if (entry.row.account_id === accountId) tokenCache.delete(hash);
}

/** Recording a token's use changes nothing the cache holds (forgetTokensOnWrite lets it pass). */
const TOUCH_TOKEN = 'update api_token set last_used_at = ? where id = ?';

// A statement that changes tokens, accounts or people (whose organisation a viewer carries).
const AUTH_WRITE = /^\s*(update|delete\s+from)\s+"?(api_token|account|person)"?[\s;]/i;

/**
 * Drops this instance's whole token cache when `sql` changes tokens, accounts or people: every write this
 * process makes through MikroORM passes here (db/orm.ts `onQuery`), raw and bulk updates included, so
 * nothing it changes is served stale from the cache. Cheap for every other statement.
 */
export function forgetTokensOnWrite(sql: string): void {
  if (tokenCache.size === 0 || sql === TOUCH_TOKEN) return;
  const first = sql.charCodeAt(0) | 0x20;
  if ((first === 0x75 /* u */ || first === 0x64 /* d */ || first === 0x20) && AUTH_WRITE.test(sql)) tokenCache.clear();
}

async function readToken(em: EntityManager, hash: string, now: number): Promise<TokenRow | undefined> {
  const cached = tokenCache.get(hash);
  if (cached && cached.until > now) return cached.row;
  const rows = await em.getConnection().execute<TokenRow[]>(
    `select t.id, t.scope, t.expires_at, t.revoked_at, t.last_used_at,
            a.id as account_id, a.role, a.active, a.person_id, p.organization_id
       from api_token t join account a on a.id = t.account_id left join person p on p.id = a.person_id
      where t.hash = ?`,
    [hash],
  );
  const row = rows[0];
  if (!row?.active || row.revoked_at) {
    tokenCache.delete(hash);
    return row;
  }
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(hash, { row, until: now + TOKEN_CACHE_MS });
  return row;
}

/** The viewer of an API token, or undefined when it is unknown, revoked, expired or its account is inactive. */
export async function viewerForToken(em: EntityManager, token: string): Promise<Viewer | undefined> {
  if (!looksLikeApiToken(token)) return undefined;
  const now = Date.now();
  const row = await readToken(em, sha256(token), now);
  if (!row?.active || row.revoked_at || (row.expires_at && new Date(row.expires_at).getTime() <= now)) {
    return undefined;
  }
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    row.last_used_at = new Date(now);
    await em.getConnection().execute(TOUCH_TOKEN, [new Date(now), row.id]);
  }
  return viewerOf(row, { tokenId: row.id, canWrite: row.scope === 'WRITE' });
}

/**
 * Who sent this request: `Authorization: Bearer prc_…` (an API token), else the session
 * cookie, else nobody. A Bearer header that is not a live token is an error, never anonymous.
 */
export async function authenticate(
  em: EntityManager,
  headers: { cookie?: string; authorization?: string },
): Promise<Authentication> {
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      return { viewer: anonymous, invalidToken: 'The Authorization header must be "Bearer <API token>"' };
    }
    const viewer = await viewerForToken(em, match[1]!);
    if (!viewer) return { viewer: anonymous, invalidToken: 'The API token is not valid (unknown, expired or revoked)' };
    return { viewer };
  }
  const secret = readCookie(headers.cookie, SESSION_COOKIE);
  if (secret) {
    if (secret.length > 100) return { viewer: anonymous, staleSession: true };
    const viewer = await viewerForSession(em, secret);
    return viewer ? { viewer } : { viewer: anonymous, staleSession: true };
  }
  return { viewer: anonymous };
}
