import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { secretariat } from '../../../test/viewers.js';
import type { Viewer } from '../../auth/viewer.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { AgendaItemSchema, DecisionSchema, MeetingSchema, ParticipationSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { IdempotencyKeySchema } from './idempotency.entity.js';
import { enqueue } from '../../jobs/queue.js';
import { runDueJobs } from '../../jobs/worker.js';
import { createLogger } from '../../logger.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let ncct: string;
let officer: string;
// Keys are per account: two officers of the secretariat.
const clerkA: Viewer = { ...secretariat, accountId: randomUUID() };
const clerkB: Viewer = { ...secretariat, accountId: randomUUID() };

const UPDATE_ITEM = `mutation ($input: UpdateAgendaItemInput!) {
  updateAgendaItem(input: $input) { agendaItem { id minutes minutesKm version } }
}`;
const SET_PARTICIPATION = `mutation ($input: SetParticipationInput!) {
  setParticipation(input: $input) { participation { role attendance } meeting { participations { attendance } } }
}`;
const RECORD_DECISION = `mutation ($input: RecordDecisionInput!) {
  recordDecision(input: $input) { decision { id text } }
}`;

async function openMeeting(): Promise<{ meeting: string; item: string }> {
  const em = db.orm.em.fork();
  const meeting = em.create(MeetingSchema, {
    title: 'Offline meeting',
    kind: 'TECHNICAL_WORKING_GROUP',
    startsAt: new Date('2024-03-01T02:00:00Z'),
    organizer: ncct,
    status: 'HELD',
    visibility: 'INTERNAL',
  });
  const item = em.create(AgendaItemSchema, { meeting: meeting.id, position: 1, title: 'Item 1' });
  await em.flush();
  return { meeting: meeting.id, item: item.id };
}

const audits = (entityType: string, entityId?: string) =>
  db.orm.em.fork().count(AuditEventSchema, entityId ? { entityType, entityId } : { entityType });

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork();
  const org = em.create(OrganizationSchema, { acronym: 'NCCT', name: 'NCCT name', kind: 'GOVERNMENT' });
  const person = em.create(PersonSchema, { fullName: 'Sok Dara', organization: org.id });
  await em.flush();
  ncct = org.id;
  officer = person.id;
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('idempotency keys', () => {
  it('applies minutes sent twice with the same key once, with one audit event, and answers the replay without CONFLICT', async () => {
    const { item } = await openMeeting();
    const key = randomUUID();
    const input = { id: toGlobalId('AgendaItem', item), version: 1, minutes: 'Typed offline', idempotencyKey: key };
    const first = await api.run(clerkA, UPDATE_ITEM, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'Typed offline', version: 2 });

    // The reply was lost (the Wi-Fi dropped): the outbox sends the same entry again, still based on version 1.
    const replay = await api.run(clerkA, UPDATE_ITEM, { input });
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'Typed offline', version: 2 });

    const row = await db.orm.em.fork().findOneOrFail(AgendaItemSchema, { id: item });
    expect(row.version).toBe(2);
    expect(await audits('AgendaItem', item)).toBe(1);
    expect(await db.orm.em.fork().count(IdempotencyKeySchema, { key })).toBe(1);
  });

  it('answers a replay with the item as it is now, after someone else changed it', async () => {
    const { item } = await openMeeting();
    const id = toGlobalId('AgendaItem', item);
    const key = randomUUID();
    await api.run(clerkA, UPDATE_ITEM, { input: { id, version: 1, minutes: 'Mine', idempotencyKey: key } });
    await api.run(clerkB, UPDATE_ITEM, { input: { id, version: 2, minutes: 'Theirs, later' } });
    const replay = await api.run(clerkA, UPDATE_ITEM, {
      input: { id, version: 1, minutes: 'Mine', idempotencyKey: key },
    });
    expect(replay.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'Theirs, later', version: 3 });
    expect(await audits('AgendaItem', item)).toBe(2);
  });

  it('still refuses a new key based on a stale version with CONFLICT, and does not take the key', async () => {
    const { item } = await openMeeting();
    const id = toGlobalId('AgendaItem', item);
    await api.run(clerkB, UPDATE_ITEM, { input: { id, version: 1, minutes: 'Theirs' } });
    const key = randomUUID();
    const stale = await api.run(clerkA, UPDATE_ITEM, {
      input: { id, version: 1, minutes: 'Mine', idempotencyKey: key },
    });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await db.orm.em.fork().count(IdempotencyKeySchema, { key })).toBe(0);
    // After merging, the same key may be sent again on the current version: the failed attempt wrote nothing.
    const merged = await api.run(clerkA, UPDATE_ITEM, {
      input: { id, version: 2, minutes: 'Theirs and mine', idempotencyKey: key },
    });
    expect(merged.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'Theirs and mine', version: 3 });
  });

  it('writes one change when the same key arrives twice at once', async () => {
    const { item } = await openMeeting();
    const input = {
      id: toGlobalId('AgendaItem', item),
      version: 1,
      minutes: 'Both at once',
      idempotencyKey: randomUUID(),
    };
    const results = await Promise.all([
      api.run(clerkA, UPDATE_ITEM, { input }),
      api.run(clerkA, UPDATE_ITEM, { input }),
    ]);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'Both at once', version: 2 });
    }
    expect(await audits('AgendaItem', item)).toBe(1);
  });

  it('records a decision sent twice with the same key once', async () => {
    const { meeting } = await openMeeting();
    const input = { meetingId: toGlobalId('Meeting', meeting), text: 'Agreed offline', idempotencyKey: randomUUID() };
    const first = await api.run(clerkA, RECORD_DECISION, { input });
    const replay = await api.run(clerkA, RECORD_DECISION, { input });
    expect(first.errors).toBeUndefined();
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.recordDecision.decision.id).toBe(first.data!.recordDecision.decision.id);
    expect(await db.orm.em.fork().count(DecisionSchema, { meeting })).toBe(1);
    const decisions = await db.orm.em.fork().find(DecisionSchema, { meeting });
    expect(await audits('Decision', decisions[0]!.id)).toBe(1);
  });

  it('applies an attendance change sent twice once, and a replay does not undo a later change', async () => {
    const { meeting } = await openMeeting();
    const base = {
      meetingId: toGlobalId('Meeting', meeting),
      personId: toGlobalId('Person', officer),
      role: 'PARTICIPANT',
    };
    const key = randomUUID();
    const checkIn = { ...base, attendance: 'ATTENDED', idempotencyKey: key };
    expect((await api.run(clerkA, SET_PARTICIPATION, { input: checkIn })).errors).toBeUndefined();
    await api.run(clerkB, SET_PARTICIPATION, { input: { ...base, attendance: 'APOLOGIES' } });
    const replay = await api.run(clerkA, SET_PARTICIPATION, { input: checkIn });
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.setParticipation.participation.attendance).toBe('APOLOGIES');
    const [row] = await db.orm.em.fork().find(ParticipationSchema, { meeting });
    expect(row!.attendance).toBe('APOLOGIES');
    expect(await audits('Participation', row!.id)).toBe(2);
  });

  it('keeps the keys of different accounts apart, and refuses one key reused for another change', async () => {
    const { meeting, item } = await openMeeting();
    const key = randomUUID();
    const id = toGlobalId('AgendaItem', item);
    await api.run(clerkA, UPDATE_ITEM, { input: { id, version: 1, minutes: 'A', idempotencyKey: key } });
    const other = await api.run(clerkB, UPDATE_ITEM, { input: { id, version: 2, minutes: 'B', idempotencyKey: key } });
    expect(other.data!.updateAgendaItem.agendaItem).toMatchObject({ minutes: 'B', version: 3 });

    const reused = await api.run(clerkA, RECORD_DECISION, {
      input: { meetingId: toGlobalId('Meeting', meeting), text: 'Other change', idempotencyKey: key },
    });
    expect(reused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(reused.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'idempotencyKey', code: 'DUPLICATE' }),
    ]);
    expect(await db.orm.em.fork().count(DecisionSchema, { meeting })).toBe(0);
  });

  it('refuses a malformed key', async () => {
    const { item } = await openMeeting();
    const result = await api.run(clerkA, UPDATE_ITEM, {
      input: { id: toGlobalId('AgendaItem', item), version: 1, minutes: 'x', idempotencyKey: 'has spaces in it' },
    });
    expect(result.errors![0].extensions!.fields).toEqual([
      expect.objectContaining({ field: 'idempotencyKey', code: 'INVALID_FORMAT' }),
    ]);
  });

  it('forgets keys after 30 days, through the daily purge job', async () => {
    const { item } = await openMeeting();
    const id = toGlobalId('AgendaItem', item);
    const oldKey = randomUUID();
    const freshKey = randomUUID();
    await api.run(clerkA, UPDATE_ITEM, { input: { id, version: 1, minutes: 'old', idempotencyKey: oldKey } });
    await api.run(clerkA, UPDATE_ITEM, { input: { id, version: 2, minutes: 'fresh', idempotencyKey: freshKey } });
    await db.orm.em
      .fork()
      .execute(`update idempotency_key set created_at = now() - interval '31 days' where key = ?`, [oldKey]);

    await enqueue(db.orm.em.fork(), 'purge_idempotency_keys', {}, { key: 'purge_idempotency_keys:test' });
    await runDueJobs({
      orm: db.orm,
      url: db.url,
      config: { smtpUrl: undefined, mailFrom: 'x@example.org', publicUrl: 'http://localhost' },
      logger: createLogger({ logLevel: 'silent' }),
    });

    const left = await db.orm.em.fork().find(IdempotencyKeySchema, { key: { $in: [oldKey, freshKey] } });
    expect(left.map((row) => row.key)).toEqual([freshKey]);
  });
});
