import { forgetApiToken } from '../../auth/authenticate.js';
import { requireWriteScope } from '../../auth/permissions.js';
import { newApiToken, sha256, TOKEN_DISPLAY_LENGTH } from '../../auth/secrets.js';
import type { Viewer } from '../../auth/viewer.js';
import { ForbiddenError, NotFoundError, Problems, UnauthenticatedError } from '../../errors.js';
import { cleanText } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import type { Scope } from '../organizations/organization.service.js';
import { AccountSchema } from './account.entity.js';
import { type ApiToken, type ApiTokenScope, ApiTokenSchema } from './api-token.entity.js';

const AUDITED = ['account', 'name', 'scope', 'prefix', 'expiresAt', 'revokedAt'];
/** Live tokens one account may hold; a safeguard against scripts that create a token per run. */
export const MAX_LIVE_TOKENS_PER_ACCOUNT = 50;

export interface NewApiToken {
  name: string;
  scope: ApiTokenScope;
  expiresAt?: Date | null;
}

/** The scopes an account may hold tokens with: a PARTNER reads only (DESIGN.md §1). */
export function allowedTokenScopes(viewer: Pick<Viewer, 'role'>): ApiTokenScope[] {
  return viewer.role === 'PARTNER' ? ['READ'] : ['READ', 'WRITE'];
}

function requireSignedIn(viewer: Viewer): string {
  if (!viewer.role || !viewer.accountId) throw new UnauthenticatedError();
  return viewer.accountId;
}

/**
 * Creates an API token for `accountId` (the viewer's own unless the operator CLI says otherwise)
 * and returns it once; only its hash is kept. From the API it needs a signed-in session, so a
 * leaked token cannot mint others.
 */
export async function createApiToken(
  scope: Scope,
  input: NewApiToken,
  options: { accountId?: string; operator?: boolean } = {},
): Promise<{ token: string; apiToken: ApiToken }> {
  const accountId = options.operator ? options.accountId : requireSignedIn(scope.viewer);
  if (!accountId) throw new UnauthenticatedError();
  if (!options.operator) {
    requireWriteScope(scope.viewer);
    if (!scope.viewer.sessionId) {
      throw new ForbiddenError(
        'API tokens are created from a signed-in session (or the operator CLI), not with a token',
      );
    }
  }
  const problems = new Problems();
  const name = cleanText(problems, 'name', input.name, 100);
  if (!name) problems.add('name', 'is required (say what the token is for)', 'REQUIRED');
  if (input.scope !== 'READ' && input.scope !== 'WRITE')
    problems.add('scope', 'must be READ or WRITE', 'INVALID_CHOICE');
  else if (!options.operator && !allowedTokenScopes(scope.viewer).includes(input.scope))
    problems.add('scope', 'a PARTNER account may only create READ tokens', 'NOT_ALLOWED', {
      allowed: allowedTokenScopes(scope.viewer),
    });
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
    problems.add('expiresAt', 'must be in the future', 'OUT_OF_RANGE');
  return scope.em.transactional(async (em) => {
    const account = await em.findOne(AccountSchema, { id: accountId });
    if (!account?.active) throw new NotFoundError('Account', accountId);
    const live = await em.count(ApiTokenSchema, {
      account: accountId,
      revokedAt: null,
      $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }],
    });
    if (live >= MAX_LIVE_TOKENS_PER_ACCOUNT) {
      problems.add('name', `you already have ${live} live tokens; revoke some first`, 'TOO_MANY', {
        max: MAX_LIVE_TOKENS_PER_ACCOUNT,
      });
    }
    problems.throwIfAny();
    const token = newApiToken();
    const apiToken = em.create(ApiTokenSchema, {
      account: accountId,
      name: name!,
      scope: input.scope,
      prefix: token.slice(0, TOKEN_DISPLAY_LENGTH),
      hash: sha256(token),
      expiresAt: input.expiresAt ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'ApiToken',
      entityId: apiToken.id,
      operation: 'create',
      changes: diff(null, snapshot(apiToken, AUDITED), AUDITED),
    });
    return { token, apiToken };
  });
}

/** Tokens of the viewer, or of another account for administrators; newest first. */
export async function listApiTokens(scope: Scope, accountId?: string): Promise<ApiToken[]> {
  const own = requireSignedIn(scope.viewer);
  const target = accountId ?? own;
  if (target !== own && scope.viewer.role !== 'ADMIN') {
    throw new ForbiddenError("Only an administrator may see other people's API tokens");
  }
  return scope.em.find(ApiTokenSchema, { account: target }, { orderBy: { createdAt: 'desc', id: 'asc' } });
}

/** A token the viewer may see (their own; all for administrators), or undefined. */
export async function findVisibleApiToken(scope: Scope, id: string): Promise<ApiToken | undefined> {
  if (!scope.viewer.accountId) return undefined;
  const token = await scope.em.findOne(ApiTokenSchema, { id });
  if (!token || (token.account !== scope.viewer.accountId && scope.viewer.role !== 'ADMIN')) return undefined;
  return token;
}

/** Revokes a token at once (idempotent). Owners and administrators; the operator CLI with `operator`. */
export async function revokeApiToken(
  scope: Scope,
  id: string,
  options: { operator?: boolean } = {},
): Promise<ApiToken> {
  if (!options.operator) {
    requireSignedIn(scope.viewer);
    requireWriteScope(scope.viewer);
  }
  const revoked = await scope.em.transactional(async (em) => {
    const token = await em.findOne(ApiTokenSchema, { id });
    const visible =
      token && (options.operator || token.account === scope.viewer.accountId || scope.viewer.role === 'ADMIN');
    if (!token || !visible) throw new NotFoundError('ApiToken', id);
    if (token.revokedAt) return token;
    const before = snapshot(token, AUDITED);
    token.revokedAt = new Date();
    recordAudit(em, scope.viewer, {
      entityType: 'ApiToken',
      entityId: id,
      operation: 'revoke',
      changes: diff(before, snapshot(token, AUDITED), AUDITED),
    });
    return token;
  });
  // After the commit: this instance refuses the token from the next request on (auth/authenticate.ts).
  forgetApiToken(revoked.id);
  return revoked;
}

/** Tokens whose first characters are `prefix` (operator CLI: revoke by what a list shows). */
export async function findApiTokensByPrefix(scope: Scope, prefix: string): Promise<ApiToken[]> {
  return scope.em.find(ApiTokenSchema, { prefix: prefix.slice(0, TOKEN_DISPLAY_LENGTH) });
}
