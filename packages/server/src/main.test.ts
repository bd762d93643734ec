import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.js';
import { demoOrganizations } from './demo/demo-data.js';
import { OrganizationSchema } from './modules/organizations/organization.entity.js';
import { isAlive, type ServerProcess, startServerProcess, waitForExit } from '../test/server-process.js';

let db: TestDatabase;
const started: ServerProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const server of started) server.kill();
  await db?.drop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string | undefined>, command?: string[]): Promise<ServerProcess> {
  const server = await startServerProcess(env, { command });
  started.push(server);
  await server.ready();
  return server;
}

/**
 * Sends the head and half the body of a GraphQL request, and returns a function that sends the rest
 * and resolves with the raw HTTP response: a request in flight for as long as the test likes.
 */
async function requestInFlight(port: number, query: string): Promise<() => Promise<string>> {
  const body = JSON.stringify({ query });
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let response = '';
  socket.on('data', (chunk) => {
    response += chunk;
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const half = Math.floor(body.length / 2);
  // `expect: 100-continue`: Node answers "100 Continue" once it has read the head and handed the request on,
  // so the test knows the request is in flight (not merely sent) before it stops the server.
  socket.write(
    `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nexpect: 100-continue\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  await expect.poll(() => response, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
  return async () => {
    socket.write(body.slice(half));
    await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
    return response.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
  };
}

function refusesConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('a clean stop', { timeout: 180_000 }, () => {
  it('on SIGTERM finishes the request in flight, takes no new ones, stops the worker and exits 0', async () => {
    const server = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '1' });
    const finish = await requestInFlight(server.port, '{ __typename }');
    server.child.kill('SIGTERM');
    await server.waitForLog((line) => String(line.msg).startsWith('stopping'));
    // The listener is closed at once; the request already in flight is still answered.
    await expect.poll(() => refusesConnections(server.port), { timeout: 5_000 }).toBe(true);
    const response = await finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('{"data":{"__typename":"Query"}}');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = server.logs().map((line) => line.msg);
    expect(messages).toContain('stopped');
    expect(messages.indexOf('stopped')).toBeGreaterThan(
      messages.indexOf('stopping: no new requests; finishing the ones in flight'),
    );
  });

  it('stops even when nothing reads its output any more (a closed pipe)', async () => {
    const server = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '0' });
    server.child.stdout?.destroy();
    server.child.stderr?.destroy();
    // Its next lines (the stop's own) fail with EPIPE.
    server.child.kill('SIGTERM');
    const exited = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(() => r('still running'), 15_000)),
    ]);
    expect(exited).toEqual({ code: 0, signal: null });
  });

  it('on SIGINT exits 0 too', async () => {
    const server = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '0' });
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('cuts a request that outlasts PRACHUM_SHUTDOWN_TIMEOUT_MS, and still exits 0', async () => {
    const server = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '0', PRACHUM_SHUTDOWN_TIMEOUT_MS: '500' });
    // Never finished: the body stays half sent.
    await requestInFlight(server.port, '{ __typename }');
    const before = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - before).toBeLessThan(5_000);
  });

  it('with the embedded PostgreSQL (listening on 127.0.0.1 only), stops it too and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-stop-'));
    dirs.push(dataDir);
    const server = await start({
      DATABASE_URL: undefined,
      HOST: undefined,
      PRACHUM_DATA_DIR: dataDir,
      PRACHUM_WORKER: '0',
    });
    const postmaster = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(isAlive(postmaster)).toBe(true);
    // Embedded mode has demo logins with published passwords: without HOST it is not on the network.
    expect(server.output()).toContain('It listens on this machine only (127.0.0.1)');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (external) expect(await refusesConnections(server.port, external)).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await waitForExit(postmaster, 5_000)).toBe(true);
  });

  it('is not left behind when the pnpm two levels up gets SIGTERM (the root `pnpm start` runs pnpm in pnpm)', async () => {
    // pnpm → sh → pnpm → sh → node, as the root package's start script makes it, without building the client.
    const outer = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '0' }, [
      'pnpm',
      '--silent',
      'exec',
      'sh',
      '-c',
      'pnpm --silent start',
    ]);
    const { pid } = (await outer.waitForLog((line) => line.msg === 'started')) as { pid: number };
    outer.child.kill('SIGTERM');
    await outer.exited;
    expect(await waitForExit(pid, 15_000)).toBe(true);
    expect(await refusesConnections(outer.port)).toBe(true);
  });

  it('is not left behind when the `pnpm start` that started it gets SIGTERM', async () => {
    const pnpm = await start({ DATABASE_URL: db.url, PRACHUM_WORKER: '0' }, ['pnpm', '--silent', 'start']);
    const { pid } = (await pnpm.waitForLog((line) => line.msg === 'started')) as { pid: number };
    expect(pid).not.toBe(pnpm.child.pid);
    pnpm.child.kill('SIGTERM');
    await pnpm.exited;
    // pnpm exits at once without passing the signal on; the server notices that its parent went.
    expect(await waitForExit(pid, 15_000)).toBe(true);
    expect(await refusesConnections(pnpm.port)).toBe(true);
  });
});

describe('two instances starting at the same moment on one empty database', { timeout: 240_000 }, () => {
  it('migrate and load the demo once: one does it under the advisory lock, the other finds it done', async () => {
    const fresh = await createTestDatabase({ template: false });
    try {
      const env = { DATABASE_URL: fresh.url, PRACHUM_DEMO: '1', PRACHUM_WORKER: '0' };
      const [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      started.push(first!, second!);
      await Promise.all([first!.ready(), second!.ready()]);
      const loaded = [first!, second!].flatMap((server) =>
        server.logs().filter((line) => line.msg === 'loaded the demo data set into the empty database'),
      );
      expect(loaded).toHaveLength(1);
      const em = fresh.orm.em.fork();
      const duplicates = await em.execute('select name from mikro_orm_migrations group by name having count(*) > 1');
      expect(duplicates).toEqual([]);
      expect(await em.count(OrganizationSchema, {})).toBe(demoOrganizations.length);
      first!.child.kill('SIGTERM');
      second!.child.kill('SIGTERM');
      expect(await Promise.all([first!.exited, second!.exited])).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    } finally {
      await fresh.drop();
    }
  });
});
