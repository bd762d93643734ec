import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '../db/orm.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import {
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  CommitmentSupporterSchema,
  EvidenceSchema,
  ProgressUpdateSchema,
} from '../modules/commitments/commitment.entity.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  MeetingSchema,
  MeetingSeriesSchema,
  ParticipationSchema,
} from '../modules/meetings/meeting.entity.js';
import { systemViewer } from '../auth/viewer.js';
import { addDays, daysBetween, todayInPhnomPenh } from '../modules/committee/rules.js';
import { DueDateChangeSchema } from '../modules/due-dates/due-date-change.entity.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { closeReportingPeriod, createReportingPeriod } from '../modules/reports/report.service.js';
import { ReportingPeriodSchema } from '../modules/reports/reporting-period.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';
import { GcmObjectiveSchema, PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from '../modules/plans/plan.entity.js';
import {
  type DemoDate,
  type DemoMeeting,
  demoGcmTitlesKm,
  demoMeetings,
  demoParticipantSex,
  demoOrganizations,
  demoPeople,
  demoPlan,
  demoPeriods,
  demoSeries,
} from './demo-data.js';

export type DemoCounts = Record<string, number>;

const TIME_ZONE_OFFSET = '+07:00'; // Asia/Phnom_Penh has no daylight saving time.
const DAY_MS = 86_400_000;
/** Organisations that host the extra copies of the meetings made by `scale`. */
const COPY_ORGANIZERS = ['NCCT', 'MOI', 'MOLVT', 'MFAIC', 'MOSVY', 'GDI', 'MOWA', 'MOJ'];
/** Copies are written and the unit of work emptied every so often, so large scales stay fast. */
const COPIES_PER_FLUSH = 10;

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function localInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${TIME_ZONE_OFFSET}`);
}

/** A small seeded random generator (mulberry32): the same scale gives the same data set. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function isEmpty(em: EntityManager): Promise<boolean> {
  const counts = await Promise.all([
    em.count(OrganizationSchema, {}),
    em.count(PersonSchema, {}),
    em.count(PlanSchema, {}),
    em.count(MeetingSchema, {}),
    em.count(CommitmentSchema, {}),
  ]);
  return counts.every((count) => count === 0);
}

/** What loadDemo reports, in this order. */
const KINDS = [
  'organizations',
  'people',
  'gcmObjectivesTranslated',
  'plans',
  'planGoals',
  'planObjectives',
  'meetingSeries',
  'meetings',
  'agendaItems',
  'participations',
  'decisions',
  'commitments',
  'progressUpdates',
  'evidence',
  'dueDateChanges',
  'reportingPeriods',
] as const;

interface LoadContext {
  em: EntityManager;
  now: Date;
  today: string;
  counts: DemoCounts;
  organizations: Map<string, string>;
  people: Map<string, { id: string; organization: string }>;
  planObjectives: Map<string, string>;
  seriesId: string;
  secretariatId: string;
  /** `<organizer>-<date>` prefixes of commitment references already taken. */
  usedPrefixes: Set<string>;
}

const bump = (counts: DemoCounts, kind: string, by = 1) => {
  counts[kind] = (counts[kind] ?? 0) + by;
};

/**
 * Loads the demo data set (demo-data.ts) in one transaction. Refuses ('not-empty') when the
 * database holds data, unless forced; then it reuses the organisations, people and plan already
 * there (by acronym, e-mail and title) and adds the meetings and commitments again with new references.
 * `scale` N > 1 makes N copies of the meetings and their commitments, spread over time, for benchmarks.
 */
export async function loadDemo(
  orm: MikroORM,
  options: { force?: boolean; scale?: number } = {},
): Promise<DemoCounts | 'not-empty'> {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a whole number ≥ 1, got ${scale}`);
  const em = orm.em.fork();
  if (!options.force && !(await isEmpty(em))) return 'not-empty';

  const now = new Date();
  const counts: DemoCounts = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  await em.transactional(async (tx) => {
    const context: LoadContext = {
      em: tx,
      now,
      today: todayInPhnomPenh(now),
      counts,
      organizations: await loadOrganizations(tx, counts),
      people: new Map(),
      planObjectives: new Map(),
      seriesId: '',
      secretariatId: '',
      usedPrefixes: new Set(),
    };
    context.people = await loadPeople(tx, context.organizations, counts);
    context.secretariatId = context.people.get('ncct-dsg')!.id;
    await translateGcmObjectives(tx, counts);
    context.planObjectives = await loadPlan(context);
    context.seriesId = await loadSeries(context);
    const references = await tx.find(CommitmentSchema, {}, { fields: ['reference'] });
    for (const { reference } of references) context.usedPrefixes.add(reference.replace(/-C\d+$/, ''));

    for (let copy = 0; copy < scale; copy++) {
      const rand = random(copy + 1);
      for (const meeting of demoMeetings) loadMeeting(context, meeting, copy, rand);
      if ((copy + 1) % COPIES_PER_FLUSH === 0) {
        await tx.flush();
        tx.clear();
      }
    }
    await tx.flush();
    await loadPeriods(tx, counts);
    tx.create(AuditEventSchema, {
      at: now,
      actor: null,
      actorLabel: 'demo',
      entityType: 'Demo',
      entityId: randomUUID(),
      operation: 'loadDemo',
      changes: { scale: { before: null, after: scale } },
    });
  });
  return counts;
}

/** At start: loads the demo data set into an empty database; returns what it loaded, or undefined. */
export async function loadDemoIfEmpty(orm: MikroORM): Promise<DemoCounts | undefined> {
  const result = await loadDemo(orm);
  return result === 'not-empty' ? undefined : result;
}

/** When the directory was first filled in, some weeks before the meeting of 1 November 2023. */
const SETUP_TIME = new Date('2023-09-15T09:00:00+07:00');

async function loadOrganizations(em: EntityManager, counts: DemoCounts): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const existing = await em.find(OrganizationSchema, { acronym: { $in: demoOrganizations.map((o) => o.acronym) } });
  for (const organization of existing) ids.set(organization.acronym, organization.id);
  // Parents first: the data lists MOI before GDI.
  for (const organization of demoOrganizations) {
    if (ids.has(organization.acronym)) continue;
    const created = em.create(OrganizationSchema, {
      name: organization.name,
      nameKm: organization.nameKm,
      acronym: organization.acronym,
      kind: organization.kind,
      parent: organization.parent ? ids.get(organization.parent)! : null,
      createdAt: SETUP_TIME,
      updatedAt: SETUP_TIME,
    });
    ids.set(organization.acronym, created.id);
    bump(counts, 'organizations');
  }
  return ids;
}

async function loadPeople(
  em: EntityManager,
  organizations: Map<string, string>,
  counts: DemoCounts,
): Promise<Map<string, { id: string; organization: string }>> {
  const people = new Map<string, { id: string; organization: string }>();
  const existing = await em.find(PersonSchema, { email: { $in: demoPeople.map((p) => p.email) } });
  const byEmail = new Map(existing.map((person) => [person.email, person]));
  for (const person of demoPeople) {
    const organization = organizations.get(person.organization)!;
    const found = byEmail.get(person.email);
    if (found) {
      people.set(person.key, { id: found.id, organization: found.organization ?? organization });
      continue;
    }
    const { key: _key, organization: _acronym, loginRole: _role, ...fields } = person;
    const created = em.create(PersonSchema, {
      ...fields,
      organization,
      createdAt: SETUP_TIME,
      updatedAt: SETUP_TIME,
    });
    people.set(person.key, { id: created.id, organization });
    bump(counts, 'people');
  }
  return people;
}

async function translateGcmObjectives(em: EntityManager, counts: DemoCounts): Promise<void> {
  const numbers = Object.keys(demoGcmTitlesKm).map(Number);
  const untranslated = await em.find(GcmObjectiveSchema, { number: { $in: numbers }, titleKm: null });
  for (const objective of untranslated) objective.titleKm = demoGcmTitlesKm[objective.number];
  counts.gcmObjectivesTranslated = untranslated.length;
}

/** The plan, its goals and objectives (reused when a plan of that title exists); returns objective ids by code. */
async function loadPlan(context: LoadContext): Promise<Map<string, string>> {
  const { em, counts } = context;
  const byCode = new Map<string, string>();
  const existing = await em.findOne(PlanSchema, { title: demoPlan.title });
  if (existing) {
    const goals = await em.find(PlanGoalSchema, { plan: existing.id });
    const objectives = await em.find(PlanObjectiveSchema, { goal: { $in: goals.map((g) => g.id) } });
    for (const objective of objectives) byCode.set(objective.code, objective.id);
    return byCode;
  }
  const created = localInstant('2023-10-10', '09:00');
  const approved = localInstant('2023-11-28', '16:00');
  const plan = em.create(PlanSchema, {
    title: demoPlan.title,
    titleKm: demoPlan.titleKm,
    periodStart: demoPlan.periodStart,
    periodEnd: demoPlan.periodEnd,
    createdBy: context.secretariatId,
    createdAt: created,
    updatedAt: approved,
  });
  bump(counts, 'plans');
  demoPlan.goals.forEach((goalData, goalIndex) => {
    const goal = em.create(PlanGoalSchema, {
      plan: plan.id,
      position: goalIndex + 1,
      title: goalData.title,
      titleKm: goalData.titleKm,
      createdBy: context.secretariatId,
      createdAt: created,
      updatedAt: approved,
    });
    bump(counts, 'planGoals');
    goalData.objectives.forEach((objectiveData, objectiveIndex) => {
      const objective = em.create(PlanObjectiveSchema, {
        goal: goal.id,
        position: objectiveIndex + 1,
        code: objectiveData.code,
        title: objectiveData.title,
        titleKm: objectiveData.titleKm,
        gcmObjectives: objectiveData.gcm,
        createdBy: context.secretariatId,
        createdAt: created,
        updatedAt: approved,
      });
      byCode.set(objectiveData.code, objective.id);
      bump(counts, 'planObjectives');
    });
  });
  return byCode;
}

/** The demo's reporting periods, closed as the secretariat would have closed them (their reports frozen). */
async function loadPeriods(em: EntityManager, counts: DemoCounts): Promise<void> {
  const scope = { em, viewer: systemViewer, config: { publicRead: false } };
  for (const data of demoPeriods) {
    if (await em.findOne(ReportingPeriodSchema, { title: data.title })) continue;
    const period = await createReportingPeriod(scope, data);
    await closeReportingPeriod(scope, period.id);
    const closedAt = localInstant(data.closedOn, '16:00');
    await em.execute('update reporting_period set closed_at = ?, created_at = ?, updated_at = ? where id = ?', [
      closedAt,
      closedAt,
      closedAt,
      period.id,
    ]);
    bump(counts, 'reportingPeriods');
  }
}

async function loadSeries(context: LoadContext): Promise<string> {
  const existing = await context.em.findOne(MeetingSeriesSchema, { title: demoSeries.title });
  if (existing) return existing.id;
  const at = localInstant('2024-01-10', '09:00');
  const series = context.em.create(MeetingSeriesSchema, {
    title: demoSeries.title,
    titleKm: demoSeries.titleKm,
    organizer: context.organizations.get(demoSeries.organizer)!,
    cadence: demoSeries.cadence,
    createdBy: context.secretariatId,
    createdAt: at,
    updatedAt: at,
  });
  bump(context.counts, 'meetingSeries');
  return series.id;
}

/**
 * One meeting with its agenda, attendance, decisions and commitments. Copy 0 is the data set as
 * written; later copies move to another date (past meetings stay past, planned ones stay future)
 * and another organiser, so every commitment reference `<organizer>-<date>-C<n>` is new.
 */
function loadMeeting(context: LoadContext, meeting: DemoMeeting, copy: number, rand: () => number): void {
  const { em, counts, now, today } = context;
  const resolve = (date: DemoDate) => (typeof date === 'string' ? date : addDays(today, date.daysFromToday));
  let baseDate = resolve(meeting.date);
  while (isWeekend(baseDate)) baseDate = addDays(baseDate, 1);
  const upcoming = baseDate > today;

  let organizer = meeting.organizer;
  let shift = 0;
  if (copy > 0) {
    organizer = COPY_ORGANIZERS[copy % COPY_ORGANIZERS.length];
    shift = upcoming ? 1 + Math.floor(rand() * 365) : -(1 + Math.floor(rand() * 730));
  }
  const step = upcoming ? 1 : -1;
  let date = addDays(baseDate, shift);
  while (isWeekend(date) || context.usedPrefixes.has(`${organizer}-${date}`)) date = addDays(date, step);
  context.usedPrefixes.add(`${organizer}-${date}`);
  const days = daysBetween(baseDate, date);
  const move = (value: DemoDate) => addDays(resolve(value), days);
  /** Times of things that already happened never lie in the future. */
  const past = (at: Date, minutesBeforeNow = 1) =>
    at.getTime() < now.getTime() ? at : new Date(now.getTime() - minutesBeforeNow * 60_000);

  const startsAt = localInstant(date, meeting.starts);
  const endsAt = localInstant(date, meeting.ends);
  const scheduledAt = past(new Date(startsAt.getTime() - 21 * DAY_MS), 60);
  const minutesApprovedAt = meeting.minutesApprovedOn
    ? past(localInstant(move(meeting.minutesApprovedOn), '10:00'))
    : null;
  const held = meeting.status === 'HELD' || meeting.status === 'MINUTES_APPROVED';
  const lastChange = minutesApprovedAt ?? (held ? past(new Date(endsAt.getTime() + 2 * 3_600_000)) : scheduledAt);
  const secretariat = context.secretariatId;
  const person = (key: string) => context.people.get(key)!;
  const organization = (acronym: string) => context.organizations.get(acronym)!;

  const created = em.create(MeetingSchema, {
    title: meeting.title,
    titleKm: meeting.titleKm,
    kind: meeting.kind,
    status: meeting.status,
    startsAt,
    endsAt,
    location: meeting.location,
    organizer: organization(organizer),
    chair: person(meeting.chair).id,
    series: meeting.inSeries ? context.seriesId : null,
    visibility: meeting.visibility,
    minutesApprovedAt,
    createdBy: secretariat,
    createdAt: scheduledAt,
    updatedAt: lastChange,
  });
  bump(counts, 'meetings');

  const agendaIds = meeting.agenda.map((item, index) => {
    const agendaItem = em.create(AgendaItemSchema, {
      meeting: created.id,
      position: index + 1,
      title: item.title,
      titleKm: item.titleKm,
      presenter: person(item.presenter).id,
      minutes: item.minutes ?? null,
      minutesKm: item.minutesKm ?? null,
      createdBy: secretariat,
      createdAt: scheduledAt,
      updatedAt: lastChange,
    });
    bump(counts, 'agendaItems');
    return agendaItem.id;
  });

  for (const participation of meeting.participations) {
    const who = person(participation.person);
    em.create(ParticipationSchema, {
      meeting: created.id,
      person: who.id,
      organization: who.organization,
      role: participation.role,
      attendance: participation.attendance,
      sex: demoParticipantSex[participation.person] ?? null,
      createdBy: secretariat,
      createdAt: scheduledAt,
      updatedAt: held ? past(endsAt) : scheduledAt,
    });
    bump(counts, 'participations');
  }

  let number = 0;
  meeting.decisions.forEach((decisionData, decisionIndex) => {
    const decision = em.create(DecisionSchema, {
      meeting: created.id,
      agendaItem: agendaIds[decisionData.agendaItem] ?? null,
      position: decisionIndex + 1,
      text: decisionData.text,
      textKm: decisionData.textKm,
      createdBy: secretariat,
      createdAt: past(endsAt),
      updatedAt: past(endsAt),
    });
    bump(counts, 'decisions');

    for (const data of decisionData.commitments) {
      number += 1;
      const createdAt = past(localInstant(addDays(date, 1), '09:00'), 30);
      const updates = data.updates.map((update, index) => ({
        ...update,
        at: past(localInstant(move(update.on), update.at ?? '10:00'), data.updates.length - index),
      }));
      const last = updates.at(-1);
      const commitment = em.create(CommitmentSchema, {
        reference: `${organizer}-${date}-C${number}`,
        title: data.title,
        titleKm: data.titleKm,
        description: data.description,
        descriptionKm: data.descriptionKm,
        meeting: created.id,
        decision: decision.id,
        leadOrganization: organization(data.lead),
        assignee: person(data.assignee).id,
        dueDate: move(data.due),
        originalDueDate: move(data.slips?.find((slip) => slip.status !== 'REQUESTED')?.from ?? data.due),
        priority: data.priority,
        status: last?.status ?? 'NOT_STARTED',
        progress: last?.progress ?? 0,
        gcmObjectives: data.gcmObjectives,
        visibility: data.visibility,
        lastUpdateAt: last?.at ?? null,
        statusReason: last?.status === 'CANCELLED' ? (data.statusReason ?? null) : null,
        createdBy: secretariat,
        createdAt,
        updatedAt: last?.at ?? createdAt,
      });
      bump(counts, 'commitments');
      for (const acronym of data.supporting) {
        em.create(CommitmentSupporterSchema, { commitment: commitment.id, organization: organization(acronym) });
      }
      for (const code of data.planObjectives) {
        em.create(CommitmentPlanObjectiveSchema, {
          commitment: commitment.id,
          planObjective: context.planObjectives.get(code)!,
        });
      }

      const moved = (data.slips ?? []).filter((slip) => slip.status !== 'REQUESTED');
      for (const slip of data.slips ?? []) {
        const at = past(localInstant(move(slip.on), '11:00'));
        const next = moved[moved.indexOf(slip) + 1];
        const decided = slip.status !== 'REQUESTED';
        em.create(DueDateChangeSchema, {
          commitment: commitment.id,
          from: move(slip.from),
          to: move(slip.to ?? (next ? next.from : data.due)),
          reason: slip.reason,
          status: slip.status,
          requestedBy: person(slip.by).id,
          decidedBy: decided ? person(slip.decidedBy ?? slip.by).id : null,
          decidedAt: decided ? at : null,
          createdBy: person(slip.by).id,
          createdAt: at,
          updatedAt: at,
        });
        bump(counts, 'dueDateChanges');
      }

      let before = { status: 'NOT_STARTED' as typeof commitment.status, progress: 0 };
      for (const update of updates) {
        const author = person(update.author).id;
        const progressUpdate = em.create(ProgressUpdateSchema, {
          commitment: commitment.id,
          author,
          statusBefore: before.status,
          status: update.status,
          progressBefore: before.progress,
          progress: update.progress,
          note: update.note,
          noteKm: update.noteKm,
          createdBy: author,
          createdAt: update.at,
          updatedAt: update.at,
        });
        bump(counts, 'progressUpdates');
        for (const evidence of update.evidence ?? []) {
          em.create(EvidenceSchema, {
            progressUpdate: progressUpdate.id,
            commitment: commitment.id,
            kind: 'LINK',
            url: evidence.url,
            title: evidence.title,
            createdBy: author,
            createdAt: update.at,
            updatedAt: update.at,
          });
          bump(counts, 'evidence');
        }
        before = { status: update.status, progress: update.progress };
      }
    }
  });
}
