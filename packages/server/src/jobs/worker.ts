import { Logger as WorkerLogger, run, runOnce, type Runner, type Task, type TaskList } from 'graphile-worker';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { MikroORM } from '../db/orm.js';
import type { Logger } from '../logger.js';
import { purgeExpiredSessions } from '../modules/accounts/session.service.js';
import { purgeIdempotencyKeys } from '../modules/idempotency/idempotency.service.js';
import { createFileStorage, type FileStorage } from '../modules/files/file-storage.js';
import type { FilesConfig } from '../modules/files/files.config.js';
import { purgeUnattachedFiles } from '../modules/files/file.service.js';
import { todayInPhnomPenh } from '../modules/committee/rules.js';
import { createMailer, deliverMail } from '../modules/mail/outbox.service.js';
import type { FollowUpEvent } from '../modules/notifications/follow-up.js';
import { deliverEvent } from '../modules/notifications/notification.service.js';
import { runWeeklyDigest } from '../modules/reminders/digest.service.js';
import { runReminderSweep } from '../modules/reminders/reminder.service.js';
import type { TaskName } from './queue.js';
import { CRONTAB } from './schedule.js';

export interface WorkerDeps {
  orm: MikroORM;
  /** The database the queue lives in (the ORM's). */
  url: string;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'> & { files?: FilesConfig };
  logger: Logger;
  /** Defaults to a transport for SMTP_URL. */
  mailer?: Transporter;
  /** Defaults to the store config.files names; without either, the file cleanup has nothing to do. */
  storage?: FileStorage;
}

/** The day a scheduled run is for, in Phnom Penh: cron passes the instant it fired for. */
const cronDate = (payload: unknown) =>
  todayInPhnomPenh(new Date((payload as { _cron?: { ts?: string } })?._cron?.ts ?? Date.now()));

/** Every task the worker runs; each is safe to run again (see jobs/queue.ts). */
export function taskList(deps: WorkerDeps): TaskList {
  const mailer = deps.mailer ?? createMailer(deps.config);
  const em = () => deps.orm.em.fork();
  const tasks: Record<TaskName, Task> = {
    notify: async (payload) => {
      await deliverEvent(em(), deps.config, payload as FollowUpEvent);
    },
    send_mail: async (payload) => {
      await deliverMail(em(), mailer, deps.config, (payload as { id: string }).id);
    },
    reminder_sweep: async (payload) => {
      const date = cronDate(payload);
      const result = await runReminderSweep(em(), deps.config, { date });
      deps.logger.info(
        { date, mails: result.mails.length, notifications: result.notifications },
        'reminder sweep done',
      );
    },
    weekly_digest: async (payload) => {
      const date = cronDate(payload);
      const result = await runWeeklyDigest(em(), deps.config, date);
      deps.logger.info({ date, mails: result.mails.length }, 'weekly digest done');
    },
    purge_sessions: async () => {
      await purgeExpiredSessions(em());
    },
    purge_idempotency_keys: async () => {
      // The offline outbox replays within days; 30 days of keys is ample to answer a late replay once.
      await purgeIdempotencyKeys(em());
    },
    purge_unattached_files: async () => {
      const storage = deps.storage ?? (deps.config.files && createFileStorage(deps.config.files));
      if (!storage) return;
      const result = await purgeUnattachedFiles(em(), storage);
      if (result.files + result.orphans > 0) deps.logger.info(result, 'removed unattached files');
    },
  };
  return tasks;
}

/** graphile-worker's messages through our logger. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
    logger[method]({ worker: meta }, message);
  });
}

/** Starts the job worker with the scheduled sweeps; resolves once it is listening for jobs. */
export async function startWorker(deps: WorkerDeps, options: { concurrency?: number } = {}): Promise<Runner> {
  return run({
    connectionString: deps.url,
    concurrency: options.concurrency ?? 2,
    maxPoolSize: (options.concurrency ?? 2) + 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList: taskList(deps),
    crontab: CRONTAB,
    logger: workerLogger(deps.logger),
  });
}

/** Runs every job that is due now, then returns (tests and the CLI). */
export async function runDueJobs(deps: WorkerDeps): Promise<void> {
  await runOnce({
    connectionString: deps.url,
    taskList: taskList(deps),
    noHandleSignals: true,
    logger: workerLogger(deps.logger),
  });
}
