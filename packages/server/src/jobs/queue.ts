import type { EntityManager } from '@mikro-orm/postgresql';

/** The tasks the worker knows (jobs/worker.ts maps each to its handler). */
export type TaskName =
  | 'notify'
  | 'send_mail'
  | 'reminder_sweep'
  | 'weekly_digest'
  | 'purge_sessions'
  | 'purge_unattached_files'
  | 'purge_idempotency_keys';

export interface EnqueueOptions {
  /**
   * Unique while the job waits or runs: enqueuing the same key again adds nothing. What a job
   * writes carries keys of its own (notification.key, outbox_mail.key), so a rerun adds nothing either.
   */
  key: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a job to graphile-worker's queue through `em`'s connection: inside a transaction, the job
 * exists only if the transaction commits, so a change that rolls back enqueues nothing.
 */
export async function enqueue(em: EntityManager, task: TaskName, payload: object, options: EnqueueOptions) {
  await em.execute(
    `select graphile_worker.add_job(?, ?::json, job_key => ?, run_at => ?::timestamptz, max_attempts => ?, job_key_mode => 'unsafe_dedupe')`,
    [
      task,
      JSON.stringify(payload),
      options.key,
      (options.runAt ?? new Date()).toISOString(),
      options.maxAttempts ?? 25,
    ],
  );
}

/** Creates or upgrades graphile-worker's own schema (`graphile_worker`) in the database at `url`. */
export async function migrateQueue(url: string): Promise<void> {
  const { Logger, runMigrations } = await import('graphile-worker');
  await runMigrations({ connectionString: url, logger: new Logger(() => () => {}) });
}
