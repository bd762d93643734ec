import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestHttp } from '../../test/http.js';
import { partner, secretariat } from '../../test/viewers.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import { testFactories } from '../test-support/factories.js';
import { MeetingSchema } from '../modules/meetings/meeting.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let organizer: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm, { production: true });
  organizer = await testFactories(db.orm).organization('NCCT', { kind: 'COMMITTEE' });
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const CREATE_MEETING = `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }`;
const CREATE_COMMITMENT = `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }`;
const COMMITMENTS = `query ($filter: CommitmentFilter) { commitments(filter: $filter) { totalCount } }`;

const meetingInput = (extra: Record<string, unknown> = {}) => ({
  title: 'Review',
  kind: 'PLENARY',
  startsAt: '2024-01-01T02:00:00Z',
  organizerId: organizer.gid,
  ...extra,
});

const fields = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.flatMap((e) => (e.extensions?.fields ?? []).map((f: { field: string }) => f.field));

const codes = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.map((e) => e.extensions?.code);

describe('text with a NUL character (PostgreSQL cannot store U+0000)', () => {
  it('is refused as BAD_USER_INPUT naming the field, in variables and in the document, writing nothing', async () => {
    const before = await db.orm.em.fork().count(AuditEventSchema, {});
    const inVariables = await api.run(secretariat, CREATE_MEETING, { input: meetingInput({ titleKm: 'ប្រជុំ\u0000' }) });
    expect(codes(inVariables)).toEqual(['BAD_USER_INPUT']);
    expect(fields(inVariables)).toEqual(['titleKm']);

    const inDocument = await api.run(
      secretariat,
      `mutation { createMeeting(input: { title: "a\\u0000b", kind: PLENARY, startsAt: "2024-01-01T02:00:00Z", organizerId: "${organizer.gid}" }) { meeting { id } } }`,
    );
    expect(codes(inDocument)).toEqual(['BAD_USER_INPUT']);
    expect(fields(inDocument)).toEqual(['title']);

    const evidence = await api.run(
      secretariat,
      `mutation ($input: AddProgressUpdateInput!) { addProgressUpdate(input: $input) { update { id } } }`,
      { input: { commitmentId: 'x', version: 1, evidence: [{ url: 'https://example.org', title: 'a\u0000' }] } },
    );
    expect(fields(evidence)).toEqual(['evidence[0].title']);

    expect(await db.orm.em.fork().count(MeetingSchema, {})).toBe(0);
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(before);
  });

  it('is refused in searches of every list', async () => {
    for (const list of ['commitments', 'meetings', 'people', 'organizations']) {
      const result = await api.run(secretariat, `{ ${list}(filter: { search: "50\\u0000%" }) { totalCount } }`);
      expect(codes(result), list).toEqual(['BAD_USER_INPUT']);
      expect(fields(result), list).toEqual(['filter.search']);
    }
    const audit = await api.run(
      secretariat,
      `query ($t: String) { auditEvents(filter: { entityType: $t }) { totalCount } }`,
      {
        t: 'Meeting\u0000',
      },
    );
    expect(fields(audit)).toEqual(['filter.entityType']);
  });

  it('answers 400 over HTTP, also to a sign-in attempt, and the server goes on serving', async () => {
    const http = await createTestHttp(db, { production: true });
    try {
      const login = await http.gql('mutation ($input: LoginInput!) { login(input: $input) { viewer { role } } }', {
        input: { email: 'a\u0000@example.org', password: 'whatever it is' },
      });
      expect(login.status).toBe(400);
      expect(login.body.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'email', message: expect.stringContaining('NUL'), code: 'INVALID_CHARACTER' }],
      });
      const after = await http.gql('{ me { role } }');
      expect(after.status).toBe(200);
      expect(after.body).toEqual({ data: { me: null } });
    } finally {
      await http.close();
    }
  });
});

describe('dates PostgreSQL cannot store', () => {
  it('refuses the year 0000 in Date and DateTime values as client errors, never INTERNAL_SERVER_ERROR', async () => {
    const due = await api.run(secretariat, CREATE_COMMITMENT, {
      input: { title: 'x', leadOrganizationId: organizer.gid, dueDate: '0000-01-01' },
    });
    expect(codes(due)).toEqual(['BAD_USER_INPUT']);
    expect(fields(due)).toEqual(['dueDate']);

    const filter = await api.run(secretariat, COMMITMENTS, { filter: { dueFrom: '0000-12-31' } });
    expect(fields(filter)).toEqual(['filter.dueFrom']);

    const instant = await api.run(
      secretariat,
      `query ($from: DateTime) { meetings(filter: { from: $from }) { totalCount } }`,
      {
        from: '0000-06-01T00:00:00Z',
      },
    );
    expect(fields(instant)).toEqual(['filter.from']);

    for (const literal of [
      `{ commitments(filter: { dueTo: "0000-01-01" }) { totalCount } }`,
      `{ auditEvents(filter: { from: "0000-01-01T00:00:00Z" }) { totalCount } }`,
    ]) {
      const result = await api.run(secretariat, literal);
      expect(codes(result)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(result.errors).toHaveLength(1);
    }
    // The first and last years that are stored fine.
    expect(
      (await api.run(secretariat, COMMITMENTS, { filter: { dueFrom: '0001-01-01', dueTo: '9999-12-31' } })).errors,
    ).toBeUndefined();
  });
});

describe('variables GraphQL itself refuses', () => {
  it('name the field like the services do: unknown enum values, malformed dates, missing fields', async () => {
    const meeting = await api.run(secretariat, CREATE_MEETING, {
      input: { kind: 'SUMMIT', startsAt: 'tomorrow', organizerId: organizer.gid },
    });
    expect(codes(meeting)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(fields(meeting)).toEqual(['kind', 'startsAt']);

    const missing = await api.run(secretariat, CREATE_MEETING, {
      input: { startsAt: '2024-01-01T02:00:00Z', organizerId: organizer.gid },
    });
    expect(fields(missing)).toEqual(['kind']);

    const noInput = await api.run(secretariat, CREATE_MEETING, {});
    expect(codes(noInput)).toEqual(['BAD_USER_INPUT']);
    expect(fields(noInput)).toEqual(['input']);

    const filter = await api.run(secretariat, COMMITMENTS, { filter: { status: ['DONE'], dueTo: '2024-02-30' } });
    expect(fields(filter)).toEqual(['filter.status[0]', 'filter.dueTo']);

    const separate = await api.run(
      secretariat,
      `query ($status: [CommitmentStatus!]) { commitments(filter: { status: $status }) { totalCount } }`,
      { status: ['OPEN'] },
    );
    expect(fields(separate)).toEqual(['filter.status[0]']);
  });
});

describe('unexpected errors in production', () => {
  it('are masked: INTERNAL_SERVER_ERROR with no SQL, no table names and no stack trace', async () => {
    const broken = await createTestDatabase();
    const http = await createTestHttp(broken, { production: true, publicRead: true });
    try {
      // Simulates a database fault the code does not expect.
      await broken.orm.em.fork().getConnection().execute('alter table organization rename to organization_gone');
      const result = await http.gql('{ organizations { totalCount } }');
      expect(result.body.errors).toEqual([
        { message: 'Internal server error', path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(JSON.stringify(result.body)).not.toMatch(/select|organization"|relation|stack|\.ts:\d+/i);
    } finally {
      await http.close();
      await broken.drop();
    }
  });
});

/** Each field problem of a result as `field code`. */
const fieldCodes = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.flatMap((e) =>
    (e.extensions?.fields ?? []).map((f: { field: string; code: string }) => `${f.field} ${f.code}`),
  );

describe('field problems carry a machine code beside the field and the message', () => {
  it('for variables GraphQL itself refuses, read from graphql-js’s structure and not its messages', async () => {
    const meeting = await api.run(secretariat, CREATE_MEETING, {
      input: { kind: 'SUMMIT', startsAt: 'tomorrow', organizerId: organizer.gid, colour: 'red' },
    });
    expect(fieldCodes(meeting)).toEqual(['kind INVALID_CHOICE', 'startsAt INVALID_DATE', 'colour UNKNOWN_FIELD']);
    for (const error of meeting.errors ?? []) {
      expect(error.extensions?.fields).toEqual([
        { field: expect.any(String), message: expect.any(String), code: expect.any(String) },
      ]);
    }

    const missing = await api.run(secretariat, CREATE_MEETING, {
      input: { kind: null, startsAt: '2024-01-01T02:00:00Z' },
    });
    expect(fieldCodes(missing)).toEqual(['kind REQUIRED', 'organizerId REQUIRED']);
    expect(fieldCodes(await api.run(secretariat, CREATE_MEETING, {}))).toEqual(['input REQUIRED']);
    expect(fieldCodes(await api.run(secretariat, CREATE_MEETING, { input: null }))).toEqual(['input REQUIRED']);
    expect(fieldCodes(await api.run(secretariat, CREATE_MEETING, { input: 'meeting' }))).toEqual([
      'input INVALID_FORMAT',
    ]);

    const filter = await api.run(secretariat, COMMITMENTS, {
      filter: { status: ['IN_PROGRESS', 'DONE'], dueFrom: '0000-12-31', dueTo: '2024-02-30' },
    });
    expect(fieldCodes(filter)).toEqual([
      'filter.status[1] INVALID_CHOICE',
      'filter.dueFrom OUT_OF_RANGE',
      'filter.dueTo INVALID_DATE',
    ]);
    const huge = await api.run(secretariat, 'query ($n: Int) { organizations(first: $n) { totalCount } }', {
      n: 2 ** 31,
    });
    expect(fieldCodes(huge)).toEqual(['first OUT_OF_RANGE']);
  });

  it('for what the services refuse, through the validation helpers', async () => {
    const tooLong = await api.run(secretariat, CREATE_MEETING, { input: meetingInput({ title: 'x'.repeat(501) }) });
    expect(fieldCodes(tooLong)).toEqual(['title TOO_LONG']);
    const noTitle = await api.run(secretariat, CREATE_MEETING, { input: meetingInput({ title: ' ' }) });
    expect(fieldCodes(noTitle)).toEqual(['title REQUIRED']);
    const wrongId = await api.run(secretariat, CREATE_MEETING, { input: meetingInput({ organizerId: 'nope' }) });
    expect(fieldCodes(wrongId)).toEqual(['organizerId INVALID_FORMAT']);
    const evidence = await api.run(
      secretariat,
      `mutation ($input: AddProgressUpdateInput!) { addProgressUpdate(input: $input) { update { id } } }`,
      { input: { commitmentId: 'x', version: 1, evidence: [{ url: 'ftp://example.org/a', title: 'a\u0000' }] } },
    );
    expect(fieldCodes(evidence)).toEqual(['evidence[0].title INVALID_CHARACTER']);
    const page = await api.run(secretariat, '{ organizations(first: 101) { totalCount } }');
    expect(fieldCodes(page)).toEqual(['first OUT_OF_RANGE']);
    const reversed = await api.run(
      secretariat,
      '{ auditEvents(filter: { from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" }) { totalCount } }',
    );
    expect(fieldCodes(reversed)).toEqual(['filter.to END_BEFORE_START']);
  });

  it('keep graphql-js’s "Did you mean …?" from viewers who get no suggestions (production, not staff)', async () => {
    const input = { input: meetingInput({ kind: 'PLENRY' }) };
    const staff = await api.run(secretariat, CREATE_MEETING, input);
    expect(staff.errors?.[0]?.extensions?.fields[0].message).toMatch(/Did you mean/);
    const other = await api.run(partner, CREATE_MEETING, input);
    expect(fieldCodes(other)).toEqual(['kind INVALID_CHOICE']);
    expect(JSON.stringify(other.errors)).not.toMatch(/Did you mean|PLENARY/);
  });
});
