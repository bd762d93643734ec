import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthConfig } from './auth.config.js';
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

/** The viewer of an API token, or undefined when it is unknown, revoked, expired or its account is inactive. */
export async function viewerForToken(em: EntityManager, token: string): Promise<Viewer | undefined> {
  if (!looksLikeApiToken(token)) return undefined;
  const connection = em.getConnection();
  const rows = await connection.execute<
    (AccountRow & {
      id: string;
      scope: 'READ' | 'WRITE';
      expires_at: Date | null;
      revoked_at: Date | null;
      last_used_at: Date | null;
    })[]
  >(
    `select t.id, t.scope, t.expires_at, t.revoked_at, t.last_used_at,
            a.id as account_id, a.role, a.active, a.person_id, p.organization_id
       from api_token t join account a on a.id = t.account_id left join person p on p.id = a.person_id
      where t.hash = ?`,
    [sha256(token)],
  );
  const row = rows[0];
  const now = Date.now();
  if (!row?.active || row.revoked_at || (row.expires_at && new Date(row.expires_at).getTime() <= now)) {
    return undefined;
  }
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await connection.execute('update api_token set last_used_at = ? where id = ?', [new Date(now), row.id]);
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
  _config?: AuthConfig,
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
