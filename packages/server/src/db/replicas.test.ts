import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../auth/auth.config.js';
import { loadConfig } from '../config.js';
import { loadDemo } from '../demo/demo.service.js';
import { buildApp } from '../http/app.js';
import { migrateQueue } from '../jobs/queue.js';
import { CommitmentSchema } from '../modules/commitments/commitment.entity.js';
import { captureLogs } from '../../test/logs.js';
import { createTestAccount, createTestToken } from '../../test/http.js';
import type { TestDatabase } from '../../test/database.js';
import { attachReplicaLog } from './database.js';
import { initOrm, type MikroORM } from './orm.js';
import { isPlainRead, withReadRoute } from './replicas.js';
import { testDatabaseOf } from '../test-support/test-app.js';

// The machine's PostgreSQL (CI has 15): a primary and a streaming replica of it, started for this file.
const BIN = ['15', '16', '17', '18', '14']
  .map((version) => `/usr/lib/postgresql/${version}/bin`)
  .find((dir) => ['initdb', 'pg_ctl', 'pg_basebackup'].every((tool) => existsSync(path.join(dir, tool))));
const asRoot = process.getuid?.() === 0;
if (!BIN) {
  console.warn(
    'read-replica test skipped: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) under /usr/lib/postgresql',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the `postgres` OS user (PostgreSQL refuses to run as root). */
function tool(name: string, args: string[]): string {
  const command = path.join(BIN!, name);
  return execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('DATABASE_READ_URL', () => {
  it('takes one or more replica URLs beside DATABASE_URL, and explains bad values', () => {
    const env = { DATABASE_URL: 'postgres://p@db:5432/prachum', PRACHUM_SECRET: 'x'.repeat(32) };
    expect(loadConfig(env).databaseReadUrls).toEqual([]);
    expect(
      loadConfig({ ...env, DATABASE_READ_URL: 'postgres://r@replica-1/prachum, postgresql://r@replica-2:5433/prachum' })
        .databaseReadUrls,
    ).toEqual(['postgres://r@replica-1/prachum', 'postgresql://r@replica-2:5433/prachum']);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    expect(problems({ ...env, DATABASE_READ_URL: 'mysql://r@replica/prachum' })).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL must start with postgres:\/\/ or postgresql:\/\//),
    ]);
    expect(problems({ PRACHUM_SECRET: 'x'.repeat(32), DATABASE_READ_URL: 'postgres://r@replica/prachum' })).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL needs DATABASE_URL/),
    ]);
  });
});

describe.skipIf(!BIN)('read replicas (DATABASE_READ_URL) on a real streaming replica', () => {
  let dir: string;
  let primaryPort: number;
  let replicaPort: number;
  let primaryUrl: string;
  let replicaUrl: string;
  let orm: MikroORM;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const logs = captureLogs();
  let partnerToken: string;
  let staffToken: string;
  let visibleId: string;
  let visibleGlobalId: string;
  const started: string[] = [];

  const waitForReplay = async () => {
    const [{ lsn }] = await sql<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
    for (let i = 0; i < 300; i++) {
      const [{ caught }] = await sql<{ caught: boolean }>(
        replicaUrl,
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as caught',
        [lsn],
      );
      if (caught) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the replica did not catch up');
  };

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    return response.json() as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
  };
  const titleSeenBy = async (token: string) =>
    (await gql('query($id: ID!) { node(id: $id) { ... on Commitment { title } } }', { id: visibleGlobalId }, token))
      .data?.node?.title as string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'prachum-replica-'));
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), -1);
    const primaryDir = path.join(dir, 'primary');
    const replicaDir = path.join(dir, 'replica');
    primaryPort = await freePort();
    replicaPort = await freePort();
    tool('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'fsync = off',
        '',
      ].join('\n'),
    );
    tool('pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R']);
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\nhot_standby = on\n`);
    tool('pg_ctl', ['-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);

    const server = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    await sql(server, 'create database prachum');
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/prachum`;
    replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/prachum`;

    // Migrate and seed the primary, as `pnpm start` would.
    const setup = await initOrm({ url: primaryUrl });
    await setup.migrator.up();
    await migrateQueue(primaryUrl);
    await loadDemo(setup, { scale: 1 });
    await setup.close(true);

    orm = await initOrm({ url: primaryUrl, readUrls: [replicaUrl] });
    attachReplicaLog(orm, logs.logger);
    const db = { orm } as TestDatabase;
    const partner = await createTestAccount(db, { role: 'PARTNER' });
    partnerToken = await createTestToken(db, partner.id, 'READ');
    const staff = await createTestAccount(db, { role: 'SECRETARIAT' });
    staffToken = await createTestToken(db, staff.id, 'READ');
    const config = { ...loadConfig({ NODE_ENV: 'test', PRACHUM_SECRET: 'x'.repeat(32) }), publicRead: true };
    const database = testDatabaseOf(orm, primaryUrl);
    app = await buildApp({ config, logger: logs.logger, database, auth: loadAuthConfig({}) });
    await waitForReplay();

    const list = await gql('{ commitments(first: 5) { nodes { id } } }', {}, partnerToken);
    visibleGlobalId = list.data?.commitments.nodes[0].id;
    expect(visibleGlobalId).toBeTruthy();
    // The id behind the global id the partner sees.
    const seen = await gql(
      'query($id: ID!) { node(id: $id) { ... on Commitment { reference } } }',
      {
        id: visibleGlobalId,
      },
      staffToken,
    );
    const [match] = await sql<{ id: string }>(primaryUrl, 'select id from commitment where reference = $1', [
      seen.data?.node.reference,
    ]);
    visibleId = match!.id;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await orm?.close(true);
    for (const dataDir of started.reverse()) {
      try {
        tool('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('tells plain reads from statements that write or lock', () => {
    expect(isPlainRead('select * from "commitment" where id in (?)')).toBe(true);
    expect(isPlainRead('with v as materialized (select 1) select * from v')).toBe(true);
    expect(isPlainRead('select "updated_at" from commitment')).toBe(true);
    expect(isPlainRead('update api_token set last_used_at = ? where id = ?')).toBe(false);
    expect(isPlainRead('with d as (delete from session returning id) select * from d')).toBe(false);
    expect(isPlainRead('select * from commitment for update')).toBe(false);
    expect(isPlainRead("select graphile_worker.add_job('x')")).toBe(false);
    expect(isPlainRead('insert into audit_event values (?)')).toBe(false);
  });

  it('sends a routed read to the replica, everything else to the primary, and a request that wrote stays there', async () => {
    const where = 'select inet_server_port() as port, pg_is_in_recovery() as standby';
    const em = orm.em.fork();
    expect(await em.execute(where)).toEqual([{ port: primaryPort, standby: false }]);
    const route = { replica: true, wrote: false };
    await withReadRoute(route, async () => {
      expect(await em.execute(where)).toEqual([{ port: replicaPort, standby: true }]);
      // Through the query builder too (the plain-row lists use it).
      const qb = em.createQueryBuilder(CommitmentSchema).select('id').limit(1);
      expect(await qb.execute('all')).toHaveLength(1);
      expect(route).toMatchObject({ servedBy: `127.0.0.1:${replicaPort}` });
      await em.execute('update api_token set last_used_at = last_used_at where false');
      expect(await em.execute(where)).toEqual([{ port: primaryPort, standby: false }]);
    });
    // Not yet a query (the operation is unknown): the primary.
    await withReadRoute({ replica: false, wrote: false }, async () => {
      expect(await em.execute(where)).toEqual([{ port: primaryPort, standby: false }]);
    });
  });

  it('answers partner and anonymous queries from the replica, staff and mutations from the primary', async () => {
    const [{ title }] = await sql<{ title: string }>(primaryUrl, 'select title from commitment where id = $1', [
      visibleId,
    ]);
    // Hold the replica where it is: what the primary changes now, only the primary knows.
    await sql(replicaUrl, 'select pg_wal_replay_pause()');
    try {
      await sql(primaryUrl, "update commitment set title = title || ' (changed on the primary)' where id = $1", [
        visibleId,
      ]);
      const late = await createTestAccount({ orm } as TestDatabase, { role: 'PARTNER' });

      expect(await titleSeenBy(partnerToken)).toBe(title);
      expect(await titleSeenBy(staffToken)).toBe(`${title} (changed on the primary)`);
      // Anonymous callers read the replica too: the account made just now is not there yet…
      const people = await sql<{ n: number }>(replicaUrl, 'select count(*)::int as n from account where id = $1', [
        late.id,
      ]);
      expect(people[0]!.n).toBe(0);
      // …but a mutation reads the primary from its first statement: signing in with it works.
      const login = await gql('mutation($input: LoginInput!) { login(input: $input) { viewer { role } } }', {
        input: { email: late.email, password: late.password },
      });
      expect(login.errors).toBeUndefined();
      expect(login.data?.login.viewer.role).toBe('PARTNER');
    } finally {
      await sql(replicaUrl, 'select pg_wal_replay_resume()');
    }
    await waitForReplay();
    expect(await titleSeenBy(partnerToken)).toBe(`${title} (changed on the primary)`);
    expect(logs.lines.filter((line) => /read replica/.test(line.msg))).toEqual([]);
  });

  it('falls back to the primary when the replica is down, with one log line', async () => {
    await sql(primaryUrl, "update commitment set title = 'only on the primary' where id = $1", [visibleId]);
    tool('pg_ctl', ['-D', path.join(dir, 'replica'), '-m', 'fast', '-w', 'stop']);
    expect(await titleSeenBy(partnerToken)).toBe('only on the primary');
    expect(await titleSeenBy(partnerToken)).toBe('only on the primary');
    const list = await gql('{ commitments(first: 3) { totalCount nodes { id } } }', {}, partnerToken);
    expect(list.errors).toBeUndefined();
    const lines = logs.lines.filter((line) => /read replica/.test(line.msg));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'read replica does not answer; its reads go to the primary until it does',
        replica: `127.0.0.1:${replicaPort}`,
      }),
    ]);
  });
});
