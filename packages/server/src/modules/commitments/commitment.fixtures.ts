import type { EntityManager } from '@mikro-orm/postgresql';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous, type Viewer } from '../../auth/viewer.js';
import type { Visibility } from '../../db/base.entity.js';
import type { MikroORM } from '../../db/orm.js';
import { testFactories } from '../../test-support/factories.js';
import { DecisionSchema, MeetingSchema, ParticipationSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { CommitmentSchema } from './commitment.entity.js';

export { daysFromToday } from '../../test-support/factories.js';

/**
 * The commitment tests' names for the shared factories (test-support/factories.ts): the same rows, with
 * the meeting and decision taking their arguments in the order these tests pass them.
 */
export function commitmentFixtures(orm: MikroORM) {
  const make = testFactories(orm);
  return {
    ...make,
    meeting: (organizer: string, startsAt: string, visibility: Visibility = 'INTERNAL', title = 'Review') =>
      make.meeting({ organizer, startsAt, visibility, title }),
    decision: (meeting: string, text = 'Decided') => make.decision(meeting, { text }),
  };
}

/**
 * 40 commitments over six organisations, their people (one person without an organisation) and six
 * meetings of every visibility, the INTERNAL meeting 3 attended by org 4's focal point: the data the list
 * read paths are held to (list-relations, narrow-list). Returns one viewer of each kind.
 */
export async function seedListCommitments(orm: MikroORM): Promise<Record<string, Viewer>> {
  const em = orm.em.fork() as unknown as EntityManager;
  const orgs = Array.from({ length: 6 }, (_, i) =>
    em.create(OrganizationSchema, { acronym: `LR${i}`, name: `List org ${i}`, kind: 'GOVERNMENT' }),
  );
  const people = orgs.map((org, i) => em.create(PersonSchema, { fullName: `List person ${i}`, organization: org.id }));
  const loner = em.create(PersonSchema, { fullName: 'No organisation' });
  const visibilities = ['INTERNAL', 'PARTNERS', 'PUBLIC'] as const;
  const meetings = Array.from({ length: 6 }, (_, i) =>
    em.create(MeetingSchema, {
      title: `List meeting ${i}`,
      kind: 'PLENARY',
      startsAt: new Date(Date.UTC(2025, i, 1, 2)),
      organizer: orgs[i % 3]!.id,
      visibility: visibilities[i % 3]!,
    }),
  );
  // The focal point of org 4 takes part in the INTERNAL meeting 3 (so may see it).
  em.create(ParticipationSchema, {
    meeting: meetings[3]!.id,
    person: people[4]!.id,
    organization: orgs[4]!.id,
    role: 'PARTICIPANT',
    attendance: 'CONFIRMED',
  });
  const decisions = meetings.map((m) => em.create(DecisionSchema, { meeting: m.id, text: 'Decided', position: 1 }));
  for (let i = 0; i < 40; i++) {
    em.create(CommitmentSchema, {
      reference: `LR-${String(i).padStart(3, '0')}`,
      title: `List commitment ${i}`,
      leadOrganization: orgs[i % 6]!.id,
      assignee: i % 5 === 0 ? null : i % 7 === 0 ? loner.id : people[(i * 5) % 6]!.id,
      meeting: i % 4 === 0 ? null : meetings[i % 6]!.id,
      decision: i % 4 === 0 ? null : decisions[i % 6]!.id,
      dueDate: i % 9 === 0 ? null : `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
      visibility: visibilities[(i + 1) % 3]!,
    });
  }
  await em.flush();
  return {
    secretariat,
    partner,
    anonymous,
    focalPoint: focalPoint(orgs[4]!.id, people[4]!.id),
  };
}
