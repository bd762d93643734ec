import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { hashPassword } from '../auth/passwords.js';
import { newApiToken, newSessionSecret, sha256, TOKEN_DISPLAY_LENGTH } from '../auth/secrets.js';
import type { Role, Viewer } from '../auth/viewer.js';
import type { Visibility } from '../db/base.entity.js';
import type { MikroORM } from '../db/orm.js';
import { toGlobalId } from '../graphql/global-id.js';
import { AccountSchema, type Locale } from '../modules/accounts/account.entity.js';
import { type ApiTokenScope, ApiTokenSchema } from '../modules/accounts/api-token.entity.js';
import { SessionSchema } from '../modules/accounts/session.entity.js';
import {
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  type CommitmentStatus,
  CommitmentSupporterSchema,
  ProgressUpdateSchema,
} from '../modules/commitments/commitment.entity.js';
import {
  AgendaItemSchema,
  type Attendance,
  DecisionSchema,
  type MeetingKind,
  MeetingSchema,
  MeetingSeriesSchema,
  type MeetingStatus,
  type ParticipationRole,
  ParticipationSchema,
} from '../modules/meetings/meeting.entity.js';
import { type NotificationKind, NotificationSchema } from '../modules/notifications/notification.entity.js';
import { type OrganizationKind, OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';
import { PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from '../modules/plans/plan.entity.js';
import { ReportingPeriodSchema } from '../modules/reports/reporting-period.entity.js';

/** A row a factory made: its id, and its global id for GraphQL. */
export interface Made {
  id: string;
  gid: string;
}

/**
 * The one place tests make records: every factory inserts rows directly (no service, no audit), in a
 * fork of its own, and returns ids and global ids. Make one per test database:
 * `const make = testFactories(db.orm)`. Defaults are plain and valid; pass only what the test is about.
 */
export function testFactories(orm: MikroORM) {
  const fork = () => orm.em.fork() as unknown as EntityManager;
  let counter = 0;
  const next = () => {
    counter += 1;
    return counter;
  };
  const unique = () => `${next()}-${Math.random().toString(36).slice(2, 8)}`;

  async function insert<T extends { id: string }>(type: string, make: (em: EntityManager) => T): Promise<Made> {
    const em = fork();
    const row = make(em);
    await em.flush();
    return { id: row.id, gid: toGlobalId(type, row.id) };
  }

  return {
    async organization(
      acronym: string,
      extra: { name?: string; nameKm?: string | null; kind?: OrganizationKind; parent?: string | null } = {},
    ): Promise<Made> {
      return insert('Organization', (em) =>
        em.create(OrganizationSchema, {
          acronym,
          name: extra.name ?? `${acronym} name`,
          nameKm: extra.nameKm ?? null,
          kind: extra.kind ?? 'GOVERNMENT',
          parent: extra.parent ?? null,
        }),
      );
    },

    /** A person; a focal point of their organisation unless told otherwise. */
    async person(
      organization: string | null,
      fullName: string,
      extra: {
        fullNameKm?: string | null;
        email?: string | null;
        phone?: string | null;
        position?: string | null;
        isFocalPoint?: boolean;
      } = {},
    ): Promise<Made> {
      return insert('Person', (em) =>
        em.create(PersonSchema, {
          fullName,
          organization,
          fullNameKm: extra.fullNameKm ?? null,
          email: extra.email ?? null,
          phone: extra.phone ?? null,
          position: extra.position ?? null,
          isFocalPoint: extra.isFocalPoint ?? true,
        }),
      );
    },

    /**
     * A person with an account of `role`, and the viewer they act as. The password is hashed for real
     * only when one is given (hashing takes a while); without one, the account cannot sign in.
     */
    async account(
      role: Role,
      options: {
        organization?: string | null;
        focalPoint?: boolean;
        name?: string;
        nameKm?: string;
        email?: string;
        password?: string;
        locale?: Locale;
        active?: boolean;
        emailReminders?: boolean;
        emailDigest?: boolean;
        emailEvents?: boolean;
      } = {},
    ) {
      const passwordHash = options.password ? await hashPassword(options.password) : 'not-used-in-these-tests';
      const em = fork();
      const n = next();
      const person = em.create(PersonSchema, {
        fullName: options.name ?? `${role.toLowerCase()} ${n}`,
        fullNameKm: options.nameKm ?? null,
        organization: options.organization ?? null,
        isFocalPoint: options.focalPoint ?? role === 'FOCAL_POINT',
      });
      const email = options.email ?? `${role.toLowerCase()}${n}-${Math.random().toString(36).slice(2, 7)}@example.org`;
      const account = em.create(AccountSchema, {
        person: person.id,
        email,
        passwordHash,
        role,
        active: options.active ?? true,
        locale: options.locale ?? 'EN',
        emailReminders: options.emailReminders ?? true,
        emailDigest: options.emailDigest ?? true,
        emailEvents: options.emailEvents ?? true,
      });
      await em.flush();
      const viewer: Viewer = {
        role,
        accountId: account.id,
        personId: person.id,
        organizationId: options.organization ?? undefined,
        canWrite: true,
      };
      return { person: person.id, account: account.id, email, viewer };
    },

    /** A signed-in browser session of an account: the cookie value and the Cookie header that carries it. */
    async session(account: string, options: { expiresAt?: Date; idleTimeoutSeconds?: number } = {}) {
      const secret = newSessionSecret();
      const em = fork();
      em.create(SessionSchema, {
        id: sha256(secret),
        account,
        expiresAt: options.expiresAt ?? new Date(Date.now() + 24 * 3600_000),
        idleTimeoutSeconds: options.idleTimeoutSeconds ?? 8 * 3600,
      });
      await em.flush();
      return { secret, cookie: `${SESSION_COOKIE}=${secret}` };
    },

    /** An API token of an account: the token itself (shown once) and its row's id. */
    async apiToken(
      account: string,
      options: { scope?: ApiTokenScope; name?: string; expiresAt?: Date | null; revokedAt?: Date | null } = {},
    ) {
      const token = newApiToken();
      const made = await insert('ApiToken', (em) =>
        em.create(ApiTokenSchema, {
          account,
          name: options.name ?? 'test token',
          scope: options.scope ?? 'READ',
          prefix: token.slice(0, TOKEN_DISPLAY_LENGTH),
          hash: sha256(token),
          expiresAt: options.expiresAt ?? null,
          revokedAt: options.revokedAt ?? null,
        }),
      );
      return { ...made, token };
    },

    async series(organizer: string | null, title = 'Quarterly working group', cadence: string | null = null) {
      return insert('MeetingSeries', (em) => em.create(MeetingSeriesSchema, { title, organizer, cadence }));
    },

    /** A meeting in any status; held, internal plenary unless told otherwise. */
    async meeting(fields: {
      organizer: string;
      startsAt?: Date | string;
      endsAt?: Date | string | null;
      title?: string | null;
      titleKm?: string | null;
      kind?: MeetingKind;
      status?: MeetingStatus;
      visibility?: Visibility;
      series?: string | null;
      location?: string | null;
      chair?: string | null;
    }): Promise<Made & { version: number }> {
      const em = fork();
      const row = em.create(MeetingSchema, {
        title: fields.title === undefined ? 'Review' : fields.title,
        titleKm: fields.titleKm ?? null,
        kind: fields.kind ?? 'PLENARY',
        status: fields.status ?? 'HELD',
        startsAt: new Date(fields.startsAt ?? '2024-03-01T02:00:00Z'),
        endsAt: fields.endsAt ? new Date(fields.endsAt) : null,
        organizer: fields.organizer,
        visibility: fields.visibility ?? 'INTERNAL',
        series: fields.series ?? null,
        location: fields.location ?? null,
        chair: fields.chair ?? null,
      });
      await em.flush();
      return { id: row.id, gid: toGlobalId('Meeting', row.id), version: row.version };
    },

    async agendaItem(
      meeting: string,
      position: number,
      extra: { title?: string | null; minutes?: string | null; presenter?: string | null } = {},
    ): Promise<Made> {
      return insert('AgendaItem', (em) =>
        em.create(AgendaItemSchema, {
          meeting,
          position,
          title: extra.title === undefined ? `Item ${position}` : extra.title,
          minutes: extra.minutes ?? null,
          presenter: extra.presenter ?? null,
        }),
      );
    },

    async participation(
      meeting: string,
      person: string,
      organization: string,
      extra: { role?: ParticipationRole; attendance?: Attendance } = {},
    ): Promise<Made> {
      return insert('Participation', (em) =>
        em.create(ParticipationSchema, {
          meeting,
          person,
          organization,
          role: extra.role ?? 'PARTICIPANT',
          attendance: extra.attendance ?? 'INVITED',
        }),
      );
    },

    async decision(
      meeting: string,
      extra: { text?: string; agendaItem?: string | null; position?: number } = {},
    ): Promise<Made> {
      return insert('Decision', (em) =>
        em.create(DecisionSchema, {
          meeting,
          text: extra.text ?? 'Decided',
          agendaItem: extra.agendaItem ?? null,
          position: extra.position ?? 1,
        }),
      );
    },

    /** A plan with goals, each with objectives; returns the goal and objective ids. */
    async plan(goals: { title: string; titleKm?: string; objectives: string[] }[], title = 'National plan') {
      const em = fork();
      const plan = em.create(PlanSchema, { title, periodStart: '2023-01-01', periodEnd: '2027-12-31' });
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
    }): Promise<Made & { reference: string }> {
      const em = fork();
      const n = next();
      const row = em.create(CommitmentSchema, {
        reference: fields.reference ?? `TEST-${String(n).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`,
        title: fields.title === undefined ? `Commitment ${n}` : fields.title,
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

    /** A progress update as history (the commitment's own status and progress are left as they are). */
    async progressUpdate(
      commitment: string,
      fields: {
        author?: string | null;
        status: CommitmentStatus;
        statusBefore?: CommitmentStatus;
        progress: number;
        progressBefore?: number;
        note?: string | null;
        at?: Date;
      },
    ): Promise<Made> {
      return insert('ProgressUpdate', (em) =>
        em.create(ProgressUpdateSchema, {
          commitment,
          author: fields.author ?? null,
          statusBefore: fields.statusBefore ?? 'NOT_STARTED',
          status: fields.status,
          progressBefore: fields.progressBefore ?? 0,
          progress: fields.progress,
          note: fields.note ?? null,
          ...(fields.at ? { createdAt: fields.at } : {}),
        }),
      );
    },

    async reportingPeriod(startsOn: string, endsOn: string, title: string | null = `Period ${unique()}`) {
      return insert('ReportingPeriod', (em) => em.create(ReportingPeriodSchema, { startsOn, endsOn, title }));
    },

    async notification(
      recipient: string,
      fields: {
        kind?: NotificationKind;
        commitment?: string | null;
        meeting?: string | null;
        actor?: string | null;
        message?: string;
        at?: Date;
        readAt?: Date | null;
      } = {},
    ): Promise<Made> {
      return insert('Notification', (em) =>
        em.create(NotificationSchema, {
          id: randomUUID(),
          key: `test:${unique()}`,
          recipient,
          kind: fields.kind ?? 'ASSIGNED',
          commitment: fields.commitment ?? null,
          meeting: fields.meeting ?? null,
          actor: fields.actor ?? null,
          message: fields.message ?? 'A test notification',
          messageKm: fields.message ?? 'A test notification',
          at: fields.at ?? new Date(),
          readAt: fields.readAt ?? null,
        }),
      );
    },
  };
}

export type TestFactories = ReturnType<typeof testFactories>;

/** A date `days` from today in Asia/Phnom_Penh, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
