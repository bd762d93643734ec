import type { EntityManager } from '@mikro-orm/postgresql';
import { requireWriteScope } from '../../auth/permissions.js';
import type { Viewer } from '../../auth/viewer.js';
import { Problems, UnauthenticatedError } from '../../errors.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { type Account, AccountSchema, LOCALES, type Locale } from './account.entity.js';

export interface MySettings {
  locale?: Locale | null;
  emailReminders?: boolean | null;
  emailDigest?: boolean | null;
  emailEvents?: boolean | null;
}

const AUDITED = ['locale', 'emailReminders', 'emailDigest', 'emailEvents'] as const;

/** The signed-in person's language and e-mail choices, changed by themselves (audited). */
export async function updateMySettings(
  scope: { em: EntityManager; viewer: Viewer },
  change: MySettings,
): Promise<Account> {
  if (!scope.viewer.accountId) throw new UnauthenticatedError();
  requireWriteScope(scope.viewer);
  const problems = new Problems();
  for (const field of AUDITED) if (change[field] === null) problems.add(field, 'cannot be empty', 'REQUIRED');
  if (change.locale && !LOCALES.includes(change.locale)) problems.add('locale', 'is unknown', 'INVALID_CHOICE');
  problems.throwIfAny();
  return scope.em.transactional(async (em) => {
    const account = await em.findOneOrFail(AccountSchema, { id: scope.viewer.accountId });
    const before = snapshot(account, [...AUDITED]);
    for (const field of AUDITED) {
      const value = change[field];
      if (value !== undefined && value !== null) (account as Record<string, unknown>)[field] = value;
    }
    const changes = diff(before, snapshot(account, [...AUDITED]), [...AUDITED]);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, {
        entityType: 'Account',
        entityId: account.id,
        operation: 'updateSettings',
        changes,
      });
    return account;
  });
}
