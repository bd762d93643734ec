/**
 * `pnpm bench`: loads the demo data set multiplied (`BENCH_SCALE`, default 20) into a scratch database
 * and prints, for the queries dashboards and partners run most, the SQL statements per request and the
 * latency (median, p95), throughput and allocation (KB per request, garbage included) of the in-process
 * GraphQL endpoint; then (bench/live.ts) the latency
 * from a mutation to 50 subscribers on another instance and how many subscribers an instance holds in
 * 200 MB. Uses DATABASE_URL's server or an embedded PostgreSQL; drops what it created.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { systemViewer } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { ormConfig } from '../src/db/orm.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { createContext } from '../src/graphql/context.js';
import { createApollo } from '../src/graphql/http.js';
import { createLogger } from '../src/logger.js';
import { runLiveBench } from './live.js';

const scale = Number(process.env.BENCH_SCALE ?? 20);

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}
const sampledBytes = (node: SamplingNode): number =>
  node.selfSize + node.children.reduce((sum, child) => sum + sampledBytes(child), 0);

/**
 * Bytes allocated while `run` runs, garbage included (V8's sampling heap profiler, one sample per 4 KiB on
 * average, keeping the samples of objects collected since): the churn the garbage collector then pays for.
 */
async function allocated(run: () => Promise<void>): Promise<number> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await run();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  return sampledBytes(profile.head as SamplingNode);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);

const QUERIES: Record<string, string> = {
  // The peers benchmark's queries (issue "Fast at scale"): Q1, Q1 with first: 100, Q2.
  'Q1 commitments(first: 50)': `{ commitments(first: 50) { nodes { reference title status dueDate
    leadOrganization { acronym name } assignee { fullName } meeting { title startsAt } } } }`,
  'Q1 commitments(first: 100)': `{ commitments(first: 100) { nodes { reference title status dueDate
    leadOrganization { acronym name } assignee { fullName } meeting { title startsAt } } } }`,
  'Q2 meetings(first: 20)': `{ meetings(first: 20) { nodes { title startsAt participations { role attendance person { fullName } }
    commitments(first: 10) { nodes { reference title status } } } } }`,
  'commitments(first: 100), nested': `{ commitments(first: 100) { totalCount nodes { reference title status progress isOverdue
    leadOrganization { acronym } supportingOrganizations { acronym } assignee { fullName organization { acronym } }
    meeting { title organizer { acronym } } gcmObjectives { number title } planObjectives { code }
    updates(first: 5) { nodes { author { fullName } evidence { url } } } } } }`,
  'commitments(overdue, search)': `{ commitments(first: 50, filter: { overdue: true, search: "migra" }) { totalCount nodes { reference } } }`,
  'meetings(first: 50), nested': `{ meetings(first: 50) { totalCount nodes { title organizer { acronym } chair { fullName }
    agendaItems { title presenter { fullName } } participations { person { fullName } organization { acronym } }
    decisions { text } commitments(first: 10) { totalCount nodes { reference } } } } }`,
  'commitmentStats(ORGANIZATION)': `{ commitmentStats(groupBy: ORGANIZATION) { key total overdue averageProgress byStatus { status count } } }`,
  'commitmentStats(GCM_OBJECTIVE)': `{ commitmentStats(groupBy: GCM_OBJECTIVE) { key total overdue averageProgress } }`,
  'organizations with commitments(first: 20)': `{ organizations(first: 50) { nodes { acronym commitments(first: 20) { totalCount nodes { reference } } } } }`,
};

const config = loadConfig();
let dataDir: string | undefined;
let stopEmbedded: (() => Promise<void>) | undefined;
let serverUrl = config.databaseUrl;
if (!serverUrl) {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-bench-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  serverUrl = embedded.url;
  stopEmbedded = embedded.stop;
}
const name = `prachum_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

let statements = 0;
class CountingLogger extends DefaultLogger {
  override logQuery(_context: { query: string } & LogContext): void {
    statements++;
  }
}
const orm = await MikroORM.init({
  ...ormConfig({ url: url.toString() }),
  loggerFactory: (options: LoggerOptions) => new CountingLogger(options),
});
try {
  await orm.migrator.up();
  const started = performance.now();
  const counts = await loadDemo(orm, { force: true, scale });
  console.log(`demo data ×${scale} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
  const logger = createLogger({ logLevel: 'silent' });
  const apollo = await createApollo({ ...config, isProduction: true }, logger);
  console.log(
    `\n${'query'.padEnd(44)} ${'SQL/req'.padStart(8)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(7)} ${'KB alloc/req'.padStart(13)}`,
  );
  // BENCH_ONLY=Q1 runs only the queries whose label contains it (e.g. to profile one with --cpu-prof).
  const only = process.env.BENCH_ONLY;
  for (const [label, query] of Object.entries(QUERIES).filter(([label]) => !only || label.includes(only))) {
    const times: number[] = [];
    let sql = 0;
    const run = async () => {
      const contextValue = createContext({
        em: orm.em.fork(),
        viewer: systemViewer,
        config: { publicRead: false, isProduction: true },
        requestId: 'bench',
        logger,
      });
      statements = 0;
      const t0 = performance.now();
      const response = await apollo.executeOperation({ query }, { contextValue });
      times.push(performance.now() - t0);
      sql = statements;
      if (response.body.kind === 'single' && response.body.singleResult.errors) {
        throw new Error(`${label}: ${JSON.stringify(response.body.singleResult.errors)}`);
      }
    };
    for (let round = 0; round < rounds; round++) await run();
    // Then the same rounds again, counting what they allocate (not timed: sampling costs a little).
    const timed = times.length;
    const bytes = await allocated(async () => {
      for (let round = 0; round < rounds; round++) await run();
    });
    times.length = timed;
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p95 = times[Math.floor(times.length * 0.95)];
    const total = times.reduce((a, b) => a + b, 0);
    console.log(
      `${label.padEnd(44)} ${String(sql).padStart(8)} ${median.toFixed(1).padStart(10)} ${p95.toFixed(1).padStart(8)} ${((rounds / total) * 1000).toFixed(0).padStart(7)} ${(bytes / 1024 / rounds).toFixed(0).padStart(13)}`,
    );
  }
  await apollo.stop();
  // Subscriptions: mutation-to-subscriber latency and subscribers per instance (bench/live.ts).
  if (process.env.BENCH_LIVE !== '0') await runLiveBench(orm, url.toString(), config);
} finally {
  await orm.close(true);
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await stopEmbedded?.();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
