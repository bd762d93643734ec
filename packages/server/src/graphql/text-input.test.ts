import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import { testFactories } from '../test-support/factories.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';

let db: TestDatabase;
let http: TestHttp;
let token: string;
let admin: string;
let ncct: { id: string; gid: string };
let commitment: { gid: string; version: number };

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true });
  const f = testFactories(db.orm);
  ncct = await f.organization('NCCT', { kind: 'COMMITTEE' });
  const created = await f.commitment({ lead: ncct.id, title: 'Draft the referral guideline' });
  commitment = { gid: created.gid, version: 1 };
  token = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'WRITE');
  admin = await createTestToken(db, (await createTestAccount(db, { role: 'ADMIN' })).id, 'WRITE');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

/** Broken text in its many forms: lone high and low surrogates, a reversed pair, U+0000. */
const BROKEN = ['\ud800', 'a\udbffb', '\udc00', 'x\udfff\ud800y', 'ok\u0000', '\u0000'];

/** Mutations and queries with a text field each, as variables. */
const CASES: { name: string; query: string; variables: (text: string) => Record<string, unknown>; field: string }[] = [
  {
    name: 'createMeeting title',
    query: 'mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }',
    variables: (title) => ({
      input: { title, kind: 'PLENARY', startsAt: '2024-01-01T02:00:00Z', organizerId: ncct.gid },
    }),
    field: 'title',
  },
  {
    name: 'createOrganization nameKm',
    query: 'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }',
    variables: (nameKm) => ({ input: { acronym: 'MOI', nameKm, kind: 'GOVERNMENT' } }),
    field: 'nameKm',
  },
  {
    name: 'createPerson fullName',
    query: 'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
    variables: (fullName) => ({ input: { fullName, organizationId: ncct.gid } }),
    field: 'fullName',
  },
  {
    name: 'createCommitment description',
    query: 'mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }',
    variables: (description) => ({ input: { title: 'x', description, leadOrganizationId: ncct.gid } }),
    field: 'description',
  },
  {
    name: 'addProgressUpdate evidence title',
    query: 'mutation ($input: AddProgressUpdateInput!) { addProgressUpdate(input: $input) { update { id } } }',
    variables: (title) => ({
      input: {
        commitmentId: commitment.gid,
        version: commitment.version,
        evidence: [
          { url: 'https://example.org/a', title: 'fine' },
          { url: 'https://example.org/b', title },
        ],
      },
    }),
    field: 'evidence[1].title',
  },
  {
    name: 'commitments search',
    query: 'query ($q: String) { commitments(filter: { search: $q }) { totalCount } }',
    variables: (q) => ({ q }),
    field: 'filter.search',
  },
  {
    name: 'login email',
    query: 'mutation ($input: LoginInput!) { login(input: $input) { viewer { role } } }',
    variables: (email) => ({ input: { email, password: 'whatever it is' } }),
    field: 'email',
  },
];

describe('broken text is refused where it enters GraphQL, naming the field', () => {
  it.each(CASES)('$name: lone surrogates and NUL in variables are BAD_USER_INPUT (400), nothing written', async (c) => {
    const audit = await db.orm.em.fork().count(AuditEventSchema, {});
    for (const text of BROKEN) {
      const result = await http.gql(c.query, c.variables(text), { token });
      expect(result.status, JSON.stringify(text)).toBe(400);
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [expect.objectContaining({ field: c.field, code: 'INVALID_CHARACTER' })],
          },
        }),
      ]);
    }
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(audit);
  });

  it('in the document: escapes of lone surrogates are syntax errors, NUL escapes name their field', async () => {
    const surrogate = await http.gql(`{ commitments(filter: { search: "\\ud800" }) { totalCount } }`, undefined, {
      token,
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const raw = await http.gql(`{ commitments(filter: { search: "\ud800" }) { totalCount } }`, undefined, { token });
    expect(raw.status).toBe(400);
    const nul = await http.gql(
      `mutation { addProgressUpdate(input: { commitmentId: "${commitment.gid}", version: 1, evidence: [{ url: "https://example.org", title: "ok" }, { url: "https://example.org", title: "a\\u0000" }] }) { update { id } } }`,
      undefined,
      { token },
    );
    expect(nul.status).toBe(400);
    expect(nul.body.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'evidence[1].title', code: 'INVALID_CHARACTER' }),
    ]);
    // A variable's default value is checked as the variable is.
    const fallback = await http.gql(
      'query ($q: String = "x\\u0000") { meetings(filter: { search: $q }) { totalCount } }',
      {},
      { token },
    );
    expect(fallback.body.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'filter.search', code: 'INVALID_CHARACTER' }),
    ]);
  });
});

describe('text goes on in Unicode normalisation form C', () => {
  const decomposed = 'Cafe\u0301 ក\u17B6\u17C6'; // e + combining acute; Khmer vowel signs
  const composed = decomposed.normalize('NFC');

  it('from variables and from the document alike, and a search in either form finds it', async () => {
    expect(composed).not.toBe(decomposed);
    const fromVariables = await http.gql(
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id name } } }',
      { input: { acronym: 'NFC-V', name: decomposed, kind: 'NGO' } },
      { token },
    );
    expect(fromVariables.body.data?.createOrganization.organization.name).toBe(composed);
    const fromDocument = await http.gql(
      `mutation { createOrganization(input: { acronym: "NFC-D", name: "${decomposed}", kind: NGO }) { organization { name } } }`,
      undefined,
      { token },
    );
    expect(fromDocument.body.data?.createOrganization.organization.name).toBe(composed);
    const stored = await db.orm.em.fork().find(OrganizationSchema, { acronym: { $in: ['NFC-V', 'NFC-D'] } });
    expect(stored.map((o) => o.name)).toEqual([composed, composed]);
    for (const form of [decomposed, composed]) {
      const found = await http.gql(
        'query ($q: String) { organizations(filter: { search: $q }) { totalCount } }',
        { q: form },
        { token },
      );
      expect(found.body.data?.organizations.totalCount).toBe(2);
    }
  });

  it('but passwords are kept as typed', async () => {
    const password = 'pass phrase with e\u0301 in it';
    const created = await http.gql(
      'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }',
      { input: { email: 'typed@example.org', password, role: 'PARTNER', fullName: 'Typed' } },
      { token: admin },
    );
    expect(created.body.errors).toBeUndefined();
    await expect(http.login('typed@example.org', password)).resolves.toMatch(/^prachum_session=/);
    await expect(http.login('typed@example.org', password.normalize('NFC'))).rejects.toThrow(/login failed/);
  });
});
