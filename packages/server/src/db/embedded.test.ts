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
});
