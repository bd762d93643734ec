import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthRuntime } from '../../auth/runtime.js';
import { verifyPassword, MAX_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { secondsUntil } from '../../auth/rate-limit.js';
import { newSessionSecret, sha256 } from '../../auth/secrets.js';
import type { Viewer } from '../../auth/viewer.js';
import { RateLimitedError, UnauthenticatedError } from '../../errors.js';
import { PersonSchema } from '../people/person.entity.js';
import { AccountSchema } from './account.entity.js';
import { SessionSchema } from './session.entity.js';

/** The one answer for an unknown e-mail, a wrong password and a deactivated account. */
export const WRONG_CREDENTIALS = 'The e-mail address or the password is wrong';

export interface LoginResult {
  viewer: Viewer;
  /** The cookie value (only its hash is stored). */
  secret: string;
  maxAgeSeconds: number;
}

const throttleKeys = (email: string, ip: string | undefined) => ({
  account: `login:account:${sha256(email)}`,
  ip: ip ? `login:ip:${ip}` : undefined,
});

/**
 * Checks an e-mail and password and opens a session. Unknown e-mail, wrong password and
 * deactivated account take the same time and give the same error; repeated failures per
 * account and per client address are throttled (RATE_LIMITED).
 */
export async function login(
  em: EntityManager,
  runtime: AuthRuntime,
  input: { email: string; password: string },
  ip: string | undefined,
): Promise<LoginResult> {
  const { config, store } = runtime;
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const keys = throttleKeys(email, ip);
  const [byAccount, byIp] = await Promise.all([
    store.peek(keys.account, config.loginWindowMs),
    keys.ip ? store.peek(keys.ip, config.loginWindowMs) : undefined,
  ]);
  if (byAccount.count >= config.loginMaxFailures) throw new RateLimitedError(secondsUntil(byAccount.resetAt));
  if (byIp && byIp.count >= config.loginMaxFailuresPerIp) throw new RateLimitedError(secondsUntil(byIp.resetAt));

  const account = await em.findOne(AccountSchema, { email });
  const passwordOk =
    input.password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(account?.passwordHash, input.password));
  if (!account || !passwordOk || !account.active) {
    await Promise.all([
      store.hit(keys.account, config.loginWindowMs),
      keys.ip ? store.hit(keys.ip, config.loginWindowMs) : undefined,
    ]);
    throw new UnauthenticatedError(WRONG_CREDENTIALS);
  }
  await store.reset(keys.account, config.loginWindowMs);

  const secret = newSessionSecret();
  const now = new Date();
  const person = await em.findOne(PersonSchema, { id: account.person });
  await em.transactional(async (tx) => {
    tx.create(SessionSchema, {
      id: sha256(secret),
      account: account.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.sessionAbsoluteMs),
      idleTimeoutSeconds: Math.round(config.sessionIdleMs / 1000),
    });
    await tx.nativeUpdate(AccountSchema, { id: account.id }, { lastLoginAt: now });
    // Housekeeping: this account's sessions that are over (idle ones are otherwise removed when next seen).
    await tx
      .getConnection()
      .execute(
        `delete from session where account_id = ? and (expires_at < now() or last_seen_at + idle_timeout_seconds * interval '1 second' < now())`,
        [account.id],
        'run',
        tx.getTransactionContext(),
      );
  });
  return {
    viewer: {
      role: account.role,
      accountId: account.id,
      personId: account.person,
      organizationId: person?.organization ?? undefined,
      canWrite: true,
      sessionId: sha256(secret),
    },
    secret,
    maxAgeSeconds: Math.round(config.sessionAbsoluteMs / 1000),
  };
}

/** Ends the viewer's session (a no-op for tokens and anonymous visitors). */
export async function logout(em: EntityManager, viewer: Viewer): Promise<boolean> {
  if (!viewer.sessionId) return false;
  await em.nativeDelete(SessionSchema, { id: viewer.sessionId });
  return true;
}

/** Ends every session of an account (deactivation, password change), except `keep`. */
export async function endSessions(em: EntityManager, accountId: string, keep?: string): Promise<number> {
  return em.nativeDelete(SessionSchema, keep ? { account: accountId, id: { $ne: keep } } : { account: accountId });
}

/** Deletes sessions that are over (absolute end passed); idle ones are removed when next seen. */
export async function purgeExpiredSessions(em: EntityManager): Promise<number> {
  return em.nativeDelete(SessionSchema, { expiresAt: { $lt: new Date() } });
}
