import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous, type Viewer } from '../../auth/viewer.js';
import type { Visibility } from '../../db/base.entity.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { closeApiSuite, openApiSuite, type TestApi } from '../../test-support/api-suite.js';
import type { TestFactories } from '../../test-support/factories.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  MeetingSchema,
  type MeetingStatus,
  ParticipationSchema,
} from './meeting.entity.js';

/** The corrections of issue #13: decisions, attendance details, RSVP, deleting a meeting, visibility. */
let db: TestDatabase;
let make: TestFactories;
let api: TestApi;
let publicApi: TestApi;
let ncct: string;
let mol: string;
let dara: string;
let sophea: string;
let vanna: string;

const gid = toGlobalId;
const future = (days: number) => new Date(Date.now() + days * 86_400_000);

// This file's defaults over the shared factories: planned working-group meetings of the NCCT, a week ahead.
const org = async (acronym: string) => (await make.organization(acronym)).id;
const person = async (fullName: string, organization: string) =>
  (await make.person(organization, fullName, { isFocalPoint: false })).id;
const meeting = (
  fields: Partial<{ status: MeetingStatus; visibility: Visibility; startsAt: Date; title: string }> = {},
) =>
  make.meeting({
    organizer: ncct,
    kind: 'TECHNICAL_WORKING_GROUP',
    status: 'PLANNED',
    title: 'Technical working group',
    startsAt: future(7),
    ...fields,
  });
const invite = (meetingId: string, personId: string, organization = mol) =>
  make.participation(meetingId, personId, organization);
const decision = (meetingId: string, position: number, text = `Decision ${position}`) =>
  make.decision(meetingId, { position, text });
const commitment = (meetingId: string, decisionId: string | null, visibility: Visibility = 'INTERNAL') =>
  make.commitment({ lead: mol, title: 'Follow up', meeting: meetingId, decision: decisionId, visibility });

const events = (entityId: string) => db.orm.em.fork().find(AuditEventSchema, { entityId }, { orderBy: { at: 'asc' } });
const problemsOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.fields as {
    field: string;
    message: string;
    code: string;
    params?: Record<string, unknown>;
  }[];

beforeAll(async () => {
  ({ db, make, api, publicApi } = await openApiSuite());
  ncct = await org('NCCT');
  mol = await org('MOL');
  dara = await person('Sok Dara', mol);
  sophea = await person('Chan Sophea', mol);
  vanna = await person('Kim Vanna', ncct);
});
afterAll(() => closeApiSuite({ db, api, publicApi }));

const REMOVE_DECISION = `mutation ($input: RemoveDecisionInput!) {
  removeDecision(input: $input) { meeting { decisions { position text } } }
}`;
const UPDATE_DECISION = `mutation ($input: UpdateDecisionInput!) { updateDecision(input: $input) { decision { text } } }`;

describe('removing and editing decisions', () => {
  it('removes a decision recorded by mistake, renumbers the others, and audits it', async () => {
    const m = await meeting({ status: 'HELD' });
    await decision(m.id, 1, 'Keep');
    const wrong = await decision(m.id, 2, 'Recorded by mistake');
    await decision(m.id, 3, 'Also keep');
    const result = await api.run(secretariat, REMOVE_DECISION, { input: { id: wrong.gid } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.removeDecision.meeting.decisions).toEqual([
      { position: 1, text: 'Keep' },
      { position: 2, text: 'Also keep' },
    ]);
    const [removed] = await events(wrong.id);
    expect(removed).toMatchObject({ entityType: 'Decision', operation: 'remove' });
    expect(removed.changes).toMatchObject({ text: { before: 'Recorded by mistake', after: null } });
    // The removed decision is gone for everyone.
    const node = await api.run(secretariat, 'query ($id: ID!) { node(id: $id) { id } }', { id: wrong.gid });
    expect(node.data!.node).toBeNull();
  });

  it('refuses to change or remove a decision once commitments follow from it (IN_USE, naming them)', async () => {
    const m = await meeting({ status: 'HELD' });
    const settled = await decision(m.id, 1);
    const row = await commitment(m.id, settled.id);
    for (const [query, input] of [
      [REMOVE_DECISION, { id: settled.gid }],
      [UPDATE_DECISION, { id: settled.gid, text: 'Reworded' }],
    ] as const) {
      const result = await api.run(secretariat, query, { input });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({ field: 'id', code: 'IN_USE', params: { count: 1, references: [row.reference] } }),
      ]);
    }
    expect(await db.orm.em.fork().count(DecisionSchema, { id: settled.id })).toBe(1);
  });

  it('moves a decision that commitments follow from to another agenda item, so its old item can be removed', async () => {
    const m = await meeting({ status: 'HELD' });
    const em = db.orm.em.fork();
    const first = em.create(AgendaItemSchema, { meeting: m.id, position: 1, title: 'Opening' });
    const second = em.create(AgendaItemSchema, { meeting: m.id, position: 2, title: 'Labour migration' });
    const settled = em.create(DecisionSchema, { meeting: m.id, position: 1, text: 'Settled', agendaItem: first.id });
    await em.flush();
    await commitment(m.id, settled.id);
    const REMOVE_ITEM = `mutation ($input: RemoveAgendaItemInput!) {
      removeAgendaItem(input: $input) { meeting { agendaItems { title } } }
    }`;
    const refused = await api.run(secretariat, REMOVE_ITEM, { input: { id: gid('AgendaItem', first.id) } });
    const [problem] = problemsOf(refused);
    expect(problem).toMatchObject({ field: 'id', code: 'IN_USE', params: { count: 1 } });
    // The way out that the message names works although a commitment follows from the decision.
    expect(problem.message).toContain('updateDecision');
    const moved = await api.run(secretariat, UPDATE_DECISION, {
      input: { id: gid('Decision', settled.id), agendaItemId: gid('AgendaItem', second.id) },
    });
    expect(moved.errors).toBeUndefined();
    const removed = await api.run(secretariat, REMOVE_ITEM, { input: { id: gid('AgendaItem', first.id) } });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeAgendaItem.meeting.agendaItems).toEqual([{ title: 'Labour migration' }]);
    const [audited] = await events(settled.id);
    expect(audited).toMatchObject({ entityType: 'Decision', operation: 'update' });
    expect(audited.changes).toMatchObject({ agendaItem: { before: first.id, after: second.id } });
  });

  it('refuses both once the minutes are approved (INVALID_STATE), and to anyone but the secretariat', async () => {
    const m = await meeting({ status: 'MINUTES_APPROVED' });
    const frozen = await decision(m.id, 1);
    for (const [query, input] of [
      [REMOVE_DECISION, { id: frozen.gid }],
      [UPDATE_DECISION, { id: frozen.gid, text: 'x' }],
    ] as const) {
      const result = await api.run(secretariat, query, { input });
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({ field: 'id', code: 'INVALID_STATE', params: { status: 'MINUTES_APPROVED' } }),
      ]);
    }
    const open = await meeting({ status: 'HELD' });
    const other = await decision(open.id, 1);
    const refused = await api.run(focalPoint(mol), REMOVE_DECISION, { input: { id: other.gid } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

const SET = `mutation ($input: SetParticipationInput!) {
  setParticipation(input: $input) { participation { positionHeld sex onBehalfOf { fullName } attendance } }
}`;
const ATTENDANCE = `query ($id: ID!) { node(id: $id) { ... on Meeting {
  participations { person { fullName } positionHeld sex onBehalfOf { fullName } attendance }
  attendanceBySex { sex count }
} } }`;

describe('attendance with position held, "on behalf of" and sex', () => {
  it('records them, keeps what is not sent, and counts attendance by sex', async () => {
    const m = await meeting({ status: 'HELD', visibility: 'PUBLIC' });
    await invite(m.id, dara);
    const substitute = await api.run(secretariat, SET, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', sophea),
        role: 'PARTICIPANT',
        attendance: 'ATTENDED',
        positionHeld: '  Deputy Director, Department of Employment ',
        onBehalfOfId: gid('Person', dara),
        sex: 'FEMALE',
      },
    });
    expect(substitute.errors).toBeUndefined();
    expect(substitute.data!.setParticipation.participation).toEqual({
      positionHeld: 'Deputy Director, Department of Employment',
      sex: 'FEMALE',
      onBehalfOf: { fullName: 'Sok Dara' },
      attendance: 'ATTENDED',
    });
    // A later change that does not mention them leaves them as they are.
    const again = await api.run(secretariat, SET, {
      input: { meetingId: m.gid, personId: gid('Person', sophea), role: 'RAPPORTEUR', attendance: 'ATTENDED' },
    });
    expect(again.data!.setParticipation.participation).toMatchObject({
      sex: 'FEMALE',
      onBehalfOf: { fullName: 'Sok Dara' },
    });
    await api.run(secretariat, SET, {
      input: { meetingId: m.gid, personId: gid('Person', vanna), role: 'CHAIR', attendance: 'ATTENDED', sex: 'MALE' },
    });
    await api.run(secretariat, SET, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', dara),
        role: 'PARTICIPANT',
        attendance: 'APOLOGIES',
        sex: 'MALE',
      },
    });

    const staff = await api.run(secretariat, ATTENDANCE, { id: m.gid });
    expect(staff.data!.node.attendanceBySex).toEqual([
      { sex: 'FEMALE', count: 1 },
      { sex: 'MALE', count: 1 },
      { sex: 'OTHER', count: 0 },
      { sex: 'UNDISCLOSED', count: 0 },
    ]);
    expect(staff.data!.node.participations).toContainEqual({
      person: { fullName: 'Chan Sophea' },
      positionHeld: 'Deputy Director, Department of Employment',
      sex: 'FEMALE',
      onBehalfOf: { fullName: 'Sok Dara' },
      attendance: 'ATTENDED',
    });
    const [created] = (await db.orm.em.fork().find(ParticipationSchema, { meeting: m.id, person: sophea })).map(
      (p) => p.id,
    );
    expect((await events(created))[0].changes).toMatchObject({
      sex: { before: null, after: 'FEMALE' },
      onBehalfOf: { before: null, after: dara },
    });

    // Partners and anonymous visitors see the counts, never a person's sex or position.
    for (const [runner, viewer] of [
      [api, partner],
      [publicApi, anonymous],
    ] as const) {
      const seen = await runner.run(viewer, ATTENDANCE, { id: m.gid });
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.node.attendanceBySex).toEqual(staff.data!.node.attendanceBySex);
      for (const p of seen.data!.node.participations) {
        expect(p.sex).toBeNull();
        expect(p.positionHeld).toBeNull();
      }
    }
  });

  it('counts attendees whose sex was not recorded apart, and refuses a substitute for someone not invited', async () => {
    const m = await meeting({ status: 'HELD' });
    await api.run(secretariat, SET, {
      input: { meetingId: m.gid, personId: gid('Person', vanna), role: 'CHAIR', attendance: 'ATTENDED' },
    });
    const counted = await api.run(secretariat, ATTENDANCE, { id: m.gid });
    expect(counted.data!.node.attendanceBySex.at(-1)).toEqual({ sex: null, count: 1 });

    const bad = await api.run(secretariat, SET, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', sophea),
        role: 'PARTICIPANT',
        attendance: 'ATTENDED',
        onBehalfOfId: gid('Person', dara),
        positionHeld: 'x'.repeat(201),
      },
    });
    expect(problemsOf(bad)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'onBehalfOfId', code: 'NOT_FOUND_REFERENCE' }),
        expect.objectContaining({ field: 'positionHeld', code: 'TOO_LONG', params: { max: 200, length: 201 } }),
      ]),
    );
    const self = await api.run(secretariat, SET, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', vanna),
        role: 'CHAIR',
        attendance: 'ATTENDED',
        onBehalfOfId: gid('Person', vanna),
      },
    });
    expect(problemsOf(self)).toEqual([expect.objectContaining({ field: 'onBehalfOfId', code: 'CIRCULAR_REFERENCE' })]);
  });

  it('removing the invited person leaves their substitute standing in for nobody', async () => {
    const m = await meeting({ status: 'HELD' });
    await invite(m.id, dara);
    await api.run(secretariat, SET, {
      input: {
        meetingId: m.gid,
        personId: gid('Person', sophea),
        role: 'PARTICIPANT',
        attendance: 'ATTENDED',
        onBehalfOfId: gid('Person', dara),
      },
    });
    const removed = await api.run(
      secretariat,
      `mutation ($input: RemoveParticipationInput!) { removeParticipation(input: $input) {
        meeting { participations { person { fullName } onBehalfOf { fullName } } } } }`,
      { input: { meetingId: m.gid, personId: gid('Person', dara) } },
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeParticipation.meeting.participations).toEqual([
      { person: { fullName: 'Chan Sophea' }, onBehalfOf: null },
    ]);
  });
});

const INVITATIONS = `{ myInvitations { totalCount nodes { attendance role meeting { id title } } } }`;
const RESPOND = `mutation ($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) { participation { attendance } meeting { id } }
}`;

describe('RSVP: invitees answer for themselves', () => {
  let daraViewer: Viewer;
  let soon: Awaited<ReturnType<typeof meeting>>;

  beforeAll(async () => {
    daraViewer = focalPoint(mol, dara);
    soon = await meeting({ title: 'Soon', startsAt: future(3) });
    const later = await meeting({ title: 'Later', startsAt: future(30) });
    const past = await meeting({ title: 'Past', startsAt: future(-3), status: 'HELD' });
    const cancelled = await meeting({ title: 'Called off', status: 'CANCELLED' });
    for (const m of [later, soon, past, cancelled]) await invite(m.id, dara);
    await meeting({ title: 'Not invited' });
  });

  it("lists the viewer's upcoming invitations, soonest first, even to INTERNAL meetings", async () => {
    const result = await api.run(daraViewer, INVITATIONS);
    expect(result.errors).toBeUndefined();
    expect(result.data!.myInvitations.totalCount).toBe(2);
    expect(result.data!.myInvitations.nodes).toEqual([
      { attendance: 'INVITED', role: 'PARTICIPANT', meeting: { id: soon.gid, title: 'Soon' } },
      expect.objectContaining({ meeting: expect.objectContaining({ title: 'Later' }) }),
    ]);
    // Nobody else's invitations; none for an account without a person; sign in first.
    expect((await api.run(focalPoint(mol, sophea), INVITATIONS)).data!.myInvitations.totalCount).toBe(0);
    expect((await api.run(secretariat, INVITATIONS)).data!.myInvitations.totalCount).toBe(0);
    expect((await publicApi.run(anonymous, INVITATIONS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('confirms or sends apologies, audited, and nothing else', async () => {
    const confirmed = await api.run(daraViewer, RESPOND, { input: { meetingId: soon.gid, attendance: 'CONFIRMED' } });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.respondToInvitation.participation.attendance).toBe('CONFIRMED');
    const sorry = await api.run(daraViewer, RESPOND, { input: { meetingId: soon.gid, attendance: 'APOLOGIES' } });
    expect(sorry.data!.respondToInvitation.participation.attendance).toBe('APOLOGIES');
    const [participation] = await db.orm.em.fork().find(ParticipationSchema, { meeting: soon.id, person: dara });
    expect((await events(participation.id)).filter((e) => e.operation === 'respond').map((e) => e.changes)).toEqual([
      { meeting: { before: soon.id, after: soon.id }, attendance: { before: 'INVITED', after: 'CONFIRMED' } },
      { meeting: { before: soon.id, after: soon.id }, attendance: { before: 'CONFIRMED', after: 'APOLOGIES' } },
    ]);
    const attended = await api.run(daraViewer, RESPOND, { input: { meetingId: soon.gid, attendance: 'ATTENDED' } });
    expect(problemsOf(attended)).toEqual([
      expect.objectContaining({
        field: 'attendance',
        code: 'INVALID_CHOICE',
        params: { allowed: ['CONFIRMED', 'APOLOGIES'] },
      }),
    ]);
    // A read-only token cannot answer.
    const readOnly = await api.run({ ...daraViewer, canWrite: false }, RESPOND, {
      input: { meetingId: soon.gid, attendance: 'CONFIRMED' },
    });
    expect(readOnly.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses meetings no longer PLANNED, and answers NOT_FOUND to someone not invited', async () => {
    const held = await meeting({ status: 'HELD', startsAt: future(-1) });
    await invite(held.id, dara);
    const late = await api.run(daraViewer, RESPOND, { input: { meetingId: held.gid, attendance: 'CONFIRMED' } });
    expect(problemsOf(late)).toEqual([
      expect.objectContaining({ field: 'meetingId', code: 'INVALID_STATE', params: { status: 'HELD' } }),
    ]);
    const stranger = await api.run(focalPoint(mol, sophea), RESPOND, {
      input: { meetingId: soon.gid, attendance: 'CONFIRMED' },
    });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const missing = await api.run(focalPoint(mol, sophea), RESPOND, {
      input: { meetingId: gid('Meeting', '00000000-0000-4000-8000-000000000009'), attendance: 'CONFIRMED' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0].message.replace(/Meeting \S+/, '')).toBe(
      stranger.errors?.[0].message.replace(/Meeting \S+/, ''),
    );
  });
});

const DELETE = `mutation ($input: DeleteMeetingInput!) { deleteMeeting(input: $input) { deletedMeetingId } }`;

describe('deleting a meeting created by mistake', () => {
  it('deletes a PLANNED meeting with its agenda and participants; the audit trail stays', async () => {
    const m = await meeting();
    const em = db.orm.em.fork();
    const item = em.create(AgendaItemSchema, { meeting: m.id, position: 1, title: 'Opening' });
    await em.flush();
    await invite(m.id, dara);
    const result = await api.run(secretariat, DELETE, { input: { id: m.gid, version: m.version } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.deleteMeeting.deletedMeetingId).toBe(m.gid);
    const check = db.orm.em.fork();
    expect(await check.count(MeetingSchema, { id: m.id })).toBe(0);
    expect(await check.count(AgendaItemSchema, { meeting: m.id })).toBe(0);
    expect(await check.count(ParticipationSchema, { meeting: m.id })).toBe(0);
    const [deleted] = await events(m.id);
    expect(deleted).toMatchObject({ entityType: 'Meeting', operation: 'delete' });
    expect(deleted.changes).toMatchObject({ title: { before: 'Technical working group', after: null } });
    expect((await events(item.id)).map((e) => e.operation)).toEqual(['remove']);
    // The audit trail names the deleted meeting by what it was called.
    const trail = await api.run(
      secretariat,
      `query ($filter: AuditEventFilter) { auditEvents(filter: $filter) { nodes { operation entityLabel entityExists } } }`,
      { filter: { entityId: m.gid } },
    );
    expect(trail.data!.auditEvents.nodes).toEqual([
      { operation: 'delete', entityLabel: 'Technical working group', entityExists: false },
    ]);
  });

  it('refuses anything else with CANCEL_INSTEAD, a stale version with CONFLICT, and non-staff', async () => {
    const held = await meeting({ status: 'HELD' });
    const decided = await meeting();
    await decision(decided.id, 1);
    const withMinutes = await meeting();
    const em = db.orm.em.fork();
    em.create(AgendaItemSchema, { meeting: withMinutes.id, position: 1, title: 'Item', minutes: 'Notes' });
    await em.flush();
    const withCommitment = await meeting();
    await commitment(withCommitment.id, null);
    for (const [m, params] of [
      [held, { status: 'HELD', minutes: 0, decisions: 0, commitments: 0 }],
      [decided, { status: 'PLANNED', minutes: 0, decisions: 1, commitments: 0 }],
      [withMinutes, { status: 'PLANNED', minutes: 1, decisions: 0, commitments: 0 }],
      [withCommitment, { status: 'PLANNED', minutes: 0, decisions: 0, commitments: 1 }],
    ] as const) {
      const result = await api.run(secretariat, DELETE, { input: { id: m.gid, version: m.version } });
      expect(problemsOf(result)).toEqual([expect.objectContaining({ field: 'id', code: 'CANCEL_INSTEAD', params })]);
      expect(result.errors?.[0].message).toMatch(/cancel it instead/);
      expect(await db.orm.em.fork().count(MeetingSchema, { id: m.id })).toBe(1);
    }
    const planned = await meeting();
    const stale = await api.run(secretariat, DELETE, { input: { id: planned.gid, version: planned.version + 1 } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: planned.version });
    const refused = await api.run(focalPoint(mol, dara), DELETE, {
      input: { id: planned.gid, version: planned.version },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await db.orm.em.fork().count(MeetingSchema, { id: planned.id })).toBe(1);
  });
});

describe('a meeting cannot become less visible than its commitments', () => {
  it('refuses to lower a meeting below its commitments, naming them', async () => {
    const m = await meeting({ visibility: 'PUBLIC', status: 'HELD' });
    const open = await commitment(m.id, null, 'PARTNERS');
    const result = await api.run(
      secretariat,
      `mutation ($input: UpdateMeetingInput!) { updateMeeting(input: $input) { meeting { visibility } } }`,
      { input: { id: m.gid, version: m.version, visibility: 'INTERNAL' } },
    );
    expect(problemsOf(result)).toEqual([
      expect.objectContaining({
        field: 'visibility',
        code: 'VISIBILITY_BELOW_COMMITMENTS',
        params: { count: 1, references: [open.reference], visibility: 'INTERNAL' },
      }),
    ]);
    const down = await api.run(
      secretariat,
      `mutation ($input: UpdateMeetingInput!) { updateMeeting(input: $input) { meeting { visibility } } }`,
      { input: { id: m.gid, version: m.version, visibility: 'PARTNERS' } },
    );
    expect(down.errors).toBeUndefined();
    expect(down.data!.updateMeeting.meeting.visibility).toBe('PARTNERS');
  });
});
