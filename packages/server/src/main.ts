import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createDemoAccounts } from './auth/demo-accounts.js';
import { loadDemoIfEmpty } from './demo/demo.service.js';
import { buildApp } from './http/app.js';
import { enqueue } from './jobs/queue.js';
import { startWorker } from './jobs/worker.js';
import { createLogger } from './logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
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
  const database = await openDatabase(config, logger);
  let shuttingDown = false;

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5_000);
    timer.unref();
    try {
      await Promise.race([
        Promise.all([app?.close(), worker?.stop()]),
        new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS)),
      ]);
    } finally {
      await database.close();
      logger.info('stopped');
      process.exit(0);
    }
  };
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let demoLogins: Awaited<ReturnType<typeof createDemoAccounts>> = [];
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
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
    app = await buildApp({ config, logger, database });
    await app.listen({ port: config.port, host: config.host });
    // PRACHUM_WORKER=0: another process (`pnpm prachum worker`) runs the jobs.
    if (config.worker) worker = await startWorker({ orm: database.orm, url: database.url, config, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    await database.close();
    process.exit(1);
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const mode = database.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL';
  console.log(`\nPrachum is running at http://${shown}:${config.port}  (database: ${mode})`);
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
