import type { FastifyInstance } from 'fastify';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, initOrm, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestToken } from '../../test/http.js';
import type { MikroORM } from '../db/orm.js';
import { toGlobalId } from '../graphql/global-id.js';
import { AgendaItemSchema, MeetingSchema } from '../modules/meetings/meeting.entity.js';
import { createNotification } from '../modules/notifications/notification.service.js';
import { loadRecipients } from '../modules/notifications/recipients.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { buildTestApp } from '../test-support/test-app.js';
import type { LiveConfig } from './live.config.js';
import { liveHubOf } from './live.websocket.js';

/** One server instance of its own (own ORM, own listening connection) on the shared test database. */
interface Instance {
  app: FastifyInstance;
  orm: MikroORM;
  port: number;
  /** POSTs a GraphQL operation to this instance. */
  gql(query: string, variables: Record<string, unknown>, token: string): Promise<Record<string, any>>;
  close(): Promise<void>;
}

let db: TestDatabase;
const instances: Instance[] = [];
const clients: Client[] = [];

async function startInstance(live: LiveConfig = { transport: 'postgres', redisUrl: undefined }): Promise<Instance> {
  const orm = await initOrm({ url: db.url });
  const app = await buildTestApp({ orm, url: db.url }, { liveConfig: live });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const instance: Instance = {
    app,
    orm,
    port,
    async gql(query, variables, token) {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Record<string, any>;
    },
    async close() {
      await app.close();
      await orm.close(true);
    },
  };
  instances.push(instance);
  return instance;
}

interface Received {
  events: Record<string, any>[];
  errors: unknown[];
  closed: Promise<{ code: number; reason: string }>;
  done: Promise<void>;
}

/** A graphql-ws client on an instance, authenticated by a Bearer token in the connection parameters. */
function connect(
  instance: Instance,
  token?: string,
): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let onClosed: (event: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url: `ws://127.0.0.1:${instance.port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // The closes these tests provoke are asserted, not printed.
    onNonLazyError: () => {},
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  clients.push(client);
  return { client, closed };
}

function subscribe(
  connection: { client: Client; closed: Promise<{ code: number; reason: string }> },
  query: string,
  variables: Record<string, unknown> = {},
): Received {
  const events: Record<string, any>[] = [];
  const errors: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    connection.client.subscribe(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) events.push(value.data as Record<string, any>);
        },
        error: (error) => {
          errors.push(error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { events, errors, closed: connection.closed, done };
}

/** Waits until `probe` holds (the test's own timeout bounds it). */
async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((r) => setTimeout(r, 20));
}

let a: Instance;
let b: Instance;
let staffToken: string;
let staffPerson: string;
let otherStaffToken: string;
let partnerToken: string;
let internalMeeting: { id: string; gid: string; item: string };
let partnersMeeting: { id: string; gid: string; item: string };

async function meetingWithItem(visibility: 'INTERNAL' | 'PARTNERS', organizer: string) {
  const em = db.orm.em.fork();
  const meeting = em.create(MeetingSchema, {
    title: `${visibility} meeting`,
    kind: 'TECHNICAL_WORKING_GROUP',
    startsAt: new Date('2026-12-01T02:00:00Z'),
    organizer,
    status: 'PLANNED',
    visibility,
  });
  const item = em.create(AgendaItemSchema, { meeting: meeting.id, position: 1, title: 'Data sharing' });
  await em.flush();
  return { id: meeting.id, gid: toGlobalId('Meeting', meeting.id), item: toGlobalId('AgendaItem', item.id) };
}

const UPDATE_ITEM = `mutation ($input: UpdateAgendaItemInput!) {
  updateAgendaItem(input: $input) { agendaItem { id version } } }`;
const MEETING_CHANGED = `subscription ($id: ID!) {
  meetingChanged(id: $id) { kind at meeting { id title } agendaItem { id minutes } actor { id fullName } } }`;

const versions = new Map<string, number>();

/** Writes an item's minutes through an instance's API, as the secretariat. */
async function writeMinutes(instance: Instance, itemGid: string, minutes: string) {
  const version = versions.get(itemGid) ?? 1;
  const answer = await instance.gql(UPDATE_ITEM, { input: { id: itemGid, version, minutes } }, staffToken);
  expect(answer.errors).toBeUndefined();
  versions.set(itemGid, answer.data.updateAgendaItem.agendaItem.version);
}

/** Waits until instance's hub holds `count` subscriptions (they are registered once the server has them). */
const listening = (instance: Instance, count: number) =>
  until(() => (liveHubOf(instance.app)?.listenerCount ?? 0) >= count);

beforeAll(async () => {
  db = await createTestDatabase();
  const em = db.orm.em.fork();
  const ncct = em.create(OrganizationSchema, { acronym: 'NCCT', name: 'NCCT', kind: 'COMMITTEE' });
  const iom = em.create(OrganizationSchema, { acronym: 'IOM', name: 'IOM', kind: 'INTERNATIONAL_ORGANIZATION' });
  await em.flush();
  const staff = await createTestAccount(db, { role: 'SECRETARIAT', organizationId: ncct.id });
  staffPerson = staff.personId;
  staffToken = await createTestToken(db, staff.id, 'WRITE');
  const other = await createTestAccount(db, { role: 'SECRETARIAT', organizationId: ncct.id });
  otherStaffToken = await createTestToken(db, other.id, 'WRITE');
  const partner = await createTestAccount(db, { role: 'PARTNER', organizationId: iom.id });
  partnerToken = await createTestToken(db, partner.id, 'READ');
  internalMeeting = await meetingWithItem('INTERNAL', ncct.id);
  partnersMeeting = await meetingWithItem('PARTNERS', ncct.id);
  a = await startInstance();
  b = await startInstance();
});

afterAll(async () => {
  for (const client of clients) await client.dispose();
  for (const instance of instances) await instance.close();
  await db?.drop();
});

describe('subscriptions across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('a subscriber on instance A hears of minutes written through instance B, loaded as it may see them', async () => {
    const watched = subscribe(connect(a, staffToken), MEETING_CHANGED, { id: internalMeeting.gid });
    await listening(a, 1);
    await writeMinutes(b, internalMeeting.item, 'Ministries agree to share data monthly');
    await until(() => watched.events.length > 0);
    expect(watched.errors).toEqual([]);
    expect(watched.events[0]!.meetingChanged).toMatchObject({
      kind: 'MINUTES_UPDATED',
      meeting: { id: internalMeeting.gid, title: 'INTERNAL meeting' },
      agendaItem: { id: internalMeeting.item, minutes: 'Ministries agree to share data monthly' },
      actor: { id: toGlobalId('Person', staffPerson) },
    });
  });

  it('a change that rolls back notifies nobody', async () => {
    const watched = subscribe(connect(a, staffToken), MEETING_CHANGED, { id: partnersMeeting.gid });
    await listening(a, 2);
    // A stale version: CONFLICT, the transaction rolls back.
    const stale = await b.gql(
      UPDATE_ITEM,
      { input: { id: partnersMeeting.item, version: 99, minutes: 'never saved' } },
      staffToken,
    );
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    await writeMinutes(b, partnersMeeting.item, 'saved');
    await until(() => watched.events.length > 0);
    expect(watched.events.map((e) => e.meetingChanged.agendaItem.minutes)).toEqual(['saved']);
  });

  it('a partner is refused an INTERNAL meeting exactly like a missing one, and never hears of its changes', async () => {
    const partner = connect(a, partnerToken);
    const internal = subscribe(partner, MEETING_CHANGED, { id: internalMeeting.gid });
    const missing = subscribe(partner, MEETING_CHANGED, {
      id: toGlobalId('Meeting', '00000000-0000-4000-8000-000000000000'),
    });
    await internal.done;
    await missing.done;
    type Refusal = { message: string; extensions?: { code?: string } };
    const first = (r: Received) => r.errors[0] as Refusal;
    expect(first(internal).extensions?.code).toBe('NOT_FOUND');
    expect(first(internal).message.replace(internalMeeting.id, 'X')).toBe(
      first(missing).message.replace('00000000-0000-4000-8000-000000000000', 'X'),
    );
    expect(internal.events).toEqual([]);

    // Subscribed to a PARTNERS meeting that then becomes INTERNAL: nothing more reaches the partner.
    const before = liveHubOf(a.app)!.listenerCount;
    const watched = subscribe(partner, MEETING_CHANGED, { id: partnersMeeting.gid });
    const staff = subscribe(connect(a, staffToken), MEETING_CHANGED, { id: partnersMeeting.gid });
    await listening(a, before + 2);
    await writeMinutes(b, partnersMeeting.item, 'partners may read this');
    await until(() => watched.events.length > 0 && staff.events.length > 0);
    expect(watched.events[0]!.meetingChanged.agendaItem.minutes).toBe('partners may read this');
    await db.orm.em.fork().nativeUpdate(MeetingSchema, { id: partnersMeeting.id }, { visibility: 'INTERNAL' });
    await writeMinutes(b, partnersMeeting.item, 'internal only from now on');
    await until(() => staff.events.length > 1);
    // The staff's copy arrived; the partner's, checked with the partner's viewer, was dropped.
    const witness = subscribe(partner, MEETING_CHANGED, { id: partnersMeeting.gid });
    await witness.done;
    expect(first(witness).extensions?.code).toBe('NOT_FOUND');
    expect(watched.events.map((e) => e.meetingChanged.agendaItem.minutes)).toEqual(['partners may read this']);
    expect(JSON.stringify(watched.events)).not.toContain('internal only');
    await db.orm.em.fork().nativeUpdate(MeetingSchema, { id: partnersMeeting.id }, { visibility: 'PARTNERS' });
  });

  it('a revoked token loses its socket at once; a bad token gets none', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const token = await createTestToken(db, account.id, 'WRITE');
    const count = liveHubOf(a.app)!.listenerCount;
    const connection = connect(a, token);
    subscribe(connection, MEETING_CHANGED, { id: internalMeeting.gid });
    await listening(a, count + 1);
    const tokens = await b.gql('{ apiTokens { id } }', {}, token);
    const revoked = await b.gql(
      'mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { revokedAt } } }',
      { input: { id: tokens.data.apiTokens[0].id } },
      token,
    );
    expect(revoked.errors).toBeUndefined();
    expect((await connection.closed).code).toBe(4401);

    // Deactivating an account closes the sockets of its sessions and tokens, on every instance.
    const admin = await createTestAccount(db, { role: 'ADMIN' });
    const adminToken = await createTestToken(db, admin.id, 'WRITE');
    const leaving = await createTestAccount(db, { role: 'SECRETARIAT' });
    const leavingToken = await createTestToken(db, leaving.id, 'READ');
    const before = liveHubOf(a.app)!.listenerCount;
    const theirs = connect(a, leavingToken);
    subscribe(theirs, MEETING_CHANGED, { id: internalMeeting.gid });
    await listening(a, before + 1);
    const deactivated = await b.gql(
      'mutation ($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { account { active } } }',
      { input: { id: toGlobalId('Account', leaving.id) } },
      adminToken,
    );
    expect(deactivated.errors).toBeUndefined();
    expect((await theirs.closed).code).toBe(4401);

    const bad = connect(a, 'prc_not-a-real-token');
    subscribe(bad, MEETING_CHANGED, { id: internalMeeting.gid });
    expect((await bad.closed).code).toBe(4401);
  });

  it('a stale session cookie gets no socket; a page elsewhere cannot open one', async () => {
    const upgrade = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${a.port}/graphql`, 'graphql-transport-ws', { headers });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('open', () => {
          resolve(101);
          socket.close();
        });
        socket.on('error', () => undefined);
      });
    expect(await upgrade({ cookie: 'prachum_session=expired-or-made-up' })).toBe(401);
    expect(await upgrade({ origin: 'https://evil.example.com' })).toBe(403);
    expect(await upgrade({ origin: `http://127.0.0.1:${a.port}` })).toBe(101);
  });

  it('presence: who is on the page and which item each edits, across instances, gone when the socket closes', async () => {
    const PRESENCE = `subscription ($id: ID!) { meetingPresence(id: $id) { person { id } agendaItem { id } since } }`;
    const mine = subscribe(connect(a, staffToken), PRESENCE, { id: internalMeeting.gid });
    const otherConnection = connect(b, otherStaffToken);
    const theirs = subscribe(otherConnection, PRESENCE, { id: internalMeeting.gid });
    const latest = (r: Received) =>
      (r.events.at(-1)?.meetingPresence ?? []) as { person: { id: string }; agendaItem: { id: string } | null }[];
    await until(() => latest(mine).length === 2 && latest(theirs).length === 2);
    const set = await a.gql(
      'mutation ($input: SetMeetingPresenceInput!) { setMeetingPresence(input: $input) { agendaItem { id } } }',
      { input: { meetingId: internalMeeting.gid, agendaItemId: internalMeeting.item } },
      staffToken,
    );
    expect(set.errors).toBeUndefined();
    const me = toGlobalId('Person', staffPerson);
    await until(() => latest(theirs).some((e) => e.person.id === me && e.agendaItem?.id === internalMeeting.item));
    await otherConnection.client.dispose();
    await until(() => latest(mine).length === 1);
    expect(latest(mine)[0]!.person.id).toBe(me);

    const partner = subscribe(connect(a, partnerToken), PRESENCE, { id: internalMeeting.gid });
    await partner.done;
    expect(JSON.stringify(partner.errors)).toContain('NOT_FOUND');
  });

  it('notificationAdded: a notification written in a transaction reaches its recipient on commit', async () => {
    const count = liveHubOf(a.app)!.listenerCount;
    const watched = subscribe(connect(a, staffToken), 'subscription { notificationAdded { id kind message } }');
    await listening(a, count + 1);
    const em = b.orm.em.fork();
    const [recipient] = await loadRecipients(em, [staffPerson]);
    await em.transactional(async (tx) => {
      await createNotification(tx, {
        key: `test:${Date.now()}`,
        kind: 'MEETING_INVITATION',
        recipient: recipient!,
        meeting: internalMeeting.id,
        message: { en: 'You are invited', km: 'អ្នកត្រូវបានអញ្ជើញ' },
      });
    });
    await until(() => watched.events.length > 0);
    expect(watched.events[0]!.notificationAdded).toMatchObject({
      kind: 'MEETING_INVITATION',
      message: 'You are invited',
    });
  });

  it('queries and mutations are not served over the socket', async () => {
    const answer = subscribe(connect(a, staffToken), '{ me { role } }');
    await answer.done;
    expect(JSON.stringify(answer.errors)).toContain('Only subscriptions');
  });
});

describe('the Redis adapter', () => {
  it('carries a change made through one instance to a subscriber on another', async () => {
    const redis: LiveConfig = {
      transport: 'redis',
      redisUrl: process.env.PRACHUM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    };
    const c = await startInstance(redis);
    const d = await startInstance(redis);
    const watched = subscribe(connect(c, staffToken), MEETING_CHANGED, { id: internalMeeting.gid });
    await listening(c, 1);
    await writeMinutes(d, internalMeeting.item, 'through Redis');
    await until(() => watched.events.some((e) => e.meetingChanged.agendaItem?.minutes === 'through Redis'));
    expect(liveHubOf(c.app)!.transportKind).toBe('redis');
  });
});
