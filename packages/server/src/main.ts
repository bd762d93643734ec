import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Runner } from 'graphile-worker';
import { createDemoAccounts, type DemoLogin } from './auth/demo-accounts.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { loadDemoIfEmpty } from './demo/demo.service.js';
import { buildApp } from './http/app.js';
import { enqueue } from './jobs/queue.js';
import { startWorker } from './jobs/worker.js';
import { createLogger, type Logger } from './logger.js';

/** How often the server checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1_000;
/** A stop that has not finished this long after the grace period ends the process anyway. */
const HARD_STOP_EXTRA_MS = 5_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Stops the process cleanly, once: no new requests, the ones in flight finished (up to
 * `shutdownTimeoutMs`, then cut), the job worker stopped, the database closed, exit code 0.
 */
function createStopper(config: Config, logger: Logger) {
  const parts: {
    opening?: Promise<Database>;
    app?: FastifyInstance;
    worker?: Runner;
  } = {};
  let stopping: Promise<void> | undefined;

  const close = async (reason: string) => {
    logger.info({ reason }, 'stopping: no new requests; finishing the ones in flight');
    const hardStop = setTimeout(() => {
      logger.error('the stop took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + HARD_STOP_EXTRA_MS);
    hardStop.unref();
    const { app, worker } = parts;
    if (app) {
      // Requests still running after the grace period are cut rather than waited for.
      const cut = setTimeout(() => {
        logger.warn('requests still in flight after the grace period; closing their connections');
        app.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await app.close().catch((error) => logger.error({ err: error }, 'closing the HTTP server failed'));
      clearTimeout(cut);
    }
    if (worker) {
      await Promise.race([
        worker.stop().catch((error) => logger.error({ err: error }, 'stopping the job worker failed')),
        wait(config.shutdownTimeoutMs),
      ]);
    }
    const database = await parts.opening?.catch(() => undefined);
    await database?.close();
    logger.info('stopped');
    process.exit(0);
  };

  const stop = (reason: string): Promise<void> => {
    stopping ??= close(reason);
    return stopping;
  };

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    // A second Ctrl-C means "now".
    if (signals > 1) {
      logger.warn({ signal }, 'stopping at once');
      process.exit(1);
    }
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  // A wrapper that exits without passing the signal on (pnpm does) must not leave the server behind:
  // when the parent goes, or any of the pnpm and shell processes above it (`pnpm start` at the
  // root runs pnpm in pnpm), the server stops.
  const parent = process.ppid;
  const wrappers = launchers();
  setInterval(() => {
    if (process.ppid !== parent || !wrappers.every(isRunning)) void stop('the process that started it exited');
  }, PARENT_CHECK_MS).unref();

  return { parts, stop, isStopping: () => stopping !== undefined };
}

/** Whether a process still runs. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A package manager, or a shell running one's script (`sh -c …`). */
const WRAPPER = /^(\S*\/)?(node \S*\/)?(pnpm|npm|yarn)(\.c?js)?(\s|$)|^(\S*\/)?(sh|bash|dash) -c /;

/**
 * The wrappers that started this process, nearest first: its parent, and the pnpm and shell
 * processes above it, read from /proc (Linux; elsewhere just the parent).
 */
function launchers(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 10) {
    let command: string;
    let parentOf: number;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // /proc/PID/stat: "pid (name) state ppid …"; the name may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
    if (chain.length > 0 && !WRAPPER.test(command)) break;
    chain.push(pid);
    pid = parentOf;
  }
  return chain;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const lifecycle = createStopper(config, logger);
  let demoLogins: DemoLogin[] = [];
  let database: Database;

  try {
    lifecycle.parts.opening = openDatabase(config, logger);
    database = await lifecycle.parts.opening;
    if (lifecycle.isStopping()) return;
    // Two instances starting at once on one database: one migrates and loads the demo, the other waits and finds it done.
    await database.exclusive(async () => {
      await database.migrate();
      if (config.loadDemo) {
        const loaded = await loadDemoIfEmpty(database.orm);
        if (loaded) {
          logger.info(loaded, 'loaded the demo data set into the empty database');
          // The demo's commitments are due and overdue already: sweep once so reminders are there to see.
          await enqueue(database.orm.em.fork(), 'reminder_sweep', {}, { key: 'reminder_sweep:demo' });
        }
      }
      // Demo logins only for a local try-out: embedded database, never in production.
      if (config.loadDemo && database.embedded && !config.isProduction)
        demoLogins = await createDemoAccounts(database.orm);
    });
    if (lifecycle.isStopping()) return;
    const app = await buildApp({ config, logger, database });
    lifecycle.parts.app = app;
    await app.listen({ port: config.port, host: config.host });
    // PRACHUM_WORKER=0: another process (`pnpm prachum worker`) runs the jobs.
    if (config.worker && !lifecycle.isStopping())
      lifecycle.parts.worker = await startWorker({ orm: database.orm, url: database.url, config, logger });
  } catch (error) {
    // A stop during start closes what start is using; its errors are not failures to start.
    if (lifecycle.isStopping()) return;
    logger.fatal({ err: error }, 'could not start');
    const opened = await lifecycle.parts.opening?.catch(() => undefined);
    await opened?.close();
    process.exit(1);
  }
  if (lifecycle.isStopping()) return;
  logger.info({ pid: process.pid, host: config.host, port: config.port }, 'started');
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const mode = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL';
  console.log(`\nPrachum is running at http://${shown}:${config.port}  (database: ${mode})`);
  if (!config.hostFromEnv && config.host === '127.0.0.1')
    console.log('It listens on this machine only (127.0.0.1); set HOST=0.0.0.0 to listen on every interface.');
  else if (demoLogins.length > 0 && !['127.0.0.1', '::1', 'localhost'].includes(config.host))
    console.log(`It listens on ${config.host}: anyone who reaches it can sign in with the demo logins below.`);
  console.log(
    config.worker
      ? `Background jobs run in this process; e-mail ${config.smtpUrl ? 'goes out through SMTP_URL' : 'is held in the outbox (no SMTP_URL)'}.`
      : 'Background jobs are off here (PRACHUM_WORKER=0): run `pnpm prachum worker` beside it.',
  );
  if (demoLogins.length > 0) {
    console.log('\nDemo logins (embedded mode only):');
    for (const login of demoLogins)
      console.log(`  ${login.role.padEnd(12)} ${login.email.padEnd(36)} ${login.password}`);
  }
  console.log('');
}

await main();
