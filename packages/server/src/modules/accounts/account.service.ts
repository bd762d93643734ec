import type { EntityManager } from '@mikro-orm/postgresql';
import { forgetAccountTokens } from '../../auth/authenticate.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import { requireAdmin, requireWriteScope } from '../../auth/permissions.js';
import { ROLES, type Role, type Viewer } from '../../auth/viewer.js';
import { ForbiddenError, NotFoundError, Problems, UnauthenticatedError } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { cleanEmail, cleanText, searchCondition } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import { type Account, AccountSchema } from './account.entity.js';
import { ApiTokenSchema } from './api-token.entity.js';
import { endSessions } from './session.service.js';

const AUDITED = ['email', 'role', 'active', 'person'];

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  /** An existing person; else a person is created from fullName/organization. */
  person?: string | null;
  fullName?: string | null;
  organization?: string | null;
}

export interface AccountFilter {
  role?: Role[] | null;
  active?: boolean | null;
  search?: string | null;
}

/** Accounts, by e-mail (administrators). */
export async function listAccounts(
  scope: Scope,
  filter: AccountFilter | null | undefined,
  page: PageArgs,
): Promise<Page<Account>> {
  requireAdminReader(scope.viewer);
  const qb = scope.em.createQueryBuilder(AccountSchema, 'a');
  if (filter?.role?.length) qb.andWhere({ role: { $in: filter.role } });
  if (filter?.active !== undefined && filter.active !== null) qb.andWhere({ active: filter.active });
  const matches = searchCondition(filter?.search, ['email']);
  if (matches) qb.andWhere(matches);
  return queryBuilderPage(qb.orderBy({ email: 'asc', id: 'asc' }), page);
}

/** Reading accounts: administrators only (read-only tokens included). */
export function requireAdminReader(viewer: Viewer): void {
  if (!viewer.role) throw new UnauthenticatedError();
  if (viewer.role !== 'ADMIN') throw new ForbiddenError('Only an administrator may see accounts');
}

/** An account by id: administrators see all, others only their own; undefined otherwise. */
export async function findVisibleAccount(scope: Scope, id: string): Promise<Account | undefined> {
  if (!scope.viewer.role) return undefined;
  if (scope.viewer.role !== 'ADMIN' && scope.viewer.accountId !== id) return undefined;
  return (await scope.em.findOne(AccountSchema, { id })) ?? undefined;
}

/** Creates an account (and its person when needed). Administrators and the operator CLI. */
export async function createAccount(scope: Scope, input: NewAccount): Promise<Account> {
  requireAdmin(scope.viewer, 'create accounts');
  const problems = new Problems();
  const email = cleanEmail(problems, 'email', input.email);
  if (!email) problems.add('email', 'is required', 'REQUIRED');
  if (!(ROLES as readonly string[]).includes(input.role))
    problems.add('role', `must be one of ${ROLES.join(', ')}`, 'INVALID_CHOICE');
  const weak = passwordProblem(input.password ?? '', email ?? undefined);
  if (weak) problems.add('password', weak, 'INVALID');
  const fullName = cleanText(problems, 'fullName', input.fullName, 200);
  return scope.em.transactional(async (em) => {
    if (email && (await em.findOne(AccountSchema, { email })))
      problems.add('email', 'already has an account', 'DUPLICATE');
    let personId = input.person ?? undefined;
    if (personId) {
      if (!(await em.findOne(PersonSchema, { id: personId })))
        problems.add('personId', 'no such person', 'NOT_FOUND_REFERENCE');
      else if (await em.findOne(AccountSchema, { person: personId }))
        problems.add('personId', 'already has an account', 'DUPLICATE');
    }
    if (input.organization && !(await em.findOne(OrganizationSchema, { id: input.organization }))) {
      problems.add('organizationId', 'no such organisation', 'NOT_FOUND_REFERENCE');
    }
    if (input.role === 'FOCAL_POINT' && !personId && !input.organization) {
      problems.add('organizationId', 'a focal point needs an organisation', 'REQUIRED');
    }
    problems.throwIfAny();
    if (!personId) {
      // Reuse the person with this e-mail when there is exactly one without an account.
      const candidates = await em.find(PersonSchema, { email });
      const free = [];
      for (const candidate of candidates) {
        if (!(await em.findOne(AccountSchema, { person: candidate.id }))) free.push(candidate);
      }
      if (free.length === 1 && !input.organization) personId = free[0]!.id;
      else {
        const person = em.create(PersonSchema, {
          fullName: fullName ?? email!.split('@')[0]!,
          organization: input.organization ?? null,
          email,
          isFocalPoint: input.role === 'FOCAL_POINT',
          createdBy: scope.viewer.personId ?? null,
        });
        recordAudit(em, scope.viewer, {
          entityType: 'Person',
          entityId: person.id,
          operation: 'create',
          changes: diff(null, snapshot(person, ['fullName', 'organization', 'email']), [
            'fullName',
            'organization',
            'email',
          ]),
        });
        personId = person.id;
      }
    }
    const account = em.create(AccountSchema, {
      person: personId,
      email: email!,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      active: true,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'Account',
      entityId: account.id,
      operation: 'create',
      changes: diff(null, snapshot(account, AUDITED), AUDITED),
    });
    return account;
  });
}

/** Changes an account's role, active flag or password (administrators). Deactivation ends its sessions and tokens. */
export async function updateAccount(
  scope: Scope,
  id: string,
  changes: { role?: Role | null; active?: boolean | null; password?: string | null },
): Promise<Account> {
  requireAdmin(scope.viewer, 'change accounts');
  const problems = new Problems();
  if (changes.role === null) problems.add('role', 'cannot be empty', 'REQUIRED');
  if (changes.active === null) problems.add('active', 'cannot be empty', 'REQUIRED');
  if (changes.password !== undefined && changes.password !== null) {
    const weak = passwordProblem(changes.password);
    if (weak) problems.add('password', weak, 'INVALID');
  }
  if (id === scope.viewer.accountId && (changes.active === false || (changes.role && changes.role !== 'ADMIN'))) {
    problems.add(
      changes.active === false ? 'active' : 'role',
      'you cannot demote or deactivate your own account',
      'NOT_ALLOWED',
    );
  }
  problems.throwIfAny();
  const updated = await scope.em.transactional(async (em) => {
    const account = await em.findOne(AccountSchema, { id });
    if (!account) throw new NotFoundError('Account', id);
    const before = snapshot(account, AUDITED);
    if (changes.role) account.role = changes.role;
    if (typeof changes.active === 'boolean') account.active = changes.active;
    let passwordChanged = false;
    if (changes.password) {
      account.passwordHash = await hashPassword(changes.password);
      passwordChanged = true;
    }
    const auditChanges = diff(before, snapshot(account, AUDITED), AUDITED);
    if (passwordChanged) auditChanges.password = { before: '(hidden)', after: '(changed)' };
    if (account.active === false || passwordChanged) await endAccess(em, account.id, !account.active);
    if (Object.keys(auditChanges).length > 0) {
      recordAudit(em, scope.viewer, {
        entityType: 'Account',
        entityId: id,
        operation: 'update',
        changes: auditChanges,
      });
    }
    return account;
  });
  // After the commit: this instance's cached API tokens of the account see the new role or flag at once.
  forgetAccountTokens(updated.id);
  return updated;
}

/** Deactivates an account: at once, its sessions end and its API tokens are revoked. */
export function deactivateAccount(scope: Scope, id: string): Promise<Account> {
  return updateAccount(scope, id, { active: false });
}

/** Ends an account's sessions and, when `tokens`, revokes its live API tokens. */
async function endAccess(em: EntityManager, accountId: string, tokens: boolean): Promise<void> {
  await endSessions(em, accountId);
  if (tokens) {
    await em.nativeUpdate(ApiTokenSchema, { account: accountId, revokedAt: null }, { revokedAt: new Date() });
  }
}

/** The signed-in person changes their own password; their other sessions end. */
export async function changeOwnPassword(
  scope: Scope,
  input: { currentPassword: string; newPassword: string },
): Promise<boolean> {
  const viewer = scope.viewer;
  if (!viewer.accountId) throw new UnauthenticatedError();
  requireWriteScope(viewer);
  if (!viewer.sessionId)
    throw new ForbiddenError('Change your password from a signed-in session, not with an API token');
  return scope.em.transactional(async (em) => {
    const account = await em.findOne(AccountSchema, { id: viewer.accountId! });
    if (!account) throw new UnauthenticatedError();
    const problems = new Problems();
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      problems.add('currentPassword', 'is not your current password', 'INVALID');
    }
    const weak = passwordProblem(input.newPassword, account.email);
    if (weak) problems.add('newPassword', weak, 'INVALID');
    problems.throwIfAny();
    account.passwordHash = await hashPassword(input.newPassword);
    await endSessions(em, account.id, viewer.sessionId);
    recordAudit(em, viewer, {
      entityType: 'Account',
      entityId: account.id,
      operation: 'update',
      changes: { password: { before: '(hidden)', after: '(changed)' } },
    });
    return true;
  });
}

/** The account with this login e-mail (operator CLI). */
export async function findAccountByEmail(em: EntityManager, email: string): Promise<Account | null> {
  return em.findOne(AccountSchema, { email: email.trim().toLowerCase() });
}
