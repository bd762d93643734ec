import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../../test/http.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { AccountSchema } from './account.entity.js';
import { ApiTokenSchema } from './api-token.entity.js';
import { SessionSchema } from './session.entity.js';

let db: TestDatabase;
let http: TestHttp;
let orgId: string;

const ME = '{ me { role canWrite email person { fullName } organization { acronym } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { viewer { role person { fullName } } } }';
const CREATE_TOKEN =
  'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name scope prefix createdAt expiresAt lastUsedAt revokedAt } } }';
const REVOKE_TOKEN = 'mutation($id: ID!) { revokeApiToken(input: { id: $id }) { apiToken { id revokedAt } } }';
const CREATE_ORG =
  'mutation($acronym: String!) { createOrganization(input: { acronym: $acronym, name: "X", kind: NGO }) { organization { acronym } } }';

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { env: { PRACHUM_LOGIN_MAX_FAILURES: '3', PRACHUM_LOGIN_MAX_FAILURES_PER_IP: '6' } });
  const em = db.orm.em.fork();
  const org = em.create(OrganizationSchema, { acronym: 'MOI-T', name: 'Ministry of Interior', kind: 'GOVERNMENT' });
  await em.flush();
  orgId = org.id;
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

describe('login and sessions', () => {
  it('signs in, sets a safe session cookie, and `me` answers who is signed in', async () => {
    const account = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: orgId });
    const result = await http.gql(LOGIN, { input: { email: account.email.toUpperCase(), password: account.password } });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.login.viewer.role).toBe('FOCAL_POINT');
    const cookie = result.cookies.find((c) => c.startsWith('prachum_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).not.toMatch(/Secure/);
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    expect(secret.length).toBeGreaterThanOrEqual(43);
    // Only a hash of the cookie value is stored.
    const sessions = await db.orm.em.fork().find(SessionSchema, { account: account.id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toContain(secret);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);

    const me = await http.gql(ME, undefined, { cookie: cookie.split(';')[0] });
    expect(me.body.data?.me).toMatchObject({
      role: 'FOCAL_POINT',
      canWrite: true,
      email: account.email,
      organization: { acronym: 'MOI-T' },
    });
    const account2 = await db.orm.em.fork().findOneOrFail(AccountSchema, { id: account.id });
    expect(account2.lastLoginAt).toBeInstanceOf(Date);
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const result = await http.gql(
      LOGIN,
      { input: { email: account.email, password: account.password } },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(result.cookies.find((c) => c.startsWith('prachum_session='))).toMatch(/; Secure/);
    expect(result.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('answers me: null for anonymous visitors', async () => {
    const result = await http.gql(ME);
    expect(result.body).toEqual({ data: { me: null } });
  });

  it('gives the same error for an unknown e-mail and a wrong password, taking about the same time', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const attempt = async (email: string, remoteAddress: string) => {
      const started = performance.now();
      const result = await http.gql(
        LOGIN,
        { input: { email, password: 'not the password at all' } },
        { remoteAddress },
      );
      return { result, ms: performance.now() - started };
    };
    const wrongPassword = await attempt(account.email, '10.0.0.1');
    const unknown = await attempt('nobody@nowhere.example.org', '10.0.0.2');
    for (const { result } of [wrongPassword, unknown]) {
      expect(result.cookies).toEqual([]);
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          message: 'The e-mail address or the password is wrong',
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      ]);
    }
    expect(unknown.result.body).toEqual(wrongPassword.result.body);
    // Both verify an Argon2id hash (a dummy one for the unknown e-mail).
    const times = { wrong: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 3; i++) {
      times.wrong.push((await attempt(account.email, `10.0.1.${i}`)).ms);
      times.unknown.push((await attempt(`ghost${i}@nowhere.example.org`, `10.0.2.${i}`)).ms);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(median(times.unknown)).toBeGreaterThan(median(times.wrong) * 0.4);
    expect(median(times.unknown)).toBeLessThan(median(times.wrong) * 2.5);
  });

  it('refuses a deactivated account with the same error, even with the right password', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    await db.orm.em.fork().nativeUpdate(AccountSchema, { id: account.id }, { active: false });
    const result = await http.gql(LOGIN, { input: { email: account.email, password: account.password } });
    expect(result.body.errors?.[0]?.message).toBe('The e-mail address or the password is wrong');
  });

  it('throttles repeated failures for one account (RATE_LIMITED, Retry-After), even with the right password', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    for (let i = 0; i < 3; i++) {
      const result = await http.gql(
        LOGIN,
        { input: { email: account.email, password: 'wrong password here' } },
        { remoteAddress: `10.1.0.${i}` },
      );
      expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await http.gql(
      LOGIN,
      { input: { email: account.email, password: account.password } },
      { remoteAddress: '10.1.0.9' },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.cookies).toEqual([]);
  });

  it('throttles repeated failures from one address across accounts', async () => {
    for (let i = 0; i < 6; i++) {
      await http.gql(
        LOGIN,
        { input: { email: `someone${i}@x.example.org`, password: 'wrong password here' } },
        { remoteAddress: '10.2.0.1' },
      );
    }
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const blocked = await http.gql(
      LOGIN,
      { input: { email: account.email, password: account.password } },
      { remoteAddress: '10.2.0.1' },
    );
    expect(blocked.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    await expect(http.login(account.email, account.password, '10.2.0.2')).resolves.toMatch(/^prachum_session=/);
  });

  it('logout ends the session and clears the cookie', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(account.email, account.password);
    const result = await http.gql('mutation { logout }', undefined, { cookie });
    expect(result.body).toEqual({ data: { logout: true } });
    expect(result.cookies[0]).toMatch(/^prachum_session=; .*Max-Age=0/);
    expect((await http.gql(ME, undefined, { cookie })).body.data?.me).toBeNull();
    expect(await db.orm.em.fork().count(SessionSchema, { account: account.id })).toBe(0);
  });

  it('ends a session after the idle timeout', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(account.email, account.password);
    expect((await http.gql(ME, undefined, { cookie })).body.data?.me?.role).toBe('SECRETARIAT');
    await db.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { account: account.id }, { lastSeenAt: new Date(Date.now() - 2 * 3600_000 - 1000) });
    const result = await http.gql(ME, undefined, { cookie });
    expect(result.body.data?.me).toBeNull();
    expect(result.cookies[0]).toMatch(/^prachum_session=; /);
    expect(await db.orm.em.fork().count(SessionSchema, { account: account.id })).toBe(0);
  });

  it('ends a session at its absolute lifetime, however active', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(account.email, account.password);
    await db.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { account: account.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await http.gql(ME, undefined, { cookie })).body.data?.me).toBeNull();
    const write = await http.gql(CREATE_ORG, { acronym: 'LATE1' }, { cookie });
    expect(write.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ignores a forged session cookie', async () => {
    const result = await http.gql(ME, undefined, { cookie: 'prachum_session=forged-value-that-is-not-a-session' });
    expect(result.body.data?.me).toBeNull();
  });
});

describe('API tokens', () => {
  it('creates a token shown once, stored as a hash, listed by prefix, usable as Bearer', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(account.email, account.password);
    const created = await http.gql(CREATE_TOKEN, { input: { name: 'dashboard', scope: 'READ' } }, { cookie });
    expect(created.body.errors).toBeUndefined();
    const { token, apiToken } = created.body.data!.createApiToken;
    expect(token).toMatch(/^prc_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'dashboard', scope: 'READ', prefix: token.slice(0, 12), revokedAt: null });
    const stored = await db.orm.em.fork().find(ApiTokenSchema, { account: account.id });
    expect(JSON.stringify(stored)).not.toContain(token.slice(12));

    const me = await http.gql(ME, undefined, { token });
    expect(me.body.data?.me).toMatchObject({ role: 'SECRETARIAT', canWrite: false });
    const list = await http.gql('{ apiTokens { id name prefix lastUsedAt } }', undefined, { cookie });
    expect(list.body.data?.apiTokens).toEqual([
      expect.objectContaining({ id: apiToken.id, name: 'dashboard', prefix: token.slice(0, 12) }),
    ]);
    expect(list.body.data?.apiTokens[0].lastUsedAt).not.toBeNull();
    // The audit trail records the creation without the secret.
    const audit = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'ApiToken' });
    expect(JSON.stringify(audit)).not.toContain(token.slice(12));
  });

  it('a READ token never writes, whatever the role of its owner', async () => {
    const account = await createTestAccount(db, { role: 'ADMIN' });
    const read = await createTestToken(db, account.id, 'READ');
    const write = await createTestToken(db, account.id, 'WRITE');
    const refused = await http.gql(CREATE_ORG, { acronym: 'RO1' }, { token: read });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.orm.em.fork().count(OrganizationSchema, { acronym: 'RO1' })).toBe(0);
    const allowed = await http.gql(CREATE_ORG, { acronym: 'RW1' }, { token: write });
    expect(allowed.body.data?.createOrganization.organization.acronym).toBe('RW1');
    // Nor can it revoke or create tokens.
    const tokens = await db.orm.em.fork().find(ApiTokenSchema, { account: account.id });
    const revoke = await http.gql(REVOKE_TOKEN, { id: toGlobalId('ApiToken', tokens[0]!.id) }, { token: read });
    expect(revoke.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a token cannot create more tokens (sessions only)', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const write = await createTestToken(db, account.id, 'WRITE');
    const result = await http.gql(CREATE_TOKEN, { input: { name: 'more', scope: 'WRITE' } }, { token: write });
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an unknown, malformed, revoked or expired token with 401', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const cookie = await http.login(account.email, account.password);
    const created = await http.gql(
      CREATE_TOKEN,
      { input: { name: 'short-lived', scope: 'READ', expiresAt: new Date(Date.now() + 60_000).toISOString() } },
      { cookie },
    );
    const { token, apiToken } = created.body.data!.createApiToken;
    expect((await http.gql(ME, undefined, { token })).body.data?.me.role).toBe('PARTNER');

    await db.orm.em
      .fork()
      .nativeUpdate(ApiTokenSchema, { prefix: apiToken.prefix }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await http.gql(ME, undefined, { token });
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toMatch(/Bearer/);
    expect(expired.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    for (const bad of [`prc_${'A'.repeat(43)}`, 'garbage']) {
      const result = await http.gql(ME, undefined, { token: bad });
      expect(result.status).toBe(401);
    }
    const basic = await http.gql(ME, undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('revokes a token at once; others cannot see or revoke it', async () => {
    const owner = await createTestAccount(db, { role: 'PARTNER' });
    const other = await createTestAccount(db, { role: 'SECRETARIAT' });
    const ownerCookie = await http.login(owner.email, owner.password);
    const otherCookie = await http.login(other.email, other.password);
    const created = await http.gql(CREATE_TOKEN, { input: { name: 'script', scope: 'READ' } }, { cookie: ownerCookie });
    const { token, apiToken } = created.body.data!.createApiToken;

    const stranger = await http.gql(REVOKE_TOKEN, { id: apiToken.id }, { cookie: otherCookie });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const node = await http.gql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: apiToken.id },
      { cookie: otherCookie },
    );
    expect(node.body.data?.node).toBeNull();
    const others = await http.gql(
      'query($a: ID) { apiTokens(accountId: $a) { id } }',
      { a: toGlobalId('Account', owner.id) },
      { cookie: otherCookie },
    );
    expect(others.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const revoked = await http.gql(REVOKE_TOKEN, { id: apiToken.id }, { cookie: ownerCookie });
    expect(revoked.body.data?.revokeApiToken.apiToken.revokedAt).toEqual(expect.any(String));
    expect((await http.gql(ME, undefined, { token })).status).toBe(401);
  });

  it('an administrator sees and revokes the tokens of others', async () => {
    const owner = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: orgId });
    const token = await createTestToken(db, owner.id, 'READ');
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    const list = await http.gql(
      'query($a: ID) { apiTokens(accountId: $a) { id prefix } }',
      { a: toGlobalId('Account', owner.id) },
      { cookie },
    );
    expect(list.body.data?.apiTokens).toEqual([expect.objectContaining({ prefix: token.slice(0, 12) })]);
    const revoked = await http.gql(REVOKE_TOKEN, { id: list.body.data!.apiTokens[0].id }, { cookie });
    expect(revoked.body.errors).toBeUndefined();
    expect((await http.gql(ME, undefined, { token })).status).toBe(401);
  });

  it('checks token input', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const cookie = await http.login(account.email, account.password);
    const result = await http.gql(
      CREATE_TOKEN,
      { input: { name: '  ', scope: 'READ', expiresAt: '2001-01-01T00:00:00Z' } },
      { cookie },
    );
    expect(result.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        expect.objectContaining({ field: 'name' }),
        expect.objectContaining({ field: 'expiresAt' }),
      ]),
    });
    const anonymous = await http.gql(CREATE_TOKEN, { input: { name: 'x', scope: 'READ' } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('accounts (administrators)', () => {
  const CREATE_ACCOUNT =
    'mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id email role active person { fullName organization { acronym } } } } }';

  it('creates an account with its person, lists it, and the new user can sign in', async () => {
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    const created = await http.gql(
      CREATE_ACCOUNT,
      {
        input: {
          email: 'New.Focal@MOI.example.org',
          password: 'a long enough passphrase',
          role: 'FOCAL_POINT',
          fullName: 'Sok Dara',
          organizationId: toGlobalId('Organization', orgId),
        },
      },
      { cookie },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createAccount.account).toMatchObject({
      email: 'new.focal@moi.example.org',
      role: 'FOCAL_POINT',
      active: true,
      person: { fullName: 'Sok Dara', organization: { acronym: 'MOI-T' } },
    });
    const list = await http.gql(
      '{ accounts(filter: { search: "new.focal" }) { totalCount nodes { email } } }',
      undefined,
      { cookie },
    );
    expect(list.body.data?.accounts).toEqual({ totalCount: 1, nodes: [{ email: 'new.focal@moi.example.org' }] });
    await expect(http.login('new.focal@moi.example.org', 'a long enough passphrase')).resolves.toBeTruthy();
    const audit = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Account' });
    expect(JSON.stringify(audit)).not.toContain('passphrase');
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('refuses weak passwords, bad e-mails, duplicates, and leaves nothing behind', async () => {
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    const before = await db.orm.em.fork().count(AuditEventSchema, {});
    for (const [password, message] of [
      ['short', /at least 12/],
      ['password1234', /too common/],
      ['aaaaaaaaaaaaaaaa', /too common/],
    ] as const) {
      const result = await http.gql(
        CREATE_ACCOUNT,
        { input: { email: 'weak@x.example.org', password, role: 'PARTNER' } },
        { cookie },
      );
      expect(result.body.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'password', message: expect.stringMatching(message), code: 'INVALID' },
      ]);
    }
    const duplicate = await http.gql(
      CREATE_ACCOUNT,
      { input: { email: admin.email, password: 'another long password', role: 'PARTNER' } },
      { cookie },
    );
    expect(duplicate.body.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'email', message: 'already has an account', code: 'DUPLICATE' },
    ]);
    const bad = await http.gql(
      CREATE_ACCOUNT,
      { input: { email: 'not-an-email', password: 'another long password', role: 'FOCAL_POINT' } },
      { cookie },
    );
    expect(bad.body.errors?.[0]?.extensions?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'email' }),
        expect.objectContaining({ field: 'organizationId' }),
      ]),
    );
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(before);
    expect(await db.orm.em.fork().count(AccountSchema, { email: 'weak@x.example.org' })).toBe(0);
  });

  it('only administrators manage accounts', async () => {
    const secretariat = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(secretariat.email, secretariat.password);
    const list = await http.gql('{ accounts { totalCount } }', undefined, { cookie });
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await http.gql(
      CREATE_ACCOUNT,
      { input: { email: 'x@y.example.org', password: 'another long password', role: 'ADMIN' } },
      { cookie },
    );
    expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await http.gql('{ accounts { totalCount } }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('deactivating an account ends its sessions and tokens at once', async () => {
    const user = await createTestAccount(db, { role: 'SECRETARIAT' });
    const userCookie = await http.login(user.email, user.password);
    const token = await createTestToken(db, user.id, 'WRITE');
    expect((await http.gql(ME, undefined, { token })).body.data?.me.role).toBe('SECRETARIAT');

    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    const result = await http.gql(
      'mutation($id: ID!) { deactivateAccount(input: { id: $id }) { account { active } } }',
      { id: toGlobalId('Account', user.id) },
      { cookie },
    );
    expect(result.body.data?.deactivateAccount.account.active).toBe(false);
    expect((await http.gql(ME, undefined, { cookie: userCookie })).body.data?.me).toBeNull();
    expect((await http.gql(ME, undefined, { token })).status).toBe(401);
    expect(await db.orm.em.fork().count(SessionSchema, { account: user.id })).toBe(0);
    expect(await db.orm.em.fork().count(ApiTokenSchema, { account: user.id, revokedAt: null })).toBe(0);
    await expect(http.login(user.email, user.password)).rejects.toThrow(/login failed/);
  });

  it('a role change takes effect on the next request', async () => {
    const user = await createTestAccount(db, { role: 'SECRETARIAT' });
    const userCookie = await http.login(user.email, user.password);
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    await http.gql(
      'mutation($id: ID!) { updateAccount(input: { id: $id, role: PARTNER }) { account { role } } }',
      { id: toGlobalId('Account', user.id) },
      { cookie },
    );
    expect((await http.gql(ME, undefined, { cookie: userCookie })).body.data?.me.role).toBe('PARTNER');
    const write = await http.gql(CREATE_ORG, { acronym: 'DEMOTED' }, { cookie: userCookie });
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an administrator cannot lock themselves out', async () => {
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const cookie = await http.login(admin.email, admin.password);
    const result = await http.gql(
      'mutation($id: ID!) { deactivateAccount(input: { id: $id }) { account { active } } }',
      { id: toGlobalId('Account', admin.id) },
      { cookie },
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('changing your own password ends your other sessions', async () => {
    const user = await createTestAccount(db, { role: 'PARTNER' });
    const first = await http.login(user.email, user.password);
    const second = await http.login(user.email, user.password);
    const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
    const wrong = await http.gql(
      CHANGE,
      { input: { currentPassword: 'not my password', newPassword: 'short' } },
      { cookie: first },
    );
    expect(wrong.body.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'currentPassword' }),
      expect.objectContaining({ field: 'newPassword' }),
    ]);
    const ok = await http.gql(
      CHANGE,
      { input: { currentPassword: user.password, newPassword: 'a brand new passphrase' } },
      { cookie: first },
    );
    expect(ok.body.data?.changePassword).toBe(true);
    expect((await http.gql(ME, undefined, { cookie: first })).body.data?.me.role).toBe('PARTNER');
    expect((await http.gql(ME, undefined, { cookie: second })).body.data?.me).toBeNull();
    await expect(http.login(user.email, 'a brand new passphrase')).resolves.toBeTruthy();
  });
});
