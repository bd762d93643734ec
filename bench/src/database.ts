import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded.js';
import { initOrm } from '../../packages/server/src/db/orm.js';
import { loadDemo } from '../../packages/server/src/demo/demo.service.js';

/** Where pg_stat_statements lives in the benchmark database, away from the tables PostGraphile reflects. */
const STATS_SCHEMA = 'bench_stats';

/** Statements that open, close or configure a transaction rather than read or write data. */
const CONTROL = String.raw`^\s*(begin|commit|rollback|start\s+transaction|savepoint|release|set|reset|show|discard|deallocate)\b`;

export interface BenchDatabase {
  /** The fresh database holding the scaled demo data. */
  url: string;
  name: string;
  /** 'pg_stat_statements' when statements can be counted per database, else 'xacts' (pg_stat_database). */
  counter: 'pg_stat_statements' | 'xacts';
  /** Whether the server was started here (embedded) rather than reached through DATABASE_URL. */
  embedded: boolean;
  /** Statements run in the database so far, without transaction control (needs pg_stat_statements). */
  statements(): Promise<number>;
  /** Transactions committed or rolled back in the database so far, once the backends have reported them. */
  xacts(): Promise<number>;
  serverVersion: string;
  /** A query on the benchmark database (not counted: run it outside the counting phase). */
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Whether the database server runs on this machine, so that its processes' CPU time can be read. */
  local: boolean;
  /** Process ids of the server processes serving this database now (for their CPU time). */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/**
 * A new database on DATABASE_URL's server, or on an embedded PostgreSQL started here with
 * pg_stat_statements loaded; migrated and filled with the demo data set ×`scale`.
 */
export async function createBenchDatabase(scale: number, log: (message: string) => void): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL || undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-peers-'));
    const first = await startEmbeddedPostgres(dataDir);
    // shared_preload_libraries takes effect at the next start only.
    const setup = new pg.Client({ connectionString: first.url });
    await setup.connect();
    await setup.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await setup.query(`alter system set max_connections = 200`);
    await setup.end();
    await first.stop();
    const embedded = await startEmbeddedPostgres(dataDir);
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
    log(`embedded PostgreSQL on port ${embedded.port}`);
  }

  const name = `prachum_peers_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  const monitor = new pg.Client({ connectionString: url.toString() });
  await monitor.connect();
  const preloaded = await monitor.query<{ on: boolean }>(
    `select current_setting('shared_preload_libraries') ~ 'pg_stat_statements' as on`,
  );
  let counter: BenchDatabase['counter'] = 'xacts';
  if (preloaded.rows[0].on) {
    try {
      await monitor.query(`create schema ${STATS_SCHEMA}`);
      await monitor.query(`create extension pg_stat_statements schema ${STATS_SCHEMA}`);
      counter = 'pg_stat_statements';
    } catch (error) {
      log(`pg_stat_statements unavailable (${(error as Error).message}); counting transactions instead`);
    }
  }

  const orm = await initOrm({ url: url.toString() });
  try {
    await orm.migrator.up();
    const started = performance.now();
    const loaded = await loadDemo(orm, { force: true, scale });
    const rows = typeof loaded === 'string' ? loaded : `${loaded.commitments} commitments, ${loaded.meetings} meetings`;
    log(`demo data ×${scale} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows}`);
  } finally {
    await orm.close(true);
  }
  await monitor.query('analyze');

  return {
    url: url.toString(),
    name,
    counter,
    embedded: !!stopEmbedded,
    local: ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname),
    serverVersion: (await monitor.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0].v,
    async query<T extends object>(sql: string, params: unknown[] = []) {
      return (await monitor.query<T>(sql, params)).rows;
    },
    async statements() {
      if (counter !== 'pg_stat_statements') return Number.NaN;
      const result = await monitor.query<{ n: string }>(
        `select coalesce(sum(calls), 0) as n from ${STATS_SCHEMA}.pg_stat_statements
         where dbid = (select oid from pg_database where datname = current_database())
           and query !~* $1 and query not like '%pg_stat%'`,
        [CONTROL],
      );
      return Number(result.rows[0].n);
    },
    async xacts() {
      // Backends report their counts when idle, up to ten seconds later (PGSTAT_IDLE_INTERVAL).
      await new Promise((r) => setTimeout(r, 11_000));
      await admin.query('select pg_stat_clear_snapshot()');
      const result = await admin.query<{ n: string }>(
        'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1',
        [name],
      );
      return Number(result.rows[0].n);
    },
    async backendPids() {
      const result = await monitor.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      return result.rows.map((row) => row.pid);
    },
    async drop() {
      await monitor.end().catch(() => {});
      await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
      await admin.end().catch(() => {});
      await stopEmbedded?.();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
