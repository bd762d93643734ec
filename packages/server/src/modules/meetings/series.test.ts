import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { ProgressUpdateSchema } from '../commitments/commitment.entity.js';
import { daysFromToday, testFactories } from '../../test-support/factories.js';
import { MeetingSchema, ParticipationSchema } from './meeting.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof testFactories>;
let o: Record<string, any>;

const CREATE_SERIES = `mutation ($input: CreateMeetingSeriesInput!) { createMeetingSeries(input: $input) { series { id title cadence organizer { acronym } } } }`;
const SCHEDULE = `mutation ($input: ScheduleNextMeetingInput!) { scheduleNextMeeting(input: $input) { meeting {
  id title status kind location visibility series { title }
  agendaItems { position title titleKm }
  participations { person { fullName } organization { acronym } role attendance } } } }`;
const MEETING = `query ($id: ID!) { node(id: $id) { ... on Meeting { title previousInSeries { title }
  mattersArising { reference status isOverdue }
  progressSincePrevious { from to completed becameOverdue withoutUpdate commitments(change: COMPLETED) { nodes { reference } } } } } }`;

async function seriesMeeting(
  series: string,
  title: string,
  startsAt: string,
  status: 'HELD' | 'PLANNED' | 'CANCELLED',
  organizer: string,
) {
  const em = db.orm.em.fork();
  const row = em.create(MeetingSchema, {
    title,
    kind: 'TECHNICAL_WORKING_GROUP',
    startsAt: new Date(startsAt),
    organizer,
    series,
    status,
    visibility: 'PARTNERS',
    location: 'Ministry of Interior',
  });
  await em.flush();
  return { id: row.id, gid: toGlobalId('Meeting', row.id) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = testFactories(db.orm);
  const ncct = await f.organization('NCCT');
  const moi = await f.organization('MOI');
  const mosvy = await f.organization('MOSVY');
  const created = await api.run(secretariat, CREATE_SERIES, {
    input: {
      title: 'Quarterly TWG',
      titleKm: 'ក្រុមការងារបច្ចេកទេសប្រចាំត្រីមាស',
      organizerId: toGlobalId('Organization', ncct.id),
      cadence: 'freq=monthly;interval=3',
    },
  });
  expect(created.errors).toBeUndefined();
  const series = created.data!.createMeetingSeries.series;
  const seriesId = Buffer.from(series.id, 'base64url').toString().split(':')[1];
  // Three earlier meetings: March (held), June (cancelled), September (held).
  const march = await seriesMeeting(seriesId, 'March review', '2026-03-02T02:00:00Z', 'HELD', ncct.id);
  await seriesMeeting(seriesId, 'June review', '2026-06-01T02:00:00Z', 'CANCELLED', ncct.id);
  const september = await seriesMeeting(seriesId, 'September review', '2026-09-01T02:00:00Z', 'HELD', ncct.id);
  const chanPerson = await f.person(moi.id, 'Chan Dara');
  const sokPerson = await f.person(mosvy.id, 'Sok Lina');
  const em = db.orm.em.fork();
  em.create(ParticipationSchema, {
    meeting: september.id,
    person: chanPerson.id,
    organization: moi.id,
    role: 'CHAIR',
    attendance: 'ATTENDED',
  });
  em.create(ParticipationSchema, {
    meeting: september.id,
    person: sokPerson.id,
    organization: mosvy.id,
    role: 'PARTICIPANT',
    attendance: 'APOLOGIES',
  });
  await em.flush();
  // Commitments of the March meeting: one still open and overdue, one completed in July (after March,
  // before September), one open and due later, one internal to MOI's... and one of September itself.
  const overdue = await f.commitment({
    reference: 'TWG-1',
    lead: moi.id,
    meeting: march.id,
    dueDate: '2026-05-01',
    visibility: 'PARTNERS',
    status: 'IN_PROGRESS',
    progress: 40,
  });
  const done = await f.commitment({
    reference: 'TWG-2',
    lead: moi.id,
    meeting: march.id,
    dueDate: '2026-08-01',
    visibility: 'PARTNERS',
    status: 'COMPLETED',
    progress: 100,
  });
  em.create(ProgressUpdateSchema, {
    commitment: done.id,
    statusBefore: 'IN_PROGRESS',
    status: 'COMPLETED',
    progressBefore: 50,
    progress: 100,
    createdAt: new Date('2026-07-15T03:00:00Z'),
    updatedAt: new Date('2026-07-15T03:00:00Z'),
  });
  await em.flush();
  const later = await f.commitment({
    reference: 'TWG-3',
    lead: mosvy.id,
    meeting: march.id,
    dueDate: daysFromToday(60),
    visibility: 'PARTNERS',
  });
  const internal = await f.commitment({
    reference: 'TWG-4',
    lead: mosvy.id,
    meeting: march.id,
    dueDate: daysFromToday(30),
    visibility: 'INTERNAL',
  });
  const fromSeptember = await f.commitment({
    reference: 'TWG-5',
    lead: moi.id,
    meeting: september.id,
    dueDate: daysFromToday(-10),
    visibility: 'PARTNERS',
  });
  // Recorded the day of their meeting.
  for (const c of [overdue, done, later, internal])
    await em.execute('update commitment set created_at = ? where id = ?', [new Date('2026-03-02T08:00:00Z'), c.id]);
  await em.execute('update commitment set created_at = ? where id = ?', [
    new Date('2026-09-01T08:00:00Z'),
    fromSeptember.id,
  ]);
  o = {
    ncct,
    moi,
    mosvy,
    series,
    seriesId,
    march,
    september,
    overdue,
    done,
    later,
    internal,
    fromSeptember,
    moiFocal: focalPoint(moi.id),
  };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('meeting series', () => {
  it('keep their organiser and cadence, and suggest the next date from it', async () => {
    expect(o.series).toMatchObject({ cadence: 'FREQ=MONTHLY;INTERVAL=3', organizer: { acronym: 'NCCT' } });
    const result = await api.run(
      secretariat,
      `query ($id: ID!) { node(id: $id) { ... on MeetingSeries {
      previous { title } next { title } suggestedNextStartsAt meetings { totalCount } } } }`,
      { id: o.series.id },
    );
    expect(result.data!.node).toEqual({
      previous: { title: 'September review' },
      next: null,
      suggestedNextStartsAt: new Date('2026-12-01T02:00:00Z'),
      meetings: { totalCount: 3 },
    });
    const bad = await api.run(secretariat, CREATE_SERIES, { input: { title: 'Bad', cadence: 'every now and then' } });
    expect(bad.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'cadence' })]);
    const UPDATE = `mutation ($input: UpdateMeetingSeriesInput!) { updateMeetingSeries(input: $input) { series { cadence title } } }`;
    const updated = await api.run(secretariat, UPDATE, {
      input: { id: o.series.id, cadence: 'FREQ=MONTHLY;INTERVAL=6' },
    });
    expect(updated.data!.updateMeetingSeries.series).toEqual({
      cadence: 'FREQ=MONTHLY;INTERVAL=6',
      title: 'Quarterly TWG',
    });
    await api.run(secretariat, UPDATE, { input: { id: o.series.id, cadence: 'FREQ=MONTHLY;INTERVAL=3' } });
    const refused = await api.run(o.moiFocal, UPDATE, { input: { id: o.series.id, title: 'Mine' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('review, when held, what was still open as the meeting began; overdue first', async () => {
    // September reviews March's commitments as they stood on 1 September: TWG-2 was completed in July.
    const september = await api.run(secretariat, MEETING, { id: o.september.gid });
    expect(september.data!.node.previousInSeries).toEqual({ title: 'March review' });
    expect(september.data!.node.mattersArising.map((c: any) => c.reference)).toEqual(['TWG-1', 'TWG-4', 'TWG-3']);
    expect(september.data!.node.progressSincePrevious).toMatchObject({
      from: '2026-03-02',
      to: '2026-09-01',
      completed: 1,
      commitments: { nodes: [{ reference: 'TWG-2' }] },
    });
    // March, the first of the series, has nothing to review.
    const march = await api.run(secretariat, MEETING, { id: o.march.gid });
    expect(march.data!.node).toMatchObject({ previousInSeries: null, mattersArising: [], progressSincePrevious: null });
  });

  it('schedule the next meeting: participants invited again, matters arising on the agenda first', async () => {
    const result = await api.run(secretariat, SCHEDULE, {
      input: { seriesId: o.series.id, startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() },
    });
    expect(result.errors).toBeUndefined();
    const meeting = result.data!.scheduleNextMeeting.meeting;
    expect(meeting).toMatchObject({
      title: 'Quarterly TWG',
      status: 'PLANNED',
      kind: 'TECHNICAL_WORKING_GROUP',
      location: 'Ministry of Interior',
      visibility: 'PARTNERS',
      series: { title: 'Quarterly TWG' },
      agendaItems: [
        {
          position: 1,
          title: 'Matters arising / review of commitments',
          titleKm: 'បញ្ហាពីកិច្ចប្រជុំមុន / ការពិនិត្យការប្តេជ្ញាចិត្ត',
        },
      ],
    });
    // Copied in one transaction, the participations may share their creation instant: compare them by name.
    const byName = (a: any, b: any) => a.person.fullName.localeCompare(b.person.fullName);
    expect([...meeting.participations].sort(byName)).toEqual([
      { person: { fullName: 'Chan Dara' }, organization: { acronym: 'MOI' }, role: 'CHAIR', attendance: 'INVITED' },
      {
        person: { fullName: 'Sok Lina' },
        organization: { acronym: 'MOSVY' },
        role: 'PARTICIPANT',
        attendance: 'INVITED',
      },
    ]);
    // Before it is held, it reviews what is open now, from every earlier meeting of the series.
    const now = await api.run(secretariat, MEETING, { id: meeting.id });
    expect(now.data!.node.previousInSeries).toEqual({ title: 'September review' });
    expect(now.data!.node.mattersArising.map((c: any) => c.reference)).toEqual(['TWG-1', 'TWG-5', 'TWG-4', 'TWG-3']);
    expect(now.data!.node.mattersArising.slice(0, 2).every((c: any) => c.isOverdue)).toBe(true);
    // A partner sees only what is shared with partners.
    const shared = await api.run(partner, MEETING, { id: meeting.id });
    expect(shared.data!.node.mattersArising.map((c: any) => c.reference)).toEqual(['TWG-1', 'TWG-5', 'TWG-3']);

    const bare = await api.run(secretariat, SCHEDULE, {
      input: {
        seriesId: o.series.id,
        startsAt: new Date(Date.now() + 100 * 86_400_000).toISOString(),
        copyParticipants: false,
        location: 'Online',
      },
    });
    expect(bare.data!.scheduleNextMeeting.meeting).toMatchObject({ participations: [], location: 'Online' });
    // Its previous meeting has not happened yet: progress is measured since the last one that took place.
    const later = await api.run(secretariat, MEETING, { id: bare.data!.scheduleNextMeeting.meeting.id });
    expect(later.data!.node.progressSincePrevious.from).toBe('2026-09-01');
  });

  it('open every new meeting of a series with the matters arising, and refuse strangers', async () => {
    const created = await api.run(
      secretariat,
      `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { agendaItems { title } } } }`,
      {
        input: {
          title: 'Extra session',
          kind: 'CONSULTATION',
          startsAt: '2027-01-15T02:00:00Z',
          organizerId: toGlobalId('Organization', o.ncct.id),
          seriesId: o.series.id,
        },
      },
    );
    expect(created.data!.createMeeting.meeting.agendaItems).toEqual([
      { title: 'Matters arising / review of commitments' },
    ]);
    const refused = await api.run(o.moiFocal, SCHEDULE, {
      input: { seriesId: o.series.id, startsAt: '2027-03-01T02:00:00Z' },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await api.run(secretariat, SCHEDULE, {
      input: {
        seriesId: toGlobalId('MeetingSeries', '00000000-0000-4000-8000-000000000000'),
        startsAt: '2027-03-01T02:00:00Z',
      },
    });
    expect(missing.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'seriesId' })]);
  });

  it('load matters arising for a page of meetings in a fixed number of statements', async () => {
    const LIST = `query ($first: Int) { meetings(first: $first, filter: { seriesId: "${o.series.id}" }) { nodes { previousInSeries { title } mattersArising { reference leadOrganization { acronym } } progressSincePrevious { completed } } } }`;
    const count = async (first: number) => {
      db.queries.length = 0;
      const result = await api.run(secretariat, LIST, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.meetings.nodes).toHaveLength(first);
      return db.queries.length;
    };
    expect(await count(5)).toBe(await count(2));
  });
});

describe('meeting series search', () => {
  const SEARCH = `query ($search: String, $first: Int, $after: String) { meetingSeries(search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title titleKm } } }`;
  const search = async (variables: { search: string; first?: number; after?: string }) => {
    const result = await api.run(partner, SEARCH, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.meetingSeries;
  };

  beforeAll(async () => {
    for (const input of [
      { title: 'Budget Working Group', titleKm: 'ក្រុមការងារថវិកា' },
      { title: 'Budget Review Board', titleKm: 'ក្រុមប្រឹក្សាពិនិត្យថវិកា' },
      { titleKm: 'វេទិកាសុខាភិបាល' },
    ]) {
      const created = await api.run(secretariat, CREATE_SERIES, { input });
      expect(created.errors).toBeUndefined();
    }
  });

  it('match the English title, whatever the case', async () => {
    const found = await search({ search: 'bUDGET' });
    expect(found.totalCount).toBe(2);
    expect(found.nodes.map((n: { title: string }) => n.title)).toEqual(['Budget Review Board', 'Budget Working Group']);
  });

  it('match the Khmer title, also of a series with no English title', async () => {
    expect((await search({ search: 'ថវិកា' })).nodes.map((n: { title: string }) => n.title)).toEqual([
      'Budget Review Board',
      'Budget Working Group',
    ]);
    expect((await search({ search: 'សុខាភិបាល' })).nodes).toEqual([{ title: null, titleKm: 'វេទិកាសុខាភិបាល' }]);
  });

  it('find nothing when nothing matches, and take LIKE wildcards literally', async () => {
    expect(await search({ search: 'Fisheries' })).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await search({ search: '%' })).totalCount).toBe(0);
  });

  it('page through the matches', async () => {
    const first = await search({ search: 'budget', first: 1 });
    expect(first).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ title: 'Budget Review Board' }],
    });
    const next = await search({ search: 'budget', first: 1, after: first.pageInfo.endCursor });
    expect(next).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: false },
      nodes: [{ title: 'Budget Working Group' }],
    });
  });
});
