import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { anonymous } from '../../auth/viewer.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { CommitmentSchema } from './commitment.entity.js';
import { commitmentFixtures, daysFromToday } from './commitment.fixtures.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let publicApi: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof commitmentFixtures>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  publicApi = await createTestApi(db.orm, { publicRead: true });
  f = commitmentFixtures(db.orm);
});
afterAll(async () => {
  await api?.stop();
  await publicApi?.stop();
  await db?.drop();
});

const LIST = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: CommitmentFilter, $orderBy: CommitmentOrder) {
  commitments(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor }
    nodes { reference isOverdue }
  }
}`;

/** The global id of another (non-existent) commitment: one character of its uuid part changed. */
const otherId = (gid: string) => {
  const at = gid.length - 10;
  return `${gid.slice(0, at)}${gid[at] === 'A' ? 'B' : 'A'}${gid.slice(at + 1)}`;
};
const refs = (result: any) => result.data?.commitments.nodes.map((n: { reference: string }) => n.reference);

describe('reading commitments', () => {
  // A small world: six commitments with every kind of visibility, origin and link.
  let w: Record<string, any>;

  beforeAll(async () => {
    const ncct = await f.organization('NCCT', { kind: 'COMMITTEE' });
    const moi = await f.organization('MOI', { name: 'Ministry of Interior', nameKm: 'ក្រសួងមហាផ្ទៃ' });
    const molvt = await f.organization('MOLVT', { name: 'Ministry of Labour' });
    const moiFocal = await f.person(moi.id, 'Sok Dara');
    const mInternal = await f.meeting(ncct.id, '2023-11-01T02:00:00Z', 'INTERNAL');
    const mPublic = await f.meeting(ncct.id, '2024-02-01T02:00:00Z', 'PUBLIC');
    const mPartners = await f.meeting(ncct.id, '2024-03-01T02:00:00Z', 'PARTNERS');
    const decision = await f.decision(mPublic.id);
    const [goal1, goal2] = await f.plan([
      { title: 'Evidence and data', objectives: ['1.1', '1.2'] },
      { title: 'Border management', objectives: ['2.1'] },
    ]);
    const a = await f.commitment({
      reference: 'REF-A',
      lead: moi.id,
      title: 'Strengthen cooperation with IOM',
      titleKm: 'ពង្រឹងកិច្ចសហប្រតិបត្តិការជាមួយ IOM',
      dueDate: daysFromToday(-3),
      status: 'IN_PROGRESS',
      progress: 40,
      visibility: 'PUBLIC',
      meeting: mPublic.id,
      decision: decision.id,
      assignee: moiFocal.id,
      gcmObjectives: [1, 23],
      planObjectives: [goal1.objectives[0].id],
    });
    const b = await f.commitment({
      reference: 'REF-B',
      lead: molvt.id,
      supporters: [moi.id],
      title: 'Raise 100% of the budget',
      dueDate: daysFromToday(10),
      visibility: 'PARTNERS',
      meeting: mPartners.id,
      gcmObjectives: [23],
      planObjectives: [goal1.objectives[0].id, goal2.objectives[0].id],
    });
    const c = await f.commitment({
      reference: 'REF-C',
      lead: moi.id,
      title: 'Internal follow_up',
      description: 'Train 1000 officers',
      status: 'AT_RISK',
      progress: 10,
      visibility: 'INTERNAL',
      meeting: mInternal.id,
    });
    const d = await f.commitment({
      reference: 'REF-D',
      lead: molvt.id,
      title: 'Follow-up of border checks',
      visibility: 'PUBLIC',
      meeting: mInternal.id,
    });
    const e = await f.commitment({
      reference: 'REF-E',
      lead: ncct.id,
      title: 'Publish the annual report',
      status: 'COMPLETED',
      progress: 100,
      dueDate: daysFromToday(-30),
      visibility: 'PUBLIC',
    });
    const ff = await f.commitment({
      reference: 'REF-F',
      lead: molvt.id,
      title: 'Dropped study',
      status: 'CANCELLED',
      dueDate: daysFromToday(-5),
      visibility: 'PARTNERS',
    });
    w = { ncct, moi, molvt, moiFocal, mInternal, mPublic, mPartners, decision, goal1, goal2, a, b, c, d, e, f: ff };
  });

  it('lists by due date (undated last, then reference) with the overdue flag', async () => {
    const result = await api.run(secretariat, LIST);
    expect(result.errors).toBeUndefined();
    expect(result.data!.commitments.nodes).toEqual([
      { reference: 'REF-E', isOverdue: false },
      { reference: 'REF-F', isOverdue: false },
      { reference: 'REF-A', isOverdue: true },
      { reference: 'REF-B', isOverdue: false },
      { reference: 'REF-C', isOverdue: false },
      { reference: 'REF-D', isOverdue: false },
    ]);
    expect(result.data!.commitments.totalCount).toBe(6);
  });

  it('sorts by reference, progress and update time in either direction', async () => {
    expect(refs(await api.run(secretariat, LIST, { orderBy: { field: 'REFERENCE', direction: 'DESC' } }))).toEqual([
      'REF-F',
      'REF-E',
      'REF-D',
      'REF-C',
      'REF-B',
      'REF-A',
    ]);
    expect(
      refs(await api.run(secretariat, LIST, { orderBy: { field: 'PROGRESS', direction: 'DESC' } })).slice(0, 3),
    ).toEqual(['REF-E', 'REF-A', 'REF-C']);
    expect(refs(await api.run(secretariat, LIST, { orderBy: { field: 'UPDATED_AT', direction: 'DESC' } }))[0]).toBe(
      'REF-F',
    );
  });

  it('pages forwards with first/after and backwards with last/before', async () => {
    const page1 = await api.run(secretariat, LIST, { first: 2 });
    expect(refs(page1)).toEqual(['REF-E', 'REF-F']);
    expect(page1.data!.commitments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = await api.run(secretariat, LIST, { first: 2, after: page1.data!.commitments.pageInfo.endCursor });
    expect(refs(page2)).toEqual(['REF-A', 'REF-B']);
    expect(page2.data!.commitments.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const lastPage = await api.run(secretariat, LIST, { last: 2 });
    expect(refs(lastPage)).toEqual(['REF-C', 'REF-D']);
    expect(lastPage.data!.commitments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await api.run(secretariat, LIST, {
      last: 2,
      before: lastPage.data!.commitments.pageInfo.startCursor,
    });
    expect(refs(before)).toEqual(['REF-A', 'REF-B']);
    expect(before.data!.commitments.totalCount).toBe(6);

    const tooMany = await api.run(secretariat, LIST, { first: 101 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
  });

  it('filters by status, organisations, assignee, meeting, plan and GCM objective', async () => {
    const run = async (filter: Record<string, unknown>) => refs(await api.run(secretariat, LIST, { filter }));
    expect(await run({ status: ['IN_PROGRESS', 'AT_RISK'] })).toEqual(['REF-A', 'REF-C']);
    expect(await run({ leadOrganizationId: w.moi.gid })).toEqual(['REF-A', 'REF-C']);
    expect(await run({ organizationId: w.moi.gid })).toEqual(['REF-A', 'REF-B', 'REF-C']);
    expect(await run({ assigneeId: w.moiFocal.gid })).toEqual(['REF-A']);
    expect(await run({ meetingId: w.mInternal.gid })).toEqual(['REF-C', 'REF-D']);
    expect(await run({ planObjectiveId: w.goal1.objectives[0].gid })).toEqual(['REF-A', 'REF-B']);
    expect(await run({ planObjectiveId: w.goal2.objectives[0].gid })).toEqual(['REF-B']);
    expect(await run({ gcmObjective: 23 })).toEqual(['REF-A', 'REF-B']);
    expect(await run({ gcmObjective: 1, organizationId: w.molvt.gid })).toEqual([]);
  });

  it('filters overdue ones (open and due before today in Phnom Penh) and by due date range', async () => {
    const run = async (filter: Record<string, unknown>) => refs(await api.run(secretariat, LIST, { filter }));
    expect(await run({ overdue: true })).toEqual(['REF-A']);
    expect(await run({ overdue: false })).toEqual(['REF-E', 'REF-F', 'REF-B', 'REF-C', 'REF-D']);
    expect(await run({ dueFrom: daysFromToday(-10), dueTo: daysFromToday(1) })).toEqual(['REF-F', 'REF-A']);
    expect(await run({ dueFrom: daysFromToday(0) })).toEqual(['REF-B']);
  });

  it('searches English and Khmer text and the reference, with % and _ taken literally', async () => {
    const run = async (search: string) => refs(await api.run(secretariat, LIST, { filter: { search } }));
    expect(await run('សហប្រតិបត្តិការ')).toEqual(['REF-A']);
    expect(await run('COOPERATION')).toEqual(['REF-A']);
    expect(await run('100%')).toEqual(['REF-B']);
    expect(await run('follow_up')).toEqual(['REF-C']);
    expect(await run('officers')).toEqual(['REF-C']);
    expect(await run('ref-d')).toEqual(['REF-D']);
  });

  it('reports every malformed filter id at once', async () => {
    const result = await api.run(secretariat, LIST, {
      filter: { leadOrganizationId: 'nope', meetingId: w.moi.gid, gcmObjective: 24 },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields.map((x: { field: string }) => x.field).sort()).toEqual([
      'filter.gcmObjective',
      'filter.leadOrganizationId',
      'filter.meetingId',
    ]);
    const reversed = await api.run(secretariat, LIST, { filter: { dueFrom: '2024-03-01', dueTo: '2024-02-01' } });
    expect(reversed.errors?.[0].extensions?.fields).toEqual([
      { field: 'filter.dueTo', message: 'must not be before dueFrom', code: 'END_BEFORE_START' },
    ]);
  });

  it('shows each viewer only what they may see, in lists, totals and node()', async () => {
    const seen = async (viewer: any, client = api) => {
      const result = await client.run(viewer, LIST);
      expect(result.errors).toBeUndefined();
      expect(result.data!.commitments.totalCount).toBe(result.data!.commitments.nodes.length);
      return [...refs(result)].sort();
    };
    expect(await seen(partner)).toEqual(['REF-A', 'REF-B', 'REF-E', 'REF-F']);
    expect(await seen(focalPoint(w.moi.id))).toEqual(['REF-A', 'REF-B', 'REF-C', 'REF-E', 'REF-F']);
    expect(await seen(focalPoint(w.molvt.id))).toEqual(['REF-A', 'REF-B', 'REF-D', 'REF-E', 'REF-F']);
    expect(await seen(anonymous, publicApi)).toEqual(['REF-A', 'REF-E']);
    const refused = await api.run(anonymous, LIST);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const NODE = `query ($id: ID!) { node(id: $id) { __typename ... on Commitment { reference } } }`;
    expect((await api.run(partner, NODE, { id: w.c.gid })).data!.node).toBeNull();
    expect((await api.run(partner, NODE, { id: w.d.gid })).data!.node).toBeNull();
    expect((await api.run(focalPoint(w.moi.id), NODE, { id: w.c.gid })).data!.node).toEqual({
      __typename: 'Commitment',
      reference: 'REF-C',
    });
    expect((await publicApi.run(anonymous, NODE, { id: w.b.gid })).data!.node).toBeNull();
    expect((await publicApi.run(anonymous, NODE, { id: w.a.gid })).data!.node).toEqual({
      __typename: 'Commitment',
      reference: 'REF-A',
    });
  });

  it('resolves links: organisations, assignee, meeting, decision, plan and GCM objectives', async () => {
    const result = await api.run(
      partner,
      `query ($id: ID!) { node(id: $id) { ... on Commitment {
        reference title titleKm status progress visibility version dueDate lastUpdateAt
        leadOrganization { acronym } supportingOrganizations { acronym } assignee { fullName email }
        meeting { id } decision { id commitments { reference } }
        planObjectives { code } gcmObjectives { number }
        updates { totalCount nodes { id } } evidence { url }
      } } }`,
      { id: w.a.gid },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node).toMatchObject({
      reference: 'REF-A',
      titleKm: 'ពង្រឹងកិច្ចសហប្រតិបត្តិការជាមួយ IOM',
      status: 'IN_PROGRESS',
      progress: 40,
      visibility: 'PUBLIC',
      version: 1,
      dueDate: daysFromToday(-3),
      lastUpdateAt: null,
      leadOrganization: { acronym: 'MOI' },
      supportingOrganizations: [],
      assignee: { fullName: 'Sok Dara', email: null },
      meeting: { id: w.mPublic.gid },
      decision: { id: w.decision.gid, commitments: [{ reference: 'REF-A' }] },
      planObjectives: [{ code: '1.1' }],
      gcmObjectives: [{ number: 1 }, { number: 23 }],
      updates: { totalCount: 0, nodes: [] },
      evidence: [],
    });
    const b = await api.run(
      partner,
      `query ($id: ID!) { node(id: $id) { ... on Commitment { supportingOrganizations { acronym } planObjectives { code } } } }`,
      { id: w.b.gid },
    );
    expect(b.data!.node).toEqual({
      supportingOrganizations: [{ acronym: 'MOI' }],
      planObjectives: [{ code: '1.1' }, { code: '2.1' }],
    });
  });

  it("hides an INTERNAL meeting from a focal point's own commitment", async () => {
    const result = await api.run(
      focalPoint(w.moi.id),
      `query ($id: ID!) { node(id: $id) { ... on Commitment { reference meeting { id } } } }`,
      { id: w.c.gid },
    );
    expect(result.data!.node).toEqual({ reference: 'REF-C', meeting: null });
  });

  it('pages the commitments of organisations and meetings, with the same visibility', async () => {
    const ORGS = `{ organizations { nodes { acronym commitments(first: 2) { totalCount nodes { reference } pageInfo { hasNextPage endCursor } } } } }`;
    const staff = await api.run(secretariat, ORGS);
    expect(staff.errors).toBeUndefined();
    const byAcronym = (result: any) =>
      Object.fromEntries(
        result.data.organizations.nodes.map((o: any) => [
          o.acronym,
          [o.commitments.totalCount, o.commitments.nodes.map((n: any) => n.reference)],
        ]),
      );
    expect(byAcronym(staff)).toEqual({
      MOI: [3, ['REF-A', 'REF-B']],
      MOLVT: [3, ['REF-F', 'REF-B']],
      NCCT: [1, ['REF-E']],
    });
    expect(byAcronym(await api.run(partner, ORGS))).toEqual({
      MOI: [2, ['REF-A', 'REF-B']],
      MOLVT: [2, ['REF-F', 'REF-B']],
      NCCT: [1, ['REF-E']],
    });
    const moi = staff.data!.organizations.nodes.find((o: any) => o.acronym === 'MOI');
    const next = await api.run(
      secretariat,
      `query ($after: String) { organizations { nodes { acronym commitments(first: 2, after: $after, filter: { status: [AT_RISK, IN_PROGRESS, NOT_STARTED] }) { totalCount nodes { reference } } } } }`,
      { after: moi.commitments.pageInfo.endCursor },
    );
    expect(next.data!.organizations.nodes.find((o: any) => o.acronym === 'MOI').commitments).toEqual({
      totalCount: 3,
      nodes: [{ reference: 'REF-C' }],
    });

    const meetingCommitments = await api.run(
      secretariat,
      `{ commitments(filter: { meetingId: "${w.mInternal.gid}" }) { nodes { reference meeting { commitments { totalCount nodes { reference } } } } } }`,
    );
    expect(meetingCommitments.data!.commitments.nodes[0].meeting.commitments).toEqual({
      totalCount: 2,
      nodes: [{ reference: 'REF-C' }, { reference: 'REF-D' }],
    });
    const molvtFocal = await api.run(
      focalPoint(w.molvt.id),
      `{ commitments(filter: { meetingId: "${w.mInternal.gid}" }) { nodes { reference meeting { id } } } }`,
    );
    expect(molvtFocal.data!.commitments.nodes).toEqual([{ reference: 'REF-D', meeting: null }]);
  });
});

const CREATE = `mutation ($input: CreateCommitmentInput!) {
  createCommitment(input: $input) { commitment {
    id reference title titleKm status progress version priority visibility dueDate
    meeting { id } decision { id } leadOrganization { acronym } supportingOrganizations { acronym }
    gcmObjectives { number } planObjectives { code } assignee { fullName }
  } }
}`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) {
  updateCommitment(input: $input) { commitment { id reference title status progress version statusReason
    supportingOrganizations { acronym } lastUpdateAt updates { totalCount nodes { statusBefore status note } } } }
}`;

describe('creating and changing commitments', () => {
  let org: Record<string, any>;

  beforeAll(async () => {
    const nrc = await f.organization('NRC', { kind: 'COMMITTEE' });
    const mop = await f.organization('MOP');
    const mowa = await f.organization('MOWA');
    const ngo = await f.organization('CENTRAL', { kind: 'NGO' });
    const person = await f.person(mop.id, 'Chan Sophea');
    // 01:30 in Phnom Penh on 1 November is still 31 October in UTC.
    // PARTNERS: a commitment may be no more visible than its meeting.
    const meeting = await f.meeting(nrc.id, '2023-10-31T18:30:00Z', 'PARTNERS');
    const decision = await f.decision(meeting.id);
    const otherMeeting = await f.meeting(nrc.id, '2024-01-15T02:00:00Z');
    const otherDecision = await f.decision(otherMeeting.id);
    const [goal] = await f.plan([{ title: 'Cooperation', objectives: ['3.1'] }]);
    org = { nrc, mop, mowa, ngo, person, meeting, decision, otherMeeting, otherDecision, goal };
  });

  it('creates a commitment with a reference from the meeting organiser and date, and audits it', async () => {
    const first = await api.run(secretariat, CREATE, {
      input: {
        title: 'Draft the MoU',
        titleKm: 'រៀបចំសេចក្តីព្រាងអនុស្សរណៈ',
        leadOrganizationId: org.mop.gid,
        supportingOrganizationIds: [org.mowa.gid, org.ngo.gid],
        assigneeId: org.person.gid,
        meetingId: org.meeting.gid,
        decisionId: org.decision.gid,
        dueDate: '2024-03-31',
        priority: 'HIGH',
        gcmObjectives: [23, 1],
        planObjectiveIds: [org.goal.objectives[0].gid],
        visibility: 'PARTNERS',
      },
    });
    expect(first.errors).toBeUndefined();
    const commitment = first.data!.createCommitment.commitment;
    expect(commitment).toMatchObject({
      reference: 'NRC-2023-11-01-C1',
      status: 'NOT_STARTED',
      progress: 0,
      version: 1,
      priority: 'HIGH',
      visibility: 'PARTNERS',
      dueDate: '2024-03-31',
      meeting: { id: org.meeting.gid },
      decision: { id: org.decision.gid },
      leadOrganization: { acronym: 'MOP' },
      supportingOrganizations: [{ acronym: 'CENTRAL' }, { acronym: 'MOWA' }],
      gcmObjectives: [{ number: 1 }, { number: 23 }],
      planObjectives: [{ code: '3.1' }],
      assignee: { fullName: 'Chan Sophea' },
    });

    // The meeting is taken from the decision; numbering continues for the prefix.
    const second = await api.run(secretariat, CREATE, {
      input: { title: 'Second', leadOrganizationId: org.mop.gid, decisionId: org.decision.gid },
    });
    expect(second.data!.createCommitment.commitment).toMatchObject({
      reference: 'NRC-2023-11-01-C2',
      meeting: { id: org.meeting.gid },
      visibility: 'INTERNAL',
      priority: 'MEDIUM',
    });

    const events = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Commitment', operation: 'create' });
    const event = events.find((e) => (e.changes as any).reference.after === 'NRC-2023-11-01-C1')!;
    expect(event.changes).toMatchObject({
      title: { before: null, after: 'Draft the MoU' },
      supportingOrganizations: { before: null, after: [org.mowa.id, org.ngo.id].sort() },
      planObjectives: { before: null, after: [org.goal.objectives[0].id] },
      gcmObjectives: { before: null, after: [1, 23] },
    });
  });

  it('numbers commitments created at the same time without gaps or clashes', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.run(secretariat, CREATE, {
          input: { title: `Parallel ${i}`, leadOrganizationId: org.mop.gid, meetingId: org.otherMeeting.gid },
        }),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(results.map((r) => r.data!.createCommitment.commitment.reference).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => `NRC-2024-01-15-C${n}`),
    );
  });

  it("without a meeting, uses the lead organisation's acronym and today's date", async () => {
    const result = await api.run(secretariat, CREATE, {
      input: { titleKm: 'ការងារ', leadOrganizationId: org.mowa.gid },
    });
    expect(result.data!.createCommitment.commitment.reference).toBe(`MOWA-${daysFromToday(0)}-C1`);
  });

  it('refuses bad input, naming every field, and writes nothing', async () => {
    const before = await db.orm.em.fork().count(CommitmentSchema, {});
    const audits = await db.orm.em.fork().count(AuditEventSchema, {});
    const result = await api.run(secretariat, CREATE, {
      input: {
        leadOrganizationId: org.mop.gid,
        supportingOrganizationIds: [org.mop.gid],
        meetingId: org.meeting.gid,
        decisionId: org.otherDecision.gid,
        gcmObjectives: [24],
      },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields.map((x: { field: string }) => x.field).sort()).toEqual([
      'decisionId',
      'gcmObjectives',
      'supportingOrganizationIds',
      'title',
    ]);
    const malformed = await api.run(secretariat, CREATE, {
      input: { title: 'x', leadOrganizationId: org.person.gid, assigneeId: 'bad' },
    });
    expect(malformed.errors?.[0].extensions?.fields).toEqual([
      { field: 'leadOrganizationId', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
      { field: 'assigneeId', message: 'is not a valid Person id', code: 'INVALID_FORMAT' },
    ]);
    expect(await db.orm.em.fork().count(CommitmentSchema, {})).toBe(before);
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(audits);
  });

  it('lets only the secretariat create and change commitments', async () => {
    for (const viewer of [focalPoint(org.mop.id), partner]) {
      const result = await api.run(viewer, CREATE, { input: { title: 'x', leadOrganizationId: org.mop.gid } });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const target = await f.commitment({ lead: org.mop.id });
    const result = await api.run(focalPoint(org.mop.id), UPDATE, { input: { id: target.gid, version: 1, title: 'y' } });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await api.run(anonymous, CREATE, { input: { title: 'x', leadOrganizationId: org.mop.gid } });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('updates with the current version, audits the change, and refuses a stale version', async () => {
    const target = await f.commitment({ lead: org.mop.id, supporters: [org.mowa.id], title: 'Before' });
    const ok = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 1, title: 'After', supportingOrganizationIds: [org.ngo.gid], progress: 20 },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateCommitment.commitment).toMatchObject({
      title: 'After',
      version: 2,
      progress: 20,
      supportingOrganizations: [{ acronym: 'CENTRAL' }],
      updates: { totalCount: 1, nodes: [{ statusBefore: 'NOT_STARTED', status: 'NOT_STARTED', note: null }] },
    });
    expect(ok.data!.updateCommitment.commitment.lastUpdateAt).not.toBeNull();
    const [event] = await db.orm.em.fork().find(AuditEventSchema, { entityId: target.id, operation: 'update' });
    expect(event.changes).toEqual({
      title: { before: 'Before', after: 'After' },
      progress: { before: 0, after: 20 },
      supportingOrganizations: { before: [org.mowa.id], after: [org.ngo.id] },
    });

    const audits = await db.orm.em.fork().count(AuditEventSchema, {});
    const stale = await api.run(secretariat, UPDATE, { input: { id: target.gid, version: 1, title: 'Lost' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const row = await db.orm.em.fork().findOneOrFail(CommitmentSchema, { id: target.id });
    expect(row).toMatchObject({ title: 'After', version: 2 });
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(audits);

    const links = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 2, supportingOrganizationIds: [] },
    });
    expect(links.data!.updateCommitment.commitment).toMatchObject({ version: 3, supportingOrganizations: [] });

    const badProgress = await api.run(secretariat, UPDATE, { input: { id: target.gid, version: 3, progress: 101 } });
    expect(badProgress.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'progress' }],
    });
    const missing = await api.run(secretariat, UPDATE, {
      // One character of the uuid part changed (the last character of a global id also carries padding bits,
      // so changing it can decode to the very same id).
      input: { id: otherId(target.gid), version: 1, title: 'x' },
    });
    expect(missing.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
  });

  it('cancels only with a reason; a cancelled commitment changes only by being re-opened', async () => {
    const target = await f.commitment({ lead: org.mop.id, status: 'IN_PROGRESS', progress: 30 });
    const noReason = await api.run(secretariat, UPDATE, { input: { id: target.gid, version: 1, status: 'CANCELLED' } });
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'statusReason' }],
    });
    const cancelled = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 1, status: 'CANCELLED', statusReason: 'Merged into REF-X' },
    });
    expect(cancelled.data!.updateCommitment.commitment).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'Merged into REF-X',
      version: 2,
      updates: {
        totalCount: 1,
        nodes: [{ statusBefore: 'IN_PROGRESS', status: 'CANCELLED', note: 'Merged into REF-X' }],
      },
    });
    const edit = await api.run(secretariat, UPDATE, { input: { id: target.gid, version: 2, title: 'Edit' } });
    expect(edit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
    const toVerified = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 2, status: 'VERIFIED' },
    });
    expect(toVerified.errors?.[0].extensions?.fields[0].field).toBe('status');
    const reopened = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 2, status: 'IN_PROGRESS', statusReason: 'Restarted', title: 'Edit' },
    });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.updateCommitment.commitment).toMatchObject({
      status: 'IN_PROGRESS',
      title: 'Edit',
      version: 3,
    });
    const completeByUpdate = await api.run(secretariat, UPDATE, {
      input: { id: target.gid, version: 3, status: 'COMPLETED' },
    });
    expect(completeByUpdate.errors?.[0].extensions?.fields[0].field).toBe('status');
  });
});
