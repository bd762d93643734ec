import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/viewer.js';
import { InvalidInputError, type Problems } from '../../errors.js';

/** The field of an input that carries the key, named in problems. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';
const KEY_MAX = 100;
// Printable ASCII only: keys are made by programs (a UUID is ideal), never typed by people.
const KEY_FORMAT = /^[\x21-\x7e]+$/;
const SYSTEM_ACCOUNT = '00000000-0000-0000-0000-000000000000';

export type IdempotentOperation = 'updateAgendaItem' | 'setParticipation' | 'recordDecision';

/** A key already applied: what it was used for. */
export interface AppliedKey {
  operation: string;
  entityId: string | null;
}

/** Checks the form of an optional idempotency key (resolvers call it with the other field checks). */
export function checkIdempotencyKey(problems: Problems, key: string | null | undefined): string | null {
  if (key === undefined || key === null) return null;
  if (key.length === 0 || key.length > KEY_MAX) {
    problems.add(IDEMPOTENCY_FIELD, `must be 1 to ${KEY_MAX} characters`, key.length ? 'TOO_LONG' : 'REQUIRED');
  } else if (!KEY_FORMAT.test(key)) {
    problems.add(IDEMPOTENCY_FIELD, 'must be printable ASCII without spaces (a UUID, say)', 'INVALID_FORMAT');
  }
  return key;
}

/**
 * Takes an idempotency key inside the transaction of `em`, before the change is made. Returns null when the key
 * is new (make the change; it is recorded with it, or rolled back with it), or the key as applied before (make no
 * change: answer with the record as it is now). A concurrent request with the same key waits on the unique key
 * until the first one commits or rolls back, so two replays never both write.
 */
export async function claimIdempotencyKey(
  em: EntityManager,
  viewer: Viewer,
  key: string | null | undefined,
  operation: IdempotentOperation,
  entityId: string | null,
): Promise<AppliedKey | null> {
  if (!key) return null;
  const account = viewer.accountId ?? SYSTEM_ACCOUNT;
  const inserted = await em.execute<{ key: string }[]>(
    `insert into idempotency_key (account, key, operation, entity_id, created_at)
     values (?, ?, ?, ?, now()) on conflict do nothing returning key`,
    [account, key, operation, entityId],
  );
  if (inserted.length > 0) return null;
  const [applied] = await em.execute<{ operation: string; entity_id: string | null }[]>(
    'select operation, entity_id from idempotency_key where account = ? and key = ?',
    [account, key],
  );
  const found: AppliedKey = { operation: applied!.operation, entityId: applied!.entity_id };
  if (found.operation !== operation || (entityId !== null && found.entityId !== entityId)) {
    throw new InvalidInputError([
      { field: IDEMPOTENCY_FIELD, message: 'was already used for another change: send a new key', code: 'DUPLICATE' },
    ]);
  }
  return found;
}

/** Records which record a newly claimed key's change created (for changes that create one, e.g. a decision). */
export async function settleIdempotencyKey(
  em: EntityManager,
  viewer: Viewer,
  key: string | null | undefined,
  entityId: string,
): Promise<void> {
  if (!key) return;
  await em.execute('update idempotency_key set entity_id = ? where account = ? and key = ?', [
    entityId,
    viewer.accountId ?? SYSTEM_ACCOUNT,
    key,
  ]);
}

/** Deletes keys older than `days` (a replay that late is answered as a new change, checked against its version). */
export async function purgeIdempotencyKeys(em: EntityManager, days = 30): Promise<number> {
  const rows = await em.execute<{ key: string }[]>(
    `delete from idempotency_key where created_at < now() - make_interval(days => ?) returning key`,
    [days],
  );
  return rows.length;
}
