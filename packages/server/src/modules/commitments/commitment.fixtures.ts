import type { EntityManager } from '@mikro-orm/postgresql';
import type { Visibility } from '../../db/base.entity.js';
import type { MikroORM } from '../../db/orm.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { DecisionSchema, MeetingSchema } from '../meetings/meeting.entity.js';
import { type OrganizationKind, OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from '../plans/plan.entity.js';
import {
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  type CommitmentStatus,
  CommitmentSupporterSchema,
} from './commitment.entity.js';

/** Small factories for the commitment tests: each inserts rows directly and returns ids and global ids. */
export function commitmentFixtures(orm: MikroORM) {
  const fork = () => orm.em.fork() as unknown as EntityManager;
  let counter = 0;

  return {
    async organization(acronym: string, extra: { name?: string; nameKm?: string; kind?: OrganizationKind } = {}) {
      const em = fork();
      const row = em.create(OrganizationSchema, {
        acronym,
        name: extra.name ?? `${acronym} name`,
        nameKm: extra.nameKm ?? null,
        kind: extra.kind ?? 'GOVERNMENT',
      });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Organization', row.id) };
    },

    async person(organization: string | null, fullName: string) {
      const em = fork();
      const row = em.create(PersonSchema, { fullName, organization, isFocalPoint: true });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Person', row.id) };
    },

    async meeting(organizer: string, startsAt: string, visibility: Visibility = 'INTERNAL', title = 'Review') {
      const em = fork();
      const row = em.create(MeetingSchema, {
        title,
        kind: 'PLENARY',
        startsAt: new Date(startsAt),
        organizer,
        visibility,
        status: 'HELD',
      });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Meeting', row.id) };
    },

    async decision(meeting: string, text = 'Decided') {
      const em = fork();
      const row = em.create(DecisionSchema, { meeting, text, position: 1 });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Decision', row.id) };
    },

    /** A plan with goals, each with objectives; returns the goal and objective ids. */
    async plan(goals: { title: string; titleKm?: string; objectives: string[] }[]) {
      const em = fork();
      const plan = em.create(PlanSchema, {
        title: 'National plan',
        periodStart: '2023-01-01',
        periodEnd: '2027-12-31',
      });
      const result = goals.map((goal, index) => {
        const g = em.create(PlanGoalSchema, {
          plan: plan.id,
          position: index + 1,
          title: goal.title,
          titleKm: goal.titleKm ?? null,
        });
        const objectives = goal.objectives.map((code, position) => {
          const o = em.create(PlanObjectiveSchema, {
            goal: g.id,
            position: position + 1,
            code,
            title: `Objective ${code}`,
          });
          return { id: o.id, gid: toGlobalId('PlanObjective', o.id), code };
        });
        return { id: g.id, gid: toGlobalId('PlanGoal', g.id), objectives };
      });
      await em.flush();
      return result;
    },

    /** A commitment inserted directly (no service), for read tests. */
    async commitment(fields: {
      lead: string;
      title?: string | null;
      titleKm?: string | null;
      description?: string | null;
      reference?: string;
      status?: CommitmentStatus;
      progress?: number;
      dueDate?: string | null;
      visibility?: Visibility;
      meeting?: string | null;
      decision?: string | null;
      assignee?: string | null;
      supporters?: string[];
      planObjectives?: string[];
      gcmObjectives?: number[];
    }) {
      const em = fork();
      counter += 1;
      const row = em.create(CommitmentSchema, {
        reference:
          fields.reference ?? `TEST-${String(counter).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`,
        title: fields.title === undefined ? `Commitment ${counter}` : fields.title,
        titleKm: fields.titleKm ?? null,
        description: fields.description ?? null,
        leadOrganization: fields.lead,
        status: fields.status ?? 'NOT_STARTED',
        progress: fields.progress ?? 0,
        dueDate: fields.dueDate ?? null,
        visibility: fields.visibility ?? 'INTERNAL',
        meeting: fields.meeting ?? null,
        decision: fields.decision ?? null,
        assignee: fields.assignee ?? null,
        gcmObjectives: fields.gcmObjectives ?? [],
      });
      for (const organization of fields.supporters ?? [])
        em.create(CommitmentSupporterSchema, { commitment: row.id, organization });
      for (const planObjective of fields.planObjectives ?? [])
        em.create(CommitmentPlanObjectiveSchema, { commitment: row.id, planObjective });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Commitment', row.id), reference: row.reference };
    },
  };
}

/** A date `days` from today in Asia/Phnom_Penh, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
