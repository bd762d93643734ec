import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwrightChromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { builtClient } from './client-build.js';
import type { E2eContext } from './context.js';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const serverDir = path.join(repoRoot, 'packages/server');

/** The Chromium to drive: PRACHUM_CHROMIUM, else Debian's package. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.PRACHUM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

/** Chromium's flags on this machine: headless, and nothing that reaches for the (closed) network. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForReady(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not become ready within 120 s:\n${output()}`);
}

/** A fresh database on the server named by DATABASE_URL; dropped again at teardown. */
async function createDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // pg is the server's dependency; borrow it rather than install a second copy.
  const { Client } = createRequire(path.join(serverDir, 'package.json'))('pg') as {
    Client: new (options: {
      connectionString: string;
    }) => {
      connect(): Promise<void>;
      query(sql: string): Promise<unknown>;
      end(): Promise<void>;
    };
  };
  const name = `prachum_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

/**
 * Builds the web client (when its sources changed), starts the real server on a free port against a fresh database with the demo data,
 * creates the demo accounts, and hands the tests the URL and logins. Without Chromium (and outside CI) the
 * journeys are skipped, loudly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = chromiumPath();
  if (!chromium) {
    const message = 'No Chromium found (install it with `apt-get install chromium` or set PRACHUM_CHROMIUM).';
    if (process.env.CI) throw new Error(`${message} CI must run the end-to-end journeys.`);
    console.warn(`\n${'!'.repeat(100)}\n!!! END-TO-END JOURNEYS SKIPPED: ${message}\n${'!'.repeat(100)}\n`);
    project.provide('e2e', { skip: true } satisfies E2eContext);
    return async () => {};
  }

  // Built once and again only when the client's sources change (client-build.ts); a run never serves another's.
  const clientDir = builtClient(repoRoot);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PRACHUM_DEMO: '1',
    // The public accountability page (/public) is part of what the journeys check.
    PRACHUM_PUBLIC_READ: '1',
    PRACHUM_CLIENT_DIR: clientDir,
    PRACHUM_SECRET: randomBytes(24).toString('hex'),
    PRACHUM_RATE_LIMIT_PER_MINUTE: '100000',
    PRACHUM_LOGIN_MAX_FAILURES: '1000',
    PRACHUM_LOGIN_MAX_FAILURES_PER_IP: '1000',
  };
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    database = await createDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = database.url;
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'prachum-e2e-'));
    env.PRACHUM_DATA_DIR = dataDir;
  }

  let output = '';
  const server = spawn('pnpm', ['--filter', '@prachum/server', 'start'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });

  let browserServer: Awaited<ReturnType<typeof playwrightChromium.launchServer>> | undefined;
  const stop = async () => {
    // pnpm exits at once on SIGTERM while the server (its grandchild) is still stopping: wait for the
    // whole process group to be gone, not for pnpm, and SIGKILL whatever is left after the grace period.
    if (server.pid && groupAlive(server.pid)) {
      process.kill(-server.pid, 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (groupAlive(server.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive(server.pid)) process.kill(-server.pid, 'SIGKILL');
    }
    // PRACHUM_E2E_SERVER_LOG=file keeps what the journeys' server logged, to read after a failure.
    if (process.env.PRACHUM_E2E_SERVER_LOG) writeFileSync(process.env.PRACHUM_E2E_SERVER_LOG, output);
    server.stdout?.destroy();
    server.stderr?.destroy();
    server.unref();
    await browserServer?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // One Chromium for the whole run (each journey file connects to it and opens its own contexts),
    // started while the server boots.
    [browserServer] = await Promise.all([
      playwrightChromium.launchServer({ executablePath: chromium, headless: true, args: chromiumArgs }),
      waitForReady(baseUrl, server, () => output),
    ]);
    const seeded = execFileSync(
      'pnpm',
      ['exec', 'tsx', '--import', 'reflect-metadata', path.join(repoRoot, 'tests/e2e/support/seed-accounts.ts')],
      { cwd: serverDir, env, encoding: 'utf8' },
    );
    const logins = JSON.parse(seeded.trim().split('\n').at(-1) ?? '[]') as E2eContext['logins'];
    project.provide('e2e', {
      skip: false,
      baseUrl,
      chromium,
      logins,
      browserEndpoint: browserServer.wsEndpoint(),
    } satisfies E2eContext);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
