import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous, type Viewer } from '../../auth/viewer.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { MeetingSchema, ParticipationSchema } from './meeting.entity.js';

// Q2 of the peers benchmark (decision 0024): the meetings list, the participations with their people and
// organisations, and the first commitments of each meeting in three statements, however many meetings and
// commitments are asked for; the participations answer exactly as the separate loaders do.

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let viewers: Record<string, Viewer>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm, { publicRead: true });
  const em = db.orm.em.fork() as unknown as EntityManager;
  const orgs = Array.from({ length: 5 }, (_, i) =>
    em.create(OrganizationSchema, { acronym: `ML${i}`, name: `Meeting list org ${i}`, kind: 'GOVERNMENT' }),
  );
  const people = Array.from({ length: 8 }, (_, i) =>
    em.create(PersonSchema, { fullName: `Meeting list person ${i}`, organization: orgs[i % 5]!.id }),
  );
  const visibilities = ['INTERNAL', 'PARTNERS', 'PUBLIC'] as const;
  for (let m = 0; m < 15; m++) {
    const meeting = em.create(MeetingSchema, {
      title: `Meeting list ${m}`,
      kind: 'PLENARY',
      startsAt: new Date(Date.UTC(2025, m % 12, 1 + m, 2)),
      organizer: orgs[m % 5]!.id,
      visibility: visibilities[m % 3]!,
    });
    for (let p = 0; p < (m % 4) + 2; p++) {
      em.create(ParticipationSchema, {
        meeting: meeting.id,
        person: people[(m + p) % 8]!.id,
        organization: orgs[(m + p * 2) % 5]!.id,
        role: p === 0 ? 'CHAIR' : 'PARTICIPANT',
        attendance: p % 2 ? 'ATTENDED' : 'CONFIRMED',
        sex: p % 3 === 0 ? 'FEMALE' : null,
        positionHeld: `Position ${p}`,
      });
    }
    for (let c = 0; c < m % 6; c++) {
      em.create(CommitmentSchema, {
        reference: `ML-${m}-${c}`,
        title: `Meeting list commitment ${m}.${c}`,
        leadOrganization: orgs[c % 5]!.id,
        meeting: meeting.id,
        visibility: visibilities[(m + c) % 3]!,
      });
    }
  }
  await em.flush();
  viewers = { secretariat, partner, anonymous, focalPoint: focalPoint(orgs[2]!.id, people[2]!.id) };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const selects = () => db.queries.filter((q) => /^\s*(select|with)/i.test(q));
const q2 = (meetings: number, commitments: number) =>
  `{ meetings(first: ${meetings}) { nodes { id title startsAt
     participations { role attendance sex positionHeld person { id fullName } organization { id acronym } }
     commitments(first: ${commitments}) { nodes { id reference title status } } } } }`;

describe('Q2: meetings with participations and their first commitments', () => {
  it('runs three statements, from 5 meetings to 50 and from 1 commitment each to 100', async () => {
    for (const [meetings, commitments] of [
      [5, 1],
      [5, 10],
      [50, 10],
      [20, 100],
    ] as const) {
      db.queries.length = 0;
      const result = await api.run(secretariat, q2(meetings, commitments));
      expect(result.errors).toBeUndefined();
      expect(selects()).toHaveLength(3);
    }
  });

  it.each(['secretariat', 'partner', 'anonymous', 'focalPoint'])(
    'answers the participations as the separate loaders do, as %s',
    async (name) => {
      const viewer = viewers[name]!;
      const together = await api.run(viewer, q2(50, 10));
      expect(together.errors).toBeUndefined();
      const meetings = together.data!.meetings.nodes as {
        id: string;
        participations: { person: { id: string }; organization: { id: string } }[];
      }[];
      expect(meetings.length).toBeGreaterThan(0);
      // The participations alone (their own loader), then their people and organisations by id.
      const alone = await api.run(
        viewer,
        `{ meetings(first: 50) { nodes { id participations { role attendance sex positionHeld attendedBy: person { id } } } } }`,
      );
      expect(alone.errors).toBeUndefined();
      const ids = [
        ...new Set(meetings.flatMap((m) => m.participations.flatMap((p) => [p.person.id, p.organization.id]))),
      ];
      const records = await api.run(
        viewer,
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { id fullName } ... on Organization { id acronym } } }`,
        { ids },
      );
      expect(records.errors).toBeUndefined();
      const byId = new Map((records.data!.nodes as { id: string }[]).map((node) => [node.id, node]));
      const expected = (alone.data!.meetings.nodes as { id: string; participations: Record<string, unknown>[] }[]).map(
        (meeting) => meeting.participations.length,
      );
      expect(meetings.map((m) => m.participations.length)).toEqual(expected);
      for (const [i, meeting] of meetings.entries()) {
        const plain = (alone.data!.meetings.nodes as { participations: Record<string, unknown>[] }[])[i]!;
        expect(
          meeting.participations.map(({ person, organization: _organization, ...rest }) => ({
            ...rest,
            attendedBy: { id: person.id },
          })),
        ).toEqual(plain.participations);
        for (const participation of meeting.participations) {
          expect(participation.person).toEqual(byId.get(participation.person.id));
          expect(participation.organization).toEqual(byId.get(participation.organization.id));
        }
      }
    },
  );

  it('reads the organisers of a meetings list in its own statement, as the organisation loader answers them', async () => {
    db.queries.length = 0;
    const list = await api.run(partner, `{ meetings(first: 50) { nodes { id organizer { id acronym name } } } }`);
    expect(list.errors).toBeUndefined();
    expect(selects()).toHaveLength(1);
    const meetings = list.data!.meetings.nodes as { id: string; organizer: { id: string } }[];
    const organizers = await api.run(
      partner,
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Organization { id acronym name } } }`,
      { ids: meetings.map((m) => m.organizer.id) },
    );
    expect(meetings.map((m) => m.organizer)).toEqual(organizers.data!.nodes);
  });
});
