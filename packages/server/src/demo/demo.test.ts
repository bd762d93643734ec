import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { partner, secretariat } from '../../test/viewers.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import {
  CLOSED_STATUSES,
  COMMITMENT_STATUSES,
  CommitmentSchema,
  CommitmentSupporterSchema,
  EvidenceSchema,
  ProgressUpdateSchema,
} from '../modules/commitments/commitment.entity.js';
import { MeetingSchema } from '../modules/meetings/meeting.entity.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';
import { GcmObjectiveSchema } from '../modules/plans/plan.entity.js';
import { demoLogins, demoPeople } from './demo-data.js';
import { loadDemo, loadDemoIfEmpty } from './demo.service.js';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('demo data set', () => {
  it('loads into an empty database and says what it loaded', async () => {
    const counts = await loadDemoIfEmpty(db.orm);
    expect(counts).toEqual({
      organizations: 12,
      people: 20,
      gcmObjectivesTranslated: 0,
      plans: 1,
      planGoals: 3,
      planObjectives: 9,
      meetingSeries: 1,
      meetings: 3,
      agendaItems: 11,
      participations: 33,
      decisions: 7,
      commitments: 12,
      progressUpdates: 24,
      evidence: 8,
      dueDateChanges: 3,
      reportingPeriods: 2,
    });
  });

  it('has real organisations with Khmer names, and invented people with example contacts', async () => {
    const em = db.orm.em.fork();
    const organizations = await em.find(OrganizationSchema, {});
    const byAcronym = new Map(organizations.map((o) => [o.acronym, o]));
    expect(byAcronym.get('NCCT')).toMatchObject({
      kind: 'COMMITTEE',
      nameKm: 'គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស',
    });
    expect(byAcronym.get('GDI')!.parent).toBe(byAcronym.get('MOI')!.id);
    expect(organizations.every((o) => o.name && o.nameKm)).toBe(true);

    const people = await em.find(PersonSchema, {});
    expect(people.every((p) => p.email?.endsWith('@example.org') && p.fullNameKm && p.positionKm)).toBe(true);
    const focalOrganizations = new Set(people.filter((p) => p.isFocalPoint).map((p) => p.organization));
    for (const ministry of ['MOI', 'MOLVT', 'MFAIC', 'MOSVY', 'MOJ', 'MOWA', 'GDI']) {
      expect(focalOrganizations.has(byAcronym.get(ministry)!.id)).toBe(true);
    }

    expect(demoLogins.map((login) => login.role).sort()).toEqual(['ADMIN', 'FOCAL_POINT', 'PARTNER', 'SECRETARIAT']);
    for (const login of demoLogins) {
      const person = people.find((p) => p.email === login.email);
      expect(person?.fullName).toBe(login.personName);
      expect(person?.organization).toBe(byAcronym.get(login.organizationAcronym)!.id);
    }
    expect(demoPeople.find((p) => p.loginRole === 'FOCAL_POINT')?.isFocalPoint).toBe(true);

    const gcm = await em.findOneOrFail(GcmObjectiveSchema, { number: 11 });
    expect(gcm.titleKm).toContain('ព្រំដែន');
  });

  it('has the 1 November 2023 plenary, the February follow-up and a planned meeting', async () => {
    const meetings = await db.orm.em.fork().find(MeetingSchema, {}, { orderBy: { startsAt: 'asc' } });
    expect(meetings.map((m) => [m.kind, m.status, m.visibility])).toEqual([
      ['PLENARY', 'MINUTES_APPROVED', 'PUBLIC'],
      ['TECHNICAL_WORKING_GROUP', 'HELD', 'INTERNAL'],
      ['TECHNICAL_WORKING_GROUP', 'PLANNED', 'INTERNAL'],
    ]);
    expect(meetings[0].startsAt.toISOString()).toBe('2023-11-01T01:00:00.000Z');
    expect(meetings[1].series).toBeTruthy();
    expect(meetings[2].series).toBe(meetings[1].series);
    expect(meetings[2].startsAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('has commitments in every status, some overdue, with evidence, reasons and partners', async () => {
    const em = db.orm.em.fork();
    const commitments = await em.find(CommitmentSchema, {}, { orderBy: { reference: 'asc' } });
    expect(commitments).toHaveLength(12);
    expect(new Set(commitments.map((c) => c.status))).toEqual(new Set(COMMITMENT_STATUSES));
    expect(commitments.filter((c) => c.reference.startsWith('NCCT-2023-11-01-C'))).toHaveLength(9);
    expect(commitments.filter((c) => c.reference.startsWith('NCCT-2024-02-20-C'))).toHaveLength(3);

    const overdue = commitments.filter((c) => c.dueDate && c.dueDate < today && !CLOSED_STATUSES.includes(c.status));
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(commitments.some((c) => c.dueDate && c.dueDate > today && !CLOSED_STATUSES.includes(c.status))).toBe(true);

    const evidence = await em.find(EvidenceSchema, {});
    expect(evidence.every((e) => e.url?.startsWith('https://example.org/'))).toBe(true);
    for (const done of commitments.filter((c) => c.status === 'COMPLETED' || c.status === 'VERIFIED')) {
      expect(evidence.some((e) => e.commitment === done.id)).toBe(true);
      expect(done.progress).toBe(100);
    }
    const cancelled = commitments.find((c) => c.status === 'CANCELLED')!;
    expect(cancelled.statusReason).toMatch(/Replaced by/);

    expect(new Set(commitments.map((c) => c.visibility))).toEqual(new Set(['PUBLIC', 'PARTNERS', 'INTERNAL']));
    expect(commitments.every((c) => c.gcmObjectives.length > 0 && c.titleKm && c.assignee)).toBe(true);
    expect(await em.count(CommitmentSupporterSchema, {})).toBeGreaterThan(12);

    const updates = await em.find(ProgressUpdateSchema, {}, { orderBy: { createdAt: 'asc' } });
    expect(updates.every((u) => u.noteKm && u.createdAt.getTime() <= Date.now())).toBe(true);
    for (const commitment of commitments) {
      const own = updates.filter((u) => u.commitment === commitment.id);
      if (own.length === 0) continue;
      expect(own.at(-1)!.status).toBe(commitment.status);
      expect(commitment.lastUpdateAt?.getTime()).toBe(own.at(-1)!.createdAt.getTime());
      for (let i = 1; i < own.length; i++) expect(own[i].statusBefore).toBe(own[i - 1].status);
    }

    // The load is one event; its reporting periods were created and closed through the product, audited.
    const audit = await em.find(AuditEventSchema, {}, { orderBy: { at: 'asc' } });
    expect(audit.filter((e) => e.entityType !== 'ReportingPeriod')).toEqual([
      expect.objectContaining({ entityType: 'Demo', operation: 'loadDemo', actorLabel: 'demo' }),
    ]);
    expect(audit.filter((e) => e.entityType === 'ReportingPeriod').map((e) => e.operation)).toEqual([
      'create',
      'close',
      'create',
      'close',
    ]);
  });

  it('follows up across meetings: a series of three, matters arising, slipped due dates, closed quarters', async () => {
    const api = await createTestApi(db.orm);
    try {
      const result = await api.run(
        secretariat,
        `{ meetings(first: 10, orderBy: { field: STARTS_AT, direction: ASC }) { nodes { status series { cadence organizer { acronym } }
            agendaItems { title } previousInSeries { startsAt } mattersArising { reference isOverdue dueDateChanges { status } }
            progressSincePrevious { completed becameOverdue withoutUpdate } } }
          reportingPeriods { nodes { title closedAt report(groupBy: ORGANIZATION) { created completed verified groups { key } } } }
          commitments(first: 50) { nodes { reference originalDueDate dueDate slippedDays dueDateChanges { status reason } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const [plenary, february, planned] = result.data!.meetings.nodes;
      for (const meeting of [plenary, february, planned])
        expect(meeting.series).toEqual({ cadence: 'FREQ=MONTHLY;INTERVAL=3', organizer: { acronym: 'NCCT' } });
      expect(plenary.mattersArising).toEqual([]);
      // February reviewed the plenary's commitments that were still open then; the planned one reviews both.
      expect(february.mattersArising.length).toBeGreaterThan(3);
      expect(february.mattersArising.every((c: any) => c.reference.startsWith('NCCT-2023-11-01-'))).toBe(true);
      expect(planned.agendaItems[0].title).toBe('Matters arising / review of commitments');
      expect(planned.mattersArising.some((c: any) => c.reference.startsWith('NCCT-2024-02-20-'))).toBe(true);
      expect(planned.mattersArising[0].isOverdue).toBe(true);
      expect(planned.progressSincePrevious.completed + planned.progressSincePrevious.withoutUpdate).toBeGreaterThan(0);

      const slipped = result.data!.commitments.nodes.filter((c: any) => c.dueDateChanges.length > 0);
      expect(slipped.map((c: any) => c.dueDateChanges.map((d: any) => d.status)).sort()).toEqual([
        ['ACCEPTED'],
        ['APPLIED'],
        ['REQUESTED'],
      ]);
      expect(slipped.filter((c: any) => c.slippedDays > 0)).toHaveLength(2);

      const periods = result.data!.reportingPeriods.nodes;
      expect(periods.map((p: any) => p.title)).toEqual(['Q1 2024', 'Q4 2023']);
      expect(periods.every((p: any) => p.closedAt)).toBe(true);
      // The plenary's nine commitments were recorded in Q4 2023; the February meeting's three in Q1 2024.
      expect(periods[1].report.created).toBe(9);
      expect(periods[0].report.created).toBe(3);
      expect(periods[0].report.groups.length).toBeGreaterThan(1);
    } finally {
      await api.stop();
    }
  });

  it('serves its plan through the API', async () => {
    const api = await createTestApi(db.orm);
    try {
      const result = await api.run(
        partner,
        '{ plans { nodes { title periodStart goals { position objectives { code gcmObjectives { number } } } } } }',
      );
      const plan = result.data!.plans.nodes[0];
      expect(plan.title).toBe('National Plan for the Implementation of the GCM 2024–2026');
      expect(plan.goals.map((g: { objectives: { code: string }[] }) => g.objectives[0].code)).toEqual([
        '1.1',
        '2.1',
        '3.1',
      ]);
      expect(plan.goals[0].objectives[0].gcmObjectives).toEqual([{ number: 1 }]);
    } finally {
      await api.stop();
    }
  });

  it('refuses a database that holds data unless forced, and then adds meetings with new references', async () => {
    expect(await loadDemo(db.orm)).toBe('not-empty');
    expect(await loadDemoIfEmpty(db.orm)).toBeUndefined();

    const counts = await loadDemo(db.orm, { force: true });
    expect(counts).toMatchObject({
      organizations: 0,
      people: 0,
      plans: 0,
      meetingSeries: 0,
      meetings: 3,
      commitments: 12,
    });
    const em = db.orm.em.fork();
    const references = (await em.find(CommitmentSchema, {})).map((c) => c.reference);
    expect(new Set(references).size).toBe(24);
    expect(await em.count(OrganizationSchema, {})).toBe(12);
  });

  it('multiplies meetings and commitments with --scale, with unique references spread over time', async () => {
    const big = await createTestDatabase();
    try {
      const counts = await loadDemo(big.orm, { scale: 3 });
      expect(counts).toMatchObject({ organizations: 12, people: 20, plans: 1, meetings: 9, commitments: 36 });
      const em = big.orm.em.fork();
      const commitments = await em.find(CommitmentSchema, {});
      expect(commitments).toHaveLength(36);
      expect(new Set(commitments.map((c) => c.reference)).size).toBe(36);
      for (const c of commitments) expect(c.reference).toMatch(/^[A-Z]+-\d{4}-\d{2}-\d{2}-C\d+$/);

      const meetings = await em.find(MeetingSchema, {});
      expect(new Set(meetings.map((m) => m.startsAt.toISOString())).size).toBe(9);
      for (const meeting of meetings) {
        if (meeting.status === 'PLANNED') expect(meeting.startsAt.getTime()).toBeGreaterThan(Date.now());
        else expect(meeting.startsAt.getTime()).toBeLessThan(Date.now());
      }
      expect(await em.count(ProgressUpdateSchema, {})).toBe(72);
    } finally {
      await big.drop();
    }
  });
});
