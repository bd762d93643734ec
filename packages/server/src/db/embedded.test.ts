import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prachum-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', { timeout: 120_000 }, () => {
  it('starts, stops, and keeps its data across a restart', async () => {
    const dir = await tempDir();
    const first = await startEmbeddedPostgres(dir);
    expect(first.owned).toBe(true);
    await query(first.url, "create table kept (value text); insert into kept values ('still here')");
    const pid = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await first.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(dir, 'runtime.json'))).toBe(false);

    const second = await startEmbeddedPostgres(dir);
    const { rows } = await query(second.url, 'select value from kept');
    expect(rows).toEqual([{ value: 'still here' }]);
    await second.stop();
  });

  it('lets a second process join the running instance (the CLI beside the server)', async () => {
    const dir = await tempDir();
    const owner = await startEmbeddedPostgres(dir);
    // runtime.json names this process; a different pid stands for "another process".
    const runtime = JSON.parse(await readFile(path.join(dir, 'runtime.json'), 'utf8'));
    const sleeper = spawn('sleep', ['30']);
    await writeFile(path.join(dir, 'runtime.json'), JSON.stringify({ ...runtime, pid: sleeper.pid }));
    const joined = await startEmbeddedPostgres(dir);
    expect(joined.owned).toBe(false);
    expect(joined.port).toBe(owner.port);
    await joined.stop();
    expect((await query(owner.url, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    sleeper.kill();
    await owner.stop();
  });

  it('recovers from a crash that left a stale postmaster.pid', async () => {
    const dir = await tempDir();
    const first = await startEmbeddedPostgres(dir);
    await first.stop();
    // A crashed run leaves its pid file behind, naming a process that no longer exists.
    await writeFile(path.join(dir, 'pg', 'postmaster.pid'), `999999\n${path.join(dir, 'pg')}\n0\n5432\n`);
    await writeFile(path.join(dir, 'runtime.json'), JSON.stringify({ pid: 999999, port: 1 }));
    const again = await startEmbeddedPostgres(dir);
    expect((await query(again.url, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    await again.stop();
  });

  it('stops an orphaned postgres left running by a killed app before starting', async () => {
    const dir = await tempDir();
    const orphan = await startEmbeddedPostgres(dir);
    const pid = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    // The app died (SIGKILL) without stopping postgres: runtime.json points at a dead process.
    await writeFile(path.join(dir, 'runtime.json'), JSON.stringify({ pid: 999999, port: orphan.port }));
    const next = await startEmbeddedPostgres(dir);
    expect(isAlive(pid)).toBe(false);
    expect((await query(next.url, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    await next.stop();
  });

  describe('supervision of the postmaster', () => {
    const postmasterOf = async (dir: string) =>
      Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const untilAnswers = async (url: string, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          return await query(url, 'select value from kept');
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };

    it('restarts a killed postmaster on the same data and port, saying so in the log', async () => {
      const dir = await tempDir();
      const lines: string[] = [];
      const db = await startEmbeddedPostgres(dir, (message, level = 'info') => lines.push(`${level}: ${message}`), {
        restartDelayMs: 100,
      });
      await query(db.url, "create table kept (value text); insert into kept values ('still here')");
      for (const round of [1, 2]) {
        const before = await postmasterOf(dir);
        process.kill(before, 'SIGKILL');
        const { rows } = await untilAnswers(db.url, 30_000);
        expect(rows, `round ${round}`).toEqual([{ value: 'still here' }]);
        expect(await postmasterOf(dir)).not.toBe(before);
      }
      expect(
        lines.filter((line) => /^warn: embedded PostgreSQL stopped unexpectedly \(SIGKILL\)/.test(line)),
      ).toHaveLength(2);
      expect(lines).toContainEqual(expect.stringMatching(/^warn: restarting embedded PostgreSQL \(attempt \d of 5\)/));
      expect(lines).toContainEqual(expect.stringMatching(/^warn: embedded PostgreSQL is running again/));
      const last = await postmasterOf(dir);
      await db.stop();
      expect(isAlive(last)).toBe(false);
    });

    it('gives up after the bounded number of restarts, with a line each time', async () => {
      const dir = await tempDir();
      const lines: string[] = [];
      const db = await startEmbeddedPostgres(dir, (message, level = 'info') => lines.push(`${level}: ${message}`), {
        restartDelayMs: 50,
        maxRestarts: 3,
      });
      // A data directory PostgreSQL refuses: every restart fails.
      const version = path.join(dir, 'pg', 'PG_VERSION');
      const kept = await readFile(version, 'utf8');
      await rm(version);
      process.kill(await postmasterOf(dir), 'SIGKILL');
      const deadline = Date.now() + 30_000;
      while (!lines.some((line) => line.includes('gave up')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(lines.filter((line) => line.includes('restarting embedded PostgreSQL (attempt'))).toEqual([
        'warn: restarting embedded PostgreSQL (attempt 1 of 3)',
        'warn: restarting embedded PostgreSQL (attempt 2 of 3)',
        'warn: restarting embedded PostgreSQL (attempt 3 of 3)',
      ]);
      expect(lines).toContain('error: embedded PostgreSQL: gave up after 3 restarts; restart Prachum');
      await writeFile(version, kept);
      await db.stop();
    });

    it('leaves a postmaster that was shut down cleanly (exit code 0) down', async () => {
      const dir = await tempDir();
      const lines: string[] = [];
      const db = await startEmbeddedPostgres(dir, (message, level = 'info') => lines.push(`${level}: ${message}`), {
        restartDelayMs: 50,
      });
      const pid = await postmasterOf(dir);
      process.kill(pid, 'SIGINT');
      expect(await new Promise((r) => setTimeout(() => r(isAlive(pid)), 3_000))).toBe(false);
      await new Promise((r) => setTimeout(r, 500));
      expect(lines).toContain('warn: embedded PostgreSQL was shut down; it is not restarted');
      expect(lines.some((line) => line.includes('restarting'))).toBe(false);
      await db.stop();
    });
  });
});
