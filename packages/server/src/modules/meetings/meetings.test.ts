import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { anonymous } from '../../auth/viewer.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import type { Visibility } from '../../db/base.entity.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { closeApiSuite, openApiSuite, type TestApi } from '../../test-support/api-suite.js';
import type { TestFactories } from '../../test-support/factories.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import {
  AgendaItemSchema,
  MeetingSchema,
  MeetingSeriesSchema,
  type MeetingStatus,
  ParticipationSchema,
} from './meeting.entity.js';

let db: TestDatabase;
let make: TestFactories;
let api: TestApi;
let publicApi: TestApi;
let ncct: string;
let mol: string;
let iom: string;
let chair: string;
let homeless: string;
let clerk: string;

const gid = toGlobalId;

// This file's defaults over the shared factories: planned working-group meetings of the NCCT.
const org = async (acronym: string) => (await make.organization(acronym)).id;
const person = async (fullName: string, organization: string | null) =>
  (await make.person(organization, fullName, { isFocalPoint: false })).id;

/** A meeting inserted directly, in any status. */
const meeting = (
  fields: Partial<{
    title: string | null;
    titleKm: string | null;
    status: MeetingStatus;
    visibility: Visibility;
    organizer: string;
    startsAt: Date;
    series: string | null;
    location: string | null;
  }> = {},
) =>
  make.meeting({ organizer: ncct, kind: 'TECHNICAL_WORKING_GROUP', status: 'PLANNED', title: 'A meeting', ...fields });

const agendaItem = (meetingId: string, position: number, minutes: string | null = null) =>
  make.agendaItem(meetingId, position, { minutes });

const decision = (meetingId: string, agendaItemId: string | null = null) =>
  make.decision(meetingId, { agendaItem: agendaItemId, text: 'Agreed' });

const auditCount = (where: Record<string, unknown> = {}) => db.orm.em.fork().count(AuditEventSchema, where);

function fieldsOf(result: { errors?: { extensions?: Record<string, any> }[] }): string[] {
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  return result.errors![0].extensions!.fields.map((f: { field: string }) => f.field);
}

beforeAll(async () => {
  ({ db, make, api, publicApi } = await openApiSuite());
  ncct = await org('NCCT');
  mol = await org('MOLVT');
  iom = await org('IOM');
  chair = await person('H.E. Chou Bun Eng', ncct);
  homeless = await person('Independent Expert', null);
  clerk = await person('Secretariat Clerk', ncct);
});
afterAll(() => closeApiSuite({ db, api, publicApi }));

const CREATE = `mutation ($input: CreateMeetingInput!) {
  createMeeting(input: $input) {
    meeting { id title titleKm kind status startsAt endsAt location visibility version
      organizer { acronym } chair { fullName } series { title } agendaItems { id title } participations { role } decisions { id } }
  }
}`;
const UPDATE = `mutation ($input: UpdateMeetingInput!) {
  updateMeeting(input: $input) { meeting { id title location visibility version status } }
}`;
const HELD = `mutation ($input: MarkMeetingHeldInput!) { markMeetingHeld(input: $input) { meeting { status version } } }`;
const APPROVE = `mutation ($input: ApproveMinutesInput!) {
  approveMinutes(input: $input) { meeting { status version minutesApprovedAt } }
}`;
const CANCEL = `mutation ($input: CancelMeetingInput!) {
  cancelMeeting(input: $input) { meeting { status version cancellationReason } }
}`;
const ADD_ITEM = `mutation ($input: AddAgendaItemInput!) {
  addAgendaItem(input: $input) { agendaItem { id position title titleKm version presenter { fullName } } meeting { agendaItems { title position } } }
}`;
const UPDATE_ITEM = `mutation ($input: UpdateAgendaItemInput!) {
  updateAgendaItem(input: $input) { agendaItem { id title minutes minutesKm version presenter { fullName } } }
}`;
const REVISE = `mutation ($input: ReviseMinutesInput!) {
  reviseMinutes(input: $input) {
    agendaItem { minutes minutesKm version revisions { reason minutesBefore minutesAfter revisedBy { fullName } at } }
    revision { reason minutesBefore minutesKmBefore minutesAfter minutesKmAfter at }
  }
}`;
const REORDER = `mutation ($input: ReorderAgendaItemsInput!) {
  reorderAgendaItems(input: $input) { meeting { agendaItems { id title position version } } }
}`;
const REMOVE_ITEM = `mutation ($input: RemoveAgendaItemInput!) {
  removeAgendaItem(input: $input) { meeting { agendaItems { title position } } }
}`;
const SET_PARTICIPATION = `mutation ($input: SetParticipationInput!) {
  setParticipation(input: $input) {
    participation { person { fullName } organization { acronym } role attendance }
    meeting { participations { person { fullName } attendance } }
  }
}`;
const REMOVE_PARTICIPATION = `mutation ($input: RemoveParticipationInput!) {
  removeParticipation(input: $input) { meeting { participations { person { fullName } } } }
}`;
const RECORD = `mutation ($input: RecordDecisionInput!) {
  recordDecision(input: $input) { decision { id text textKm position agendaItem { title } meeting { title } } }
}`;
const UPDATE_DECISION = `mutation ($input: UpdateDecisionInput!) {
  updateDecision(input: $input) { decision { id text textKm agendaItem { title } } }
}`;

describe('createMeeting and updateMeeting', () => {
  it('creates a PLANNED, INTERNAL meeting and audits it', async () => {
    const series = await api.run(
      secretariat,
      `mutation { createMeetingSeries(input: { title: "Quarterly TWG", titleKm: "កិច្ចប្រជុំប្រចាំត្រីមាស" }) { series { id title } } }`,
    );
    expect(series.errors).toBeUndefined();
    const result = await api.run(secretariat, CREATE, {
      input: {
        title: '  NCCT annual review ',
        titleKm: 'កិច្ចប្រជុំពិនិត្យប្រចាំឆ្នាំ',
        kind: 'PLENARY',
        startsAt: '2023-11-01T02:00:00Z',
        endsAt: '2023-11-01T05:00:00Z',
        location: 'Phnom Penh',
        organizerId: gid('Organization', ncct),
        chairId: gid('Person', chair),
        seriesId: series.data!.createMeetingSeries.series.id,
      },
    });
    expect(result.errors).toBeUndefined();
    const created = result.data!.createMeeting.meeting;
    expect(created).toMatchObject({
      title: 'NCCT annual review',
      kind: 'PLENARY',
      status: 'PLANNED',
      visibility: 'INTERNAL',
      version: 1,
      startsAt: new Date('2023-11-01T02:00:00.000Z'),
      organizer: { acronym: 'NCCT' },
      chair: { fullName: 'H.E. Chou Bun Eng' },
      series: { title: 'Quarterly TWG' },
      // A meeting of a series opens with the review of what earlier meetings committed (DESIGN.md §7).
      agendaItems: [expect.objectContaining({ title: 'Matters arising / review of commitments' })],
      participations: [],
      decisions: [],
    });
    const events = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Meeting', operation: 'create' });
    expect(events).toHaveLength(1);
    expect(events[0].changes).toMatchObject({
      title: { before: null, after: 'NCCT annual review' },
      status: { before: null, after: 'PLANNED' },
    });
    expect(await auditCount({ entityType: 'MeetingSeries', operation: 'create' })).toBe(1);
  });

  it('reports every bad field and writes nothing', async () => {
    const before = await auditCount();
    const result = await api.run(secretariat, CREATE, {
      input: {
        title: ' ',
        kind: 'PLENARY',
        startsAt: '2024-01-01T05:00:00Z',
        endsAt: '2024-01-01T04:00:00Z',
        location: 'x'.repeat(501),
        organizerId: gid('Organization', '00000000-0000-4000-8000-000000000000'),
        chairId: gid('Person', '00000000-0000-4000-8000-000000000000'),
        seriesId: gid('MeetingSeries', '00000000-0000-4000-8000-000000000000'),
      },
    });
    expect(fieldsOf(result)).toEqual(['location', 'title', 'endsAt', 'organizerId', 'chairId', 'seriesId']);
    expect(result.errors![0].extensions!.fields[2].message).toBe('the meeting must end after it starts');

    const wrongTypes = await api.run(secretariat, CREATE, {
      input: {
        title: 'x',
        kind: 'PLENARY',
        startsAt: '2024-01-01T05:00:00Z',
        organizerId: gid('Person', chair),
        chairId: gid('Organization', ncct),
        seriesId: 'nonsense',
      },
    });
    expect(fieldsOf(wrongTypes)).toEqual(['organizerId', 'chairId', 'seriesId']);

    const equal = await api.run(secretariat, CREATE, {
      input: {
        titleKm: 'ប្រជុំ',
        kind: 'OTHER',
        startsAt: '2024-01-01T05:00:00Z',
        endsAt: '2024-01-01T05:00:00Z',
        organizerId: gid('Organization', ncct),
      },
    });
    expect(fieldsOf(equal)).toEqual(['endsAt']);
    expect(await auditCount()).toBe(before);
    expect(await db.orm.em.fork().count(MeetingSchema, { titleKm: 'ប្រជុំ' })).toBe(0);
  });

  it('lets only the secretariat write', async () => {
    const input = {
      title: 'x',
      kind: 'OTHER',
      startsAt: '2024-01-01T05:00:00Z',
      organizerId: gid('Organization', ncct),
    };
    for (const viewer of [partner, focalPoint(ncct)]) {
      const result = await api.run(viewer, CREATE, { input });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const anon = await api.run(anonymous, CREATE, { input });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const m = await meeting();
    const held = await api.run(partner, HELD, { input: { id: m.gid, version: 1 } });
    expect(held.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('updates with the current version, and refuses a stale one with CONFLICT, writing nothing', async () => {
    const m = await meeting({ title: 'Old' });
    const ok = await api.run(secretariat, UPDATE, {
      input: { id: m.gid, version: 1, title: 'New', location: 'Siem Reap' },
    });
    expect(ok.data!.updateMeeting.meeting).toMatchObject({ title: 'New', location: 'Siem Reap', version: 2 });
    const events = await db.orm.em.fork().find(AuditEventSchema, { entityId: m.id, operation: 'update' });
    expect(events.map((e) => e.changes)).toEqual([
      { title: { before: 'Old', after: 'New' }, location: { before: null, after: 'Siem Reap' } },
    ]);

    const stale = await api.run(secretariat, UPDATE, { input: { id: m.gid, version: 1, title: 'Lost' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const row = await db.orm.em.fork().findOneOrFail(MeetingSchema, { id: m.id });
    expect(row).toMatchObject({ title: 'New', version: 2 });
    expect(await auditCount({ entityId: m.id })).toBe(1);

    const cleared = await api.run(secretariat, UPDATE, { input: { id: m.gid, version: 2, title: null } });
    expect(fieldsOf(cleared)).toEqual(['title']);
    const badEnd = await api.run(secretariat, UPDATE, {
      input: { id: m.gid, version: 2, endsAt: '2024-02-01T00:00:00Z' },
    });
    expect(fieldsOf(badEnd)).toEqual(['endsAt']);
    const missing = await api.run(secretariat, UPDATE, {
      input: { id: gid('Meeting', '00000000-0000-4000-8000-000000000000'), version: 1, title: 'x' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('once minutes are approved, changes only visibility and series', async () => {
    const m = await meeting({ status: 'MINUTES_APPROVED', title: 'Approved' });
    const refused = await api.run(secretariat, UPDATE, {
      input: { id: m.gid, version: 1, title: 'Rewritten', visibility: 'PUBLIC' },
    });
    expect(fieldsOf(refused)).toEqual(['title']);
    const published = await api.run(secretariat, UPDATE, {
      input: { id: m.gid, version: 1, title: 'Approved', visibility: 'PUBLIC' },
    });
    expect(published.data!.updateMeeting.meeting).toMatchObject({ visibility: 'PUBLIC', version: 2 });
  });
});

describe('status transitions', () => {
  const mutations = {
    markHeld: { query: HELD, field: 'markMeetingHeld' },
    approveMinutes: { query: APPROVE, field: 'approveMinutes' },
    cancel: { query: CANCEL, field: 'cancelMeeting' },
  } as const;
  const cases: [MeetingStatus, keyof typeof mutations, MeetingStatus | null][] = [
    ['PLANNED', 'markHeld', 'HELD'],
    ['PLANNED', 'approveMinutes', null],
    ['PLANNED', 'cancel', 'CANCELLED'],
    ['HELD', 'markHeld', null],
    ['HELD', 'approveMinutes', 'MINUTES_APPROVED'],
    ['HELD', 'cancel', null],
    ['MINUTES_APPROVED', 'markHeld', null],
    ['MINUTES_APPROVED', 'approveMinutes', null],
    ['MINUTES_APPROVED', 'cancel', null],
    ['CANCELLED', 'markHeld', null],
    ['CANCELLED', 'approveMinutes', null],
    ['CANCELLED', 'cancel', null],
  ];
  for (const [from, operation, to] of cases) {
    it(`${from} --${operation}--> ${to ?? 'refused'}`, async () => {
      const m = await meeting({ status: from });
      const { query, field } = mutations[operation];
      const result = await api.run(secretariat, query, {
        input: { id: m.gid, version: 1, ...(operation === 'cancel' ? { reason: 'Minister unavailable' } : {}) },
      });
      if (to) {
        expect(result.errors).toBeUndefined();
        expect(result.data![field].meeting).toMatchObject({ status: to, version: 2 });
        const [event] = await db.orm.em.fork().find(AuditEventSchema, { entityId: m.id });
        expect(event).toMatchObject({ entityType: 'Meeting', operation });
        expect(event.changes).toMatchObject({ status: { before: from, after: to } });
        if (operation === 'cancel') {
          expect(result.data![field].meeting.cancellationReason).toBe('Minister unavailable');
        }
        if (operation === 'approveMinutes') expect(result.data![field].meeting.minutesApprovedAt).toBeTruthy();
      } else {
        expect(result.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'status', message: expect.stringContaining(`the meeting is ${from}`) }],
        });
        const row = await db.orm.em.fork().findOneOrFail(MeetingSchema, { id: m.id });
        expect(row).toMatchObject({ status: from, version: 1 });
        expect(await auditCount({ entityId: m.id })).toBe(0);
      }
    });
  }

  it('needs a reason to cancel, and the current version', async () => {
    const m = await meeting();
    const noReason = await api.run(secretariat, CANCEL, { input: { id: m.gid, version: 1, reason: '  ' } });
    expect(fieldsOf(noReason)).toEqual(['reason']);
    const stale = await api.run(secretariat, HELD, { input: { id: m.gid, version: 7 } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect(await auditCount({ entityId: m.id })).toBe(0);
  });
});

describe('agenda and minutes', () => {
  it('adds, inserts, reorders and removes items, keeping positions 1..n', async () => {
    const m = await meeting();
    const first = await api.run(secretariat, ADD_ITEM, {
      input: { meetingId: m.gid, title: 'Opening', presenterId: gid('Person', chair) },
    });
    expect(first.data!.addAgendaItem.agendaItem).toMatchObject({
      position: 1,
      version: 1,
      presenter: { fullName: 'H.E. Chou Bun Eng' },
    });
    await api.run(secretariat, ADD_ITEM, { input: { meetingId: m.gid, title: 'Closing' } });
    const inserted = await api.run(secretariat, ADD_ITEM, {
      input: { meetingId: m.gid, titleKm: 'របាយការណ៍', position: 2 },
    });
    expect(inserted.data!.addAgendaItem.meeting.agendaItems).toEqual([
      { title: 'Opening', position: 1 },
      { title: null, position: 2 },
      { title: 'Closing', position: 3 },
    ]);

    const items = (
      await db.orm.em.fork().find(AgendaItemSchema, { meeting: m.id }, { orderBy: { position: 'asc' } })
    ).map((item) => gid('AgendaItem', item.id));
    const reordered = await api.run(secretariat, REORDER, {
      input: { meetingId: m.gid, agendaItemIds: [items[2], items[0], items[1]] },
    });
    expect(reordered.errors).toBeUndefined();
    expect(
      reordered.data!.reorderAgendaItems.meeting.agendaItems.map((i: any) => [i.title, i.position, i.version]),
    ).toEqual([
      ['Closing', 1, 1],
      ['Opening', 2, 1],
      [null, 3, 1],
    ]);
    expect(await auditCount({ entityId: m.id, operation: 'reorder' })).toBe(1);

    const incomplete = await api.run(secretariat, REORDER, { input: { meetingId: m.gid, agendaItemIds: [items[0]] } });
    expect(fieldsOf(incomplete)).toEqual(['agendaItemIds']);
    const foreign = await api.run(secretariat, REORDER, {
      input: { meetingId: m.gid, agendaItemIds: [items[0], items[1], m.gid] },
    });
    expect(fieldsOf(foreign)).toEqual(['agendaItemIds[2]']);

    const removed = await api.run(secretariat, REMOVE_ITEM, { input: { id: items[0] } });
    expect(removed.data!.removeAgendaItem.meeting.agendaItems).toEqual([
      { title: 'Closing', position: 1 },
      { title: null, position: 2 },
    ]);
    const [event] = await db.orm.em.fork().find(AuditEventSchema, { operation: 'remove', entityType: 'AgendaItem' });
    expect(event.changes).toMatchObject({ title: { before: 'Opening', after: null } });
  });

  it('refuses bad agenda input per field', async () => {
    const m = await meeting();
    const result = await api.run(secretariat, ADD_ITEM, {
      input: { meetingId: m.gid, title: '', presenterId: gid('Organization', ncct), position: 5 },
    });
    expect(fieldsOf(result)).toEqual(['presenterId']);
    const second = await api.run(secretariat, ADD_ITEM, {
      input: {
        meetingId: m.gid,
        title: '',
        presenterId: gid('Person', '00000000-0000-4000-8000-000000000000'),
        position: 5,
      },
    });
    expect(fieldsOf(second)).toEqual(['title', 'presenterId', 'position']);
    const noMeeting = await api.run(secretariat, ADD_ITEM, {
      input: { meetingId: gid('Meeting', '00000000-0000-4000-8000-000000000000'), title: 'x' },
    });
    expect(fieldsOf(noMeeting)).toEqual(['meetingId']);
  });

  it('autosaves minutes with optimistic locking', async () => {
    const m = await meeting({ status: 'HELD' });
    const item = await agendaItem(m.id, 1);
    const saved = await api.run(secretariat, UPDATE_ITEM, {
      input: { id: item.gid, version: 1, minutes: '**Agreed** to share data', minutesKm: 'បានព្រមព្រៀង' },
    });
    expect(saved.data!.updateAgendaItem.agendaItem).toMatchObject({
      minutes: '**Agreed** to share data',
      minutesKm: 'បានព្រមព្រៀង',
      version: 2,
    });
    const stale = await api.run(secretariat, UPDATE_ITEM, { input: { id: item.gid, version: 1, minutes: 'Lost' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const row = await db.orm.em.fork().findOneOrFail(AgendaItemSchema, { id: item.id });
    expect(row.minutes).toBe('**Agreed** to share data');
    expect(await auditCount({ entityId: item.id })).toBe(1);
    const tooLong = await api.run(secretariat, UPDATE_ITEM, {
      input: { id: item.gid, version: 2, minutes: 'x'.repeat(200_001), title: null },
    });
    expect(fieldsOf(tooLong)).toEqual(['minutes', 'title']);
  });

  it('lets only one of two concurrent saves of the same version through', async () => {
    const m = await meeting();
    const item = await agendaItem(m.id, 1);
    const results = await Promise.all(
      ['First writer', 'Second writer'].map((minutes) =>
        api.run(secretariat, UPDATE_ITEM, { input: { id: item.gid, version: 1, minutes } }),
      ),
    );
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const conflict = results.find((r) => r.errors)!;
    expect(conflict.errors![0].extensions!.currentVersion).toBe(2);
    expect(await auditCount({ entityId: item.id })).toBe(1);
  });

  it('freezes minutes, agenda and decisions on approval; reviseMinutes keeps the earlier text', async () => {
    const m = await meeting({ status: 'HELD' });
    const item = await agendaItem(m.id, 1, 'Draft text');
    const other = await agendaItem(m.id, 2);
    const d = await decision(m.id, item.id);
    const early = await api.run(secretariat, REVISE, {
      input: { agendaItemId: item.gid, version: 1, minutes: 'x', reason: 'typo' },
    });
    expect(fieldsOf(early)).toEqual(['agendaItemId']);

    const approved = await api.run(secretariat, APPROVE, { input: { id: m.gid, version: 1 } });
    expect(approved.data!.approveMinutes.meeting.status).toBe('MINUTES_APPROVED');

    const edit = await api.run(secretariat, UPDATE_ITEM, { input: { id: item.gid, version: 1, minutes: 'Changed' } });
    expect(edit.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'minutes', message: expect.stringContaining('use reviseMinutes') }],
    });
    const rename = await api.run(secretariat, UPDATE_ITEM, { input: { id: item.gid, version: 1, title: 'Renamed' } });
    expect(fieldsOf(rename)).toEqual(['title']);
    const add = await api.run(secretariat, ADD_ITEM, { input: { meetingId: m.gid, title: 'Late item' } });
    expect(fieldsOf(add)).toEqual(['meetingId']);
    const reorder = await api.run(secretariat, REORDER, {
      input: { meetingId: m.gid, agendaItemIds: [other.gid, item.gid] },
    });
    expect(fieldsOf(reorder)).toEqual(['meetingId']);
    const remove = await api.run(secretariat, REMOVE_ITEM, { input: { id: other.gid } });
    expect(fieldsOf(remove)).toEqual(['id']);
    const record = await api.run(secretariat, RECORD, { input: { meetingId: m.gid, text: 'Late decision' } });
    expect(fieldsOf(record)).toEqual(['meetingId']);
    const changeDecision = await api.run(secretariat, UPDATE_DECISION, { input: { id: d.gid, text: 'Rewritten' } });
    expect(fieldsOf(changeDecision)).toEqual(['id']);
    const attend = await api.run(secretariat, SET_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Person', chair), role: 'CHAIR', attendance: 'ATTENDED' },
    });
    expect(fieldsOf(attend)).toEqual(['meetingId']);

    const noReason = await api.run(secretariat, REVISE, {
      input: { agendaItemId: item.gid, version: 1, minutes: 'Corrected text', reason: ' ' },
    });
    expect(fieldsOf(noReason)).toEqual(['reason']);
    const same = await api.run(secretariat, REVISE, {
      input: { agendaItemId: item.gid, version: 1, minutes: 'Draft text', reason: 'no change' },
    });
    expect(fieldsOf(same)).toEqual(['minutes']);
    const staleRevision = await api.run(secretariat, REVISE, {
      input: { agendaItemId: item.gid, version: 9, minutes: 'Corrected text', reason: 'typo' },
    });
    expect(staleRevision.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });

    const clerkViewer = { ...secretariat, personId: clerk };
    const revised = await api.run(clerkViewer, REVISE, {
      input: { agendaItemId: item.gid, version: 1, minutes: 'Corrected text', reason: 'Wrong figure in paragraph 2' },
    });
    expect(revised.errors).toBeUndefined();
    const payload = revised.data!.reviseMinutes;
    expect(payload.revision).toMatchObject({
      reason: 'Wrong figure in paragraph 2',
      minutesBefore: 'Draft text',
      minutesAfter: 'Corrected text',
      minutesKmBefore: null,
      minutesKmAfter: null,
    });
    expect(payload.agendaItem).toMatchObject({ minutes: 'Corrected text', version: 2 });
    expect(payload.agendaItem.revisions).toEqual([
      {
        reason: 'Wrong figure in paragraph 2',
        minutesBefore: 'Draft text',
        minutesAfter: 'Corrected text',
        revisedBy: { fullName: 'Secretariat Clerk' },
        at: expect.any(Date),
      },
    ]);
    const [event] = await db.orm.em.fork().find(AuditEventSchema, { entityId: item.id, operation: 'reviseMinutes' });
    expect(event.actor).toBe(clerk);
    expect(event.changes).toMatchObject({
      minutes: { before: 'Draft text', after: 'Corrected text' },
      reason: { after: 'Wrong figure in paragraph 2' },
    });
  });

  it('refuses to remove an item that decisions refer to', async () => {
    const m = await meeting();
    const item = await agendaItem(m.id, 1);
    await decision(m.id, item.id);
    const result = await api.run(secretariat, REMOVE_ITEM, { input: { id: item.gid } });
    expect(fieldsOf(result)).toEqual(['id']);
    expect(await db.orm.em.fork().count(AgendaItemSchema, { id: item.id })).toBe(1);
  });
});

describe('participations and decisions', () => {
  it('upserts participation per meeting and person, defaulting to their organisation', async () => {
    const m = await meeting();
    const set = await api.run(secretariat, SET_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Person', chair), role: 'CHAIR', attendance: 'INVITED' },
    });
    expect(set.data!.setParticipation.participation).toEqual({
      person: { fullName: 'H.E. Chou Bun Eng' },
      organization: { acronym: 'NCCT' },
      role: 'CHAIR',
      attendance: 'INVITED',
    });
    const again = await api.run(secretariat, SET_PARTICIPATION, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', chair),
        organizationId: gid('Organization', mol),
        role: 'CHAIR',
        attendance: 'ATTENDED',
      },
    });
    expect(again.data!.setParticipation.meeting.participations).toEqual([
      { person: { fullName: 'H.E. Chou Bun Eng' }, attendance: 'ATTENDED' },
    ]);
    expect(await db.orm.em.fork().count(ParticipationSchema, { meeting: m.id })).toBe(1);
    const events = await db.orm.em
      .fork()
      .find(AuditEventSchema, { entityType: 'Participation' }, { orderBy: { at: 'asc' } });
    expect(events.map((e) => e.operation)).toEqual(['create', 'update']);
    expect(events[1].changes).toEqual({
      organization: { before: ncct, after: mol },
      attendance: { before: 'INVITED', after: 'ATTENDED' },
    });

    const homelessResult = await api.run(secretariat, SET_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Person', homeless), role: 'OBSERVER', attendance: 'CONFIRMED' },
    });
    expect(fieldsOf(homelessResult)).toEqual(['organizationId']);
    const noPerson = await api.run(secretariat, SET_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Organization', ncct), role: 'OBSERVER', attendance: 'CONFIRMED' },
    });
    expect(fieldsOf(noPerson)).toEqual(['personId']);

    const removed = await api.run(secretariat, REMOVE_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Person', chair) },
    });
    expect(removed.data!.removeParticipation.meeting.participations).toEqual([]);
    const notThere = await api.run(secretariat, REMOVE_PARTICIPATION, {
      input: { meetingId: m.gid, personId: gid('Person', chair) },
    });
    expect(fieldsOf(notThere)).toEqual(['personId']);
  });

  it('records and changes decisions, numbered in order', async () => {
    const m = await meeting({ title: 'Decisive' });
    const item = await agendaItem(m.id, 1);
    const elsewhere = await agendaItem((await meeting()).id, 1);
    const one = await api.run(secretariat, RECORD, {
      input: { meetingId: m.gid, agendaItemId: item.gid, text: 'Share data monthly', textKm: 'ចែករំលែកទិន្នន័យ' },
    });
    expect(one.data!.recordDecision.decision).toMatchObject({
      position: 1,
      agendaItem: { title: 'Item 1' },
      meeting: { title: 'Decisive' },
    });
    const two = await api.run(secretariat, RECORD, { input: { meetingId: m.gid, textKm: 'សម្រេច' } });
    expect(two.data!.recordDecision.decision).toMatchObject({ position: 2, agendaItem: null });
    const bad = await api.run(secretariat, RECORD, { input: { meetingId: m.gid, agendaItemId: elsewhere.gid } });
    expect(fieldsOf(bad)).toEqual(['text', 'agendaItemId']);
    const updated = await api.run(secretariat, UPDATE_DECISION, {
      input: { id: two.data!.recordDecision.decision.id, text: 'Decided', agendaItemId: item.gid },
    });
    expect(updated.data!.updateDecision.decision).toMatchObject({ text: 'Decided', agendaItem: { title: 'Item 1' } });
    const emptied = await api.run(secretariat, UPDATE_DECISION, {
      input: { id: one.data!.recordDecision.decision.id, text: null, textKm: '' },
    });
    expect(fieldsOf(emptied)).toEqual(['text']);
  });
});

describe('visibility', () => {
  let series: string;
  const ids: Record<string, string> = {};
  let internalItem: string;
  let internalDecision: string;

  beforeAll(async () => {
    const em = db.orm.em.fork();
    const row = em.create(MeetingSeriesSchema, { title: 'Visibility series' });
    await em.flush();
    series = row.id;
    ids.internalNcct = (await meeting({ title: 'internal NCCT', series })).gid;
    ids.internalMol = (await meeting({ title: 'internal MOLVT', organizer: mol, series })).gid;
    const joined = await meeting({ title: 'internal with IOM', series });
    ids.internalIom = joined.gid;
    const em2 = db.orm.em.fork();
    em2.create(ParticipationSchema, {
      meeting: joined.id,
      person: await person('IOM delegate', iom),
      organization: iom,
    });
    await em2.flush();
    ids.partners = (await meeting({ title: 'partners', visibility: 'PARTNERS', series })).gid;
    ids.public = (await meeting({ title: 'public', visibility: 'PUBLIC', series })).gid;
    const internal = await db.orm.em.fork().findOneOrFail(MeetingSchema, { title: 'internal NCCT', series });
    internalItem = (await agendaItem(internal.id, 1, 'secret minutes')).gid;
    internalDecision = (await decision(internal.id)).gid;
  });

  const LIST = `query ($series: ID!) {
    meetings(filter: { seriesId: $series }, orderBy: { field: TITLE, direction: ASC }) { totalCount nodes { title } }
  }`;
  const titles = (result: any) => ({
    total: result.data.meetings.totalCount,
    titles: result.data.meetings.nodes.map((n: { title: string }) => n.title),
  });

  it('shows partners PARTNERS and PUBLIC meetings only, in lists, totals and node()', async () => {
    const result = await api.run(partner, LIST, { series: gid('MeetingSeries', series) });
    expect(titles(result)).toEqual({ total: 2, titles: ['partners', 'public'] });
    for (const id of [ids.internalNcct, internalItem, internalDecision]) {
      const node = await api.run(partner, `query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect(node.errors).toBeUndefined();
      expect(node.data!.node).toBeNull();
    }
    const seriesNode = await api.run(
      partner,
      `query ($id: ID!) { node(id: $id) { ... on MeetingSeries { title meetings { totalCount nodes { title } } } } }`,
      { id: gid('MeetingSeries', series) },
    );
    const seriesMeetings = seriesNode.data!.node.meetings;
    expect(seriesMeetings.totalCount).toBe(2);
    expect(seriesMeetings.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['partners', 'public']);
  });

  it("shows a focal point their organisation's meetings, organised or attended", async () => {
    const ncctView = await api.run(focalPoint(ncct), LIST, { series: gid('MeetingSeries', series) });
    expect(titles(ncctView)).toEqual({
      total: 4,
      titles: ['internal NCCT', 'internal with IOM', 'partners', 'public'],
    });
    const iomView = await api.run(focalPoint(iom), LIST, { series: gid('MeetingSeries', series) });
    expect(titles(iomView)).toEqual({ total: 3, titles: ['internal with IOM', 'partners', 'public'] });
    const item = await api.run(
      focalPoint(ncct),
      `query ($id: ID!) { node(id: $id) { ... on AgendaItem { minutes meeting { title } } } }`,
      { id: internalItem },
    );
    expect(item.data!.node).toEqual({ minutes: 'secret minutes', meeting: { title: 'internal NCCT' } });
    const hidden = await api.run(focalPoint(iom), `query ($id: ID!) { node(id: $id) { id } }`, {
      id: internalDecision,
    });
    expect(hidden.data!.node).toBeNull();
  });

  it('shows anonymous visitors PUBLIC meetings only when public reading is on', async () => {
    const open = await publicApi.run(anonymous, LIST, { series: gid('MeetingSeries', series) });
    expect(titles(open)).toEqual({ total: 1, titles: ['public'] });
    const node = await publicApi.run(anonymous, `query ($id: ID!) { node(id: $id) { id } }`, { id: ids.partners });
    expect(node.data!.node).toBeNull();
    const closed = await api.run(anonymous, LIST, { series: gid('MeetingSeries', series) });
    expect(closed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows staff everything', async () => {
    const result = await api.run(secretariat, LIST, { series: gid('MeetingSeries', series) });
    expect(titles(result).total).toBe(5);
    const node = await api.run(secretariat, `query ($id: ID!) { node(id: $id) { ... on Decision { text } } }`, {
      id: internalDecision,
    });
    expect(node.data!.node).toEqual({ text: 'Agreed' });
  });
});

describe('ordering, filtering and paging', () => {
  let series: string;
  let seriesGid: string;
  beforeAll(async () => {
    const em = db.orm.em.fork();
    series = em.create(MeetingSeriesSchema, { title: 'Paging series' }).id;
    await em.flush();
    seriesGid = gid('MeetingSeries', series);
    const days = ['2024-05-03', '2024-05-01', '2024-05-05', '2024-05-02', '2024-05-04'];
    const titles = ['Charlie', 'Alpha', 'Echo', 'Bravo', 'Delta'];
    for (const [i, day] of days.entries()) {
      await meeting({
        title: titles[i],
        titleKm: i === 2 ? 'ការប្រឆាំងការជួញដូរមនុស្ស' : null,
        startsAt: new Date(`${day}T02:00:00Z`),
        series,
        organizer: i === 4 ? mol : ncct,
        status: i === 3 ? 'HELD' : 'PLANNED',
        location: i === 0 ? 'Battambang' : null,
      });
    }
    const bravo = await db.orm.em.fork().findOneOrFail(MeetingSchema, { title: 'Bravo', series });
    const em2 = db.orm.em.fork();
    em2.create(ParticipationSchema, { meeting: bravo.id, person: chair, organization: iom });
    await em2.flush();
  });

  const run = async (args: string, variables: Record<string, unknown> = {}) => {
    const result = await api.run(
      secretariat,
      `query ($series: ID!${args.includes('$after') ? ', $after: String' : ''}${args.includes('$before') ? ', $before: String' : ''}) {
        meetings(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } }
      }`,
      { series: seriesGid, ...variables },
    );
    expect(result.errors).toBeUndefined();
    const m = result.data!.meetings;
    return { ...m, titles: m.edges.map((e: any) => e.node.title) };
  };

  it('orders by start, newest first by default, or as asked', async () => {
    expect((await run('filter: { seriesId: $series }')).titles).toEqual(['Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha']);
    expect((await run('filter: { seriesId: $series }, orderBy: { field: STARTS_AT, direction: ASC }')).titles).toEqual([
      'Alpha',
      'Bravo',
      'Charlie',
      'Delta',
      'Echo',
    ]);
    expect((await run('filter: { seriesId: $series }, orderBy: { field: TITLE, direction: DESC }')).titles).toEqual([
      'Echo',
      'Delta',
      'Charlie',
      'Bravo',
      'Alpha',
    ]);
    const updated = await run('filter: { seriesId: $series }, orderBy: { field: UPDATED_AT, direction: ASC }');
    expect(updated.titles).toHaveLength(5);
  });

  it('pages forwards with first/after and backwards with last/before', async () => {
    const page1 = await run('first: 2, filter: { seriesId: $series }');
    expect(page1).toMatchObject({
      titles: ['Echo', 'Delta'],
      totalCount: 5,
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    const page2 = await run('first: 2, after: $after, filter: { seriesId: $series }', {
      after: page1.pageInfo.endCursor,
    });
    expect(page2).toMatchObject({
      titles: ['Charlie', 'Bravo'],
      pageInfo: { hasNextPage: true, hasPreviousPage: true },
    });
    const page3 = await run('first: 2, after: $after, filter: { seriesId: $series }', {
      after: page2.pageInfo.endCursor,
    });
    expect(page3).toMatchObject({ titles: ['Alpha'], pageInfo: { hasNextPage: false } });

    const tail = await run('last: 2, filter: { seriesId: $series }');
    expect(tail).toMatchObject({ titles: ['Bravo', 'Alpha'], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const before = await run('last: 2, before: $before, filter: { seriesId: $series }', {
      before: tail.pageInfo.startCursor,
    });
    expect(before.titles).toEqual(['Delta', 'Charlie']);

    const tooMany = await api.run(secretariat, '{ meetings(first: 101) { totalCount } }');
    expect(fieldsOf(tooMany)).toEqual(['first']);
  });

  it('filters by dates, status, organiser, participating organisation and text (English and Khmer)', async () => {
    const filtered = async (filter: string) =>
      (await run(`filter: { seriesId: $series, ${filter} }, orderBy: { field: STARTS_AT, direction: ASC }`)).titles;
    expect(await filtered('from: "2024-05-02T00:00:00Z", to: "2024-05-04T02:00:00Z"')).toEqual([
      'Bravo',
      'Charlie',
      'Delta',
    ]);
    expect(await filtered('status: [HELD]')).toEqual(['Bravo']);
    expect(await filtered(`organizerId: "${gid('Organization', mol)}"`)).toEqual(['Delta']);
    expect(await filtered(`participantOrganizationId: "${gid('Organization', iom)}"`)).toEqual(['Bravo']);
    expect(await filtered('search: "ជួញដូរ"')).toEqual(['Echo']);
    expect(await filtered('search: "battam"')).toEqual(['Charlie']);
    expect(await filtered('search: "ALPH"')).toEqual(['Alpha']);
    expect(await filtered('search: "%"')).toEqual([]);
    const bad = await api.run(
      secretariat,
      `{ meetings(filter: { organizerId: "${gid('Person', chair)}" }) { totalCount } }`,
    );
    expect(fieldsOf(bad)).toEqual(['filter.organizerId']);
    const reversed = await api.run(
      secretariat,
      '{ meetings(filter: { from: "2024-05-04T00:00:00Z", to: "2024-05-02T00:00:00Z" }) { totalCount } }',
    );
    expect(fieldsOf(reversed)).toEqual(['filter.to']);
  });

  it('lists meeting series', async () => {
    const result = await api.run(partner, '{ meetingSeries(first: 100) { totalCount nodes { title } } }');
    expect(result.data!.meetingSeries.nodes.map((n: { title: string }) => n.title)).toContain('Paging series');
  });
});
