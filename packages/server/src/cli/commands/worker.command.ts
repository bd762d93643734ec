import { startWorker } from '../../jobs/worker.js';
import { createLogger } from '../../logger.js';
import { startLivePublisher } from '../../live/live.transport.js';
import type { CommandInput } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `worker` (listed, with its options, in commands/index.ts). */
export async function run({ print }: CommandInput): Promise<void> {
  await withDatabase(async (database, config) => {
    await database.migrate();
    const logger = createLogger(config);
    const runner = await startWorker({ orm: database.orm, url: database.url, config, logger });
    // With Redis as the live transport, the notifications it writes are pushed through Redis too.
    const stopLive = startLivePublisher(database.orm.em, config.live, logger);
    // Listen before saying so: a supervisor may send SIGTERM the moment it reads the line.
    const stopped = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    print(
      `Worker running; e-mail ${config.smtpUrl ? 'goes out through SMTP_URL' : 'is held in the outbox (no SMTP_URL)'}. Ctrl-C stops it.`,
    );
    const signal = await stopped;
    logger.info({ signal }, 'stopping the worker');
    await runner.stop();
    await stopLive();
    print('Worker stopped.');
  });
}
