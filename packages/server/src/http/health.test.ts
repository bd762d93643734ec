import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { captureLogs } from '../../test/logs.js';
import { createLogger } from '../logger.js';
import { buildApp } from './app.js';

let dataDir: string;
let database: Database | undefined;

afterAll(async () => {
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('health probes', { timeout: 120_000 }, () => {
  it('/healthz is up; /readyz follows the database down and back up', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-ready-'));
    const config = { ...loadConfig({ NODE_ENV: 'test', PRACHUM_DATA_DIR: dataDir }), dataDir };
    const logger = createLogger({ logLevel: 'silent' });
    database = await openDatabase(config, logger);
    await database.migrate();
    const logs = captureLogs();
    const app = await buildApp({ config, logger: logs.logger, database });

    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });

    const port = database.embedded!.port;
    await database.embedded!.stop();
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    // Anyone may ask: the answer does not say where the database is or what the driver said.
    expect(down.json()).toEqual({ status: 'unavailable', reason: 'the database does not answer' });
    expect(down.body).not.toContain(String(port));
    expect(down.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect/);
    // The operator finds the reason in the log, once however often the probe asks.
    await app.inject('/readyz');
    const notReady = logs.lines.filter((line) => line.msg === 'not ready: the database does not answer');
    expect(notReady).toHaveLength(1);
    expect(notReady[0]?.reason).toMatch(/^database unavailable: /);
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    const restarted = await startEmbeddedPostgres(dataDir, () => {}, { port });
    let ready = await app.inject('/readyz');
    for (let i = 0; i < 20 && ready.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await app.inject('/readyz');
    }
    expect(ready.statusCode).toBe(200);
    expect(logs.lines.map((line) => line.msg)).toContain('ready again: the database answers');
    await app.close();
    await database.orm.close(true);
    await restarted.stop();
    database = undefined;
  });

  it('/readyz comes back to 200 by itself after the embedded postmaster is killed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'prachum-heal-'));
    const config = { ...loadConfig({ NODE_ENV: 'test', PRACHUM_DATA_DIR: dir }), dataDir: dir };
    const logs = captureLogs();
    const healing = await openDatabase(config, logs.logger);
    try {
      await healing.migrate();
      const app = await buildApp({ config, logger: logs.logger, database: healing });
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      const pid = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      const statuses: number[] = [];
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        statuses.push((await app.inject('/readyz')).statusCode);
        if (statuses.at(-1) === 200 && statuses.includes(503)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(statuses).toContain(503);
      expect(statuses.at(-1)).toBe(200);
      // And requests work again on the pool's fresh connections.
      expect(
        (await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } })).statusCode,
      ).toBe(200);
      const messages = logs.lines.map((line) => line.msg);
      expect(messages).toContainEqual(expect.stringMatching(/^embedded PostgreSQL stopped unexpectedly \(SIGKILL\)/));
      expect(messages).toContainEqual(expect.stringMatching(/^embedded PostgreSQL is running again/));
      await app.close();
    } finally {
      await healing.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
