import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { partner, secretariat } from '../../../test/viewers.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  MeetingSchema,
  MeetingSeriesSchema,
  ParticipationSchema,
} from './meeting.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let created = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

/** Adds meetings, each with its own organiser, chair, series, agenda, participants and decisions. */
async function addMeetings(count: number): Promise<void> {
  const em = db.orm.em.fork();
  for (let i = 0; i < count; i++) {
    const n = created++;
    const organization = em.create(OrganizationSchema, { acronym: `ORG${n}`, kind: 'GOVERNMENT' });
    const person = em.create(PersonSchema, { fullName: `Person ${n}`, organization: organization.id });
    const partnerOrganization = em.create(OrganizationSchema, { acronym: `PARTNER${n}`, kind: 'NGO' });
    const presenter = em.create(PersonSchema, { fullName: `Presenter ${n}`, organization: organization.id });
    const delegate = em.create(PersonSchema, { fullName: `Delegate ${n}`, organization: partnerOrganization.id });
    const series = em.create(MeetingSeriesSchema, { title: `Series ${n}` });
    const meeting = em.create(MeetingSchema, {
      title: `Meeting ${n}`,
      kind: 'PLENARY',
      startsAt: new Date(Date.UTC(2024, 0, 1 + n)),
      organizer: organization.id,
      chair: person.id,
      series: series.id,
      visibility: 'PARTNERS',
    });
    const items = [1, 2].map((position) =>
      em.create(AgendaItemSchema, {
        meeting: meeting.id,
        position,
        title: `Item ${position}`,
        presenter: presenter.id,
      }),
    );
    em.create(ParticipationSchema, { meeting: meeting.id, person: delegate.id, organization: partnerOrganization.id });
    em.create(DecisionSchema, { meeting: meeting.id, agendaItem: items[0].id, position: 1, text: 'Agreed' });
    em.create(DecisionSchema, { meeting: meeting.id, agendaItem: items[1].id, position: 2, text: 'Noted' });
  }
  await em.flush();
}

const DEEP = `{
  meetings(first: 50) {
    totalCount
    nodes {
      organizer { acronym }
      chair { fullName }
      agendaItems { presenter { fullName } }
      participations { person { fullName } organization { acronym } }
      decisions { agendaItem { title } }
      series { title }
    }
  }
}`;
const SERIES = `{ meetingSeries(first: 50) { nodes { title meetings(first: 1) { totalCount nodes { title } } } } }`;

async function countQueries(query: string): Promise<{ statements: number; data: any }> {
  db.queries.length = 0;
  const result = await api.run(partner, query);
  expect(result.errors).toBeUndefined();
  return { statements: db.queries.length, data: result.data };
}

describe('batched loading', () => {
  it('issues the same number of SQL statements for 5 and for 50 meetings', async () => {
    await addMeetings(5);
    const five = await countQueries(DEEP);
    expect(five.data.meetings.totalCount).toBe(5);
    expect(five.data.meetings.nodes[0]).toMatchObject({
      chair: { fullName: 'Person 4' },
      agendaItems: [{ presenter: { fullName: 'Presenter 4' } }, { presenter: { fullName: 'Presenter 4' } }],
      participations: [{ person: { fullName: 'Delegate 4' }, organization: { acronym: 'PARTNER4' } }],
      decisions: [{ agendaItem: { title: 'Item 1' } }, { agendaItem: { title: 'Item 2' } }],
      series: { title: 'Series 4' },
    });
    const fiveSeries = await countQueries(SERIES);

    await addMeetings(45);
    const fifty = await countQueries(DEEP);
    expect(fifty.data.meetings.nodes).toHaveLength(50);
    expect(fifty.statements).toBe(five.statements);
    expect(five.statements).toBeLessThanOrEqual(12);
    const fiftySeries = await countQueries(SERIES);
    expect(fiftySeries.data.meetingSeries.nodes).toHaveLength(50);
    expect(fiftySeries.data.meetingSeries.nodes[0].meetings.totalCount).toBe(1);
    expect(fiftySeries.statements).toBe(fiveSeries.statements);
  });

  it('pages the meetings of a series', async () => {
    const em = db.orm.em.fork();
    const series = em.create(MeetingSeriesSchema, { title: 'AAA quarterly' });
    const organizer = em.create(OrganizationSchema, { acronym: 'QTR', kind: 'COMMITTEE' });
    for (const [i, visibility] of (['PARTNERS', 'INTERNAL', 'PUBLIC', 'PARTNERS'] as const).entries()) {
      em.create(MeetingSchema, {
        title: `Q${i + 1}`,
        kind: 'TECHNICAL_WORKING_GROUP',
        startsAt: new Date(Date.UTC(2025, i * 3, 1)),
        organizer: organizer.id,
        series: series.id,
        visibility,
      });
    }
    await em.flush();
    const query = `query ($after: String) { meetingSeries(first: 1) { nodes { title meetings(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { title } } } } }`;
    const page1 = await api.run(partner, query);
    const meetings1 = page1.data!.meetingSeries.nodes[0].meetings;
    expect(meetings1).toMatchObject({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      nodes: [{ title: 'Q4' }, { title: 'Q3' }],
    });
    const page2 = await api.run(partner, query, { after: meetings1.pageInfo.endCursor });
    expect(page2.data!.meetingSeries.nodes[0].meetings).toMatchObject({
      totalCount: 3,
      pageInfo: { hasNextPage: false },
      nodes: [{ title: 'Q1' }],
    });
    const staff = await api.run(secretariat, query);
    expect(staff.data!.meetingSeries.nodes[0].meetings.totalCount).toBe(4);
  });
});
