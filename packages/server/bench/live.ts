/**
 * The live part of `pnpm bench` (BENCH_LIVE=0 skips it): on the benchmark's database,
 * 1. latency from a mutation sent to instance B until each of 50 subscribers on instance A has the event
 *    (two real servers in this process, each with its own ORM and listening connection; p50 and p99 over
 *    every delivery), and
 * 2. how many subscribers one instance holds within 200 MB: a real server process (`src/main.ts`) whose
 *    resident memory is read before and after BENCH_LIVE_SOCKETS sockets (one subscription each) are open.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startServerProcess } from '../test/server-process.js';
import { loadAuthConfig } from '../src/auth/auth.config.js';
import { systemViewer } from '../src/auth/viewer.js';
import type { Config } from '../src/config.js';
import { initOrm, type MikroORM } from '../src/db/orm.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createAccount } from '../src/modules/accounts/account.service.js';
import { createApiToken } from '../src/modules/accounts/api-token.service.js';
import { AgendaItemSchema, MeetingSchema } from '../src/modules/meetings/meeting.entity.js';
import { OrganizationSchema } from '../src/modules/organizations/organization.entity.js';
import { testDatabaseOf } from '../src/test-support/test-app.js';

const SUBSCRIBERS = Number(process.env.BENCH_LIVE_SUBSCRIBERS ?? 50);
const MUTATIONS = Number(process.env.BENCH_LIVE_MUTATIONS ?? 40);
const SOCKETS = Number(process.env.BENCH_LIVE_SOCKETS ?? 2000);
const BUDGET_BYTES = 200 * 1024 * 1024;

const SUBSCRIPTION = `subscription ($id: ID!) { meetingChanged(id: $id) { kind at agendaItem { id minutes version } } }`;
const UPDATE = `mutation ($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { agendaItem { version } } }`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function instance(url: string, config: Config): Promise<{ app: FastifyInstance; orm: MikroORM; port: number }> {
  const orm = await initOrm({ url });
  const database = testDatabaseOf(orm, url);
  const app = await buildApp({
    config: { ...config, isProduction: true },
    logger: createLogger({ logLevel: 'silent' }),
    database,
    auth: loadAuthConfig({ PRACHUM_RATE_LIMIT_PER_MINUTE: '0' }),
    liveConfig: { transport: 'postgres', redisUrl: undefined },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, orm, port: typeof address === 'object' && address ? address.port : 0 };
}

/** A subscriber: resolves `ready` at its first event, calls `onEvent` with each. */
function subscriber(port: number, token: string, meetingGid: string, onEvent: (data: unknown) => void): Client {
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
  client.subscribe(
    { query: SUBSCRIPTION, variables: { id: meetingGid } },
    { next: (value) => onEvent(value.data), error: () => {}, complete: () => {} },
  );
  return client;
}

type UpdateAnswer = { updateAgendaItem: { agendaItem: { version: number } } };

async function post(
  port: number,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<UpdateAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: UpdateAnswer; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Resident memory of a process (Linux), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`live bench: no ${what} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export async function runLiveBench(orm: MikroORM, url: string, config: Config): Promise<void> {
  // A secretariat account with a token, and a meeting of our own to write minutes in.
  const em = orm.em.fork();
  const organization = await em.findOneOrFail(
    OrganizationSchema,
    { acronym: { $ne: null } },
    { orderBy: { acronym: 'asc' } },
  );
  const meeting = em.create(MeetingSchema, {
    title: 'Live benchmark',
    kind: 'TECHNICAL_WORKING_GROUP',
    startsAt: new Date(),
    organizer: organization.id,
    status: 'PLANNED',
    visibility: 'INTERNAL',
  });
  const item = em.create(AgendaItemSchema, { meeting: meeting.id, position: 1, title: 'Minutes' });
  await em.flush();
  const scope = { em: orm.em.fork(), viewer: systemViewer, config: { publicRead: false } };
  const account = await createAccount(scope, {
    email: `bench.live.${Date.now()}@bench.example.org`,
    password: 'bench live password 1',
    role: 'SECRETARIAT',
    fullName: 'Live Bench',
    organization: organization.id,
  });
  const { token } = await createApiToken(
    { ...scope, em: orm.em.fork() },
    { name: 'live bench', scope: 'WRITE' },
    { accountId: account.id, operator: true },
  );
  const meetingGid = toGlobalId('Meeting', meeting.id);
  const itemGid = toGlobalId('AgendaItem', item.id);

  // 1. Latency, across two instances.
  const a = await instance(url, config);
  const b = await instance(url, config);
  const clients: Client[] = [];
  const latencies: number[] = [];
  const mutations: number[] = [];
  try {
    let round = -1;
    let sentAt = 0;
    // The last round each subscriber has the event of (-2: none yet; -1: a warm-up one).
    const received = new Array<number>(SUBSCRIBERS).fill(-2);
    for (let i = 0; i < SUBSCRIBERS; i++) {
      clients.push(
        subscriber(a.port, token, meetingGid, () => {
          if (received[i]! < round) {
            received[i] = round;
            if (round >= 0) latencies.push(performance.now() - sentAt);
          }
        }),
      );
    }
    let version = 1;
    // Warm-up writes until every subscriber has had an event: then they are all subscribed.
    for (let tries = 0; received.some((r) => r < -1); tries++) {
      if (tries > 50) throw new Error('live bench: the subscribers did not get going');
      const data = await post(b.port, token, UPDATE, { input: { id: itemGid, version, minutes: `warm ${tries}` } });
      version = data.updateAgendaItem.agendaItem.version;
      await sleep(200);
    }
    for (round = 0; round < MUTATIONS; round++) {
      sentAt = performance.now();
      const data = await post(b.port, token, UPDATE, { input: { id: itemGid, version, minutes: `round ${round}` } });
      mutations.push(performance.now() - sentAt);
      version = data.updateAgendaItem.agendaItem.version;
      await until(() => received.every((r) => r >= round), `event of round ${round} at every subscriber`);
    }
  } finally {
    for (const client of clients) await client.dispose();
    await a.app.close();
    await b.app.close();
    await a.orm.close(true);
    await b.orm.close(true);
  }
  latencies.sort((x, y) => x - y);
  mutations.sort((x, y) => x - y);
  console.log(
    `\nlive: mutation through instance B → ${SUBSCRIBERS} subscribers on instance A (PostgreSQL LISTEN/NOTIFY), ${MUTATIONS} mutations, ${latencies.length} deliveries`,
  );
  console.log(
    `  latency from sending the mutation: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms (the mutation's own answer: p50 ${percentile(mutations, 0.5).toFixed(1)} ms)`,
  );

  // 2. Subscribers per instance within 200 MB: a real server process.
  const server = await startServerProcess({
    DATABASE_URL: url,
    PRACHUM_WORKER: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PRACHUM_RATE_LIMIT_PER_MINUTE: '0',
    PRACHUM_LIVE_TRANSPORT: 'postgres',
  });
  const sockets: Client[] = [];
  try {
    await server.ready();
    // One subscriber first, so that the listening connection and the subscription code are loaded.
    let events = 0;
    sockets.push(subscriber(server.port, token, meetingGid, () => events++));
    await sleep(2000);
    const before = rssOf(server.child.pid!);
    for (let i = 1; i < SOCKETS; i++) {
      sockets.push(subscriber(server.port, token, meetingGid, () => events++));
      if (i % 200 === 0) await sleep(200);
    }
    await sleep(3000);
    const idle = rssOf(server.child.pid!);
    // Every socket has its subscription once one more write reaches them all.
    let version = (await orm.em.fork().findOneOrFail(AgendaItemSchema, { id: item.id }, { refresh: true })).version;
    const target = () => events >= SOCKETS;
    for (let tries = 0; !target() && tries < 100; tries++) {
      events = 0;
      const data = await post(server.port, token, UPDATE, {
        input: { id: itemGid, version, minutes: `count ${tries}` },
      });
      version = data.updateAgendaItem.agendaItem.version;
      await sleep(1500);
    }
    const after = rssOf(server.child.pid!);
    const perSocket = Math.max(1, (idle - before) / (SOCKETS - 1));
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `live: one server process (node --import tsx src/main.ts, production): ${mb(before)} resident with 1 subscriber, ${mb(idle)} with ${SOCKETS} waiting (each its own socket and subscription), ${mb(after)} after writes reached them (${events} events delivered while checking)`,
    );
    console.log(
      `  about ${(perSocket / 1024).toFixed(1)} kB per subscriber: ${Math.floor(Math.max(0, BUDGET_BYTES - before) / perSocket)} subscribers within 200 MB in all, ${Math.floor(BUDGET_BYTES / perSocket)} within 200 MB more than the idle instance`,
    );
  } finally {
    for (const client of sockets) await client.dispose();
    server.kill();
    await server.exited;
  }
}
