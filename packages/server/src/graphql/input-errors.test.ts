import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestHttp } from '../../test/http.js';
import { secretariat } from '../../test/viewers.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import { commitmentFixtures } from '../modules/commitments/commitment.fixtures.js';
import { MeetingSchema } from '../modules/meetings/meeting.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let organizer: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm, { production: true });
  organizer = await commitmentFixtures(db.orm).organization('NCCT', { kind: 'COMMITTEE' });
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
