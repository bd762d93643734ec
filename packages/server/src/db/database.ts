import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded.js';
import { migrateQueue } from '../jobs/queue.js';
import { replicaRouterOf } from './bound-params.js';
import { initOrm, type MikroORM } from './orm.js';

const CHECK_TIMEOUT_MS = 2_000;

/** The database a process works with: the ORM, and the embedded server when there is one. */
export interface Database {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedDatabase | undefined;
  /** Applies pending migrations (ours, then the job queue's) under the start lock; returns the names of ours. */
  migrate(): Promise<string[]>;
  /**
   * Runs `work` holding a PostgreSQL advisory lock on the database, so that instances starting at
   * once (or a CLI beside them) migrate and load the demo one after the other: the second finds the
   * work done. Re-entrant within the process; released if the process dies.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Undefined when the database answers, else the reason it does not. */
  check(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Name of the application database inside the embedded cluster. */
const EMBEDDED_DB = 'prachum';

/** The advisory lock key of "setting the database up" (migrations, demo data): any constant of ours. */
const START_LOCK = 7_226_010;

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Sends the read-replica router's "down" and "back" lines to the server's log. */
export function attachReplicaLog(orm: MikroORM, logger: Pick<Logger, 'warn' | 'info'>): void {
  const router = replicaRouterOf(orm.em.getDriver());
  if (router) router.log = (level, message, facts) => logger[level](facts, message);
}

/** Connects to DATABASE_URL, or starts (or joins) the embedded PostgreSQL of the data directory. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'statementTimeoutMs'> & Partial<Pick<Config, 'databaseReadUrls'>>,
  logger: Logger,
): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, (message, level = 'info') => logger[level](message));
    logger.info({ port: embedded.port, owned: embedded.owned }, 'embedded PostgreSQL ready');
    try {
      url = await ensureDatabase(embedded.url, EMBEDDED_DB);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }
  let orm: MikroORM;
  try {
    // Replicas only beside an existing primary: the embedded server has none.
    const readUrls = config.databaseUrl ? (config.databaseReadUrls ?? []) : [];
    orm = await initOrm({ url, statementTimeoutMs: config.statementTimeoutMs, readUrls });
    attachReplicaLog(orm, logger);
    if (readUrls.length > 0)
      logger.info({ replicas: readUrls.length }, 'partner and anonymous reads use read replicas');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  let closed = false;
  let holding = 0;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (holding > 0) {
      holding += 1;
      try {
        return await work();
      } finally {
        holding -= 1;
      }
    }
    // A connection of its own: a session-level lock belongs to one connection, not to a pool.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [START_LOCK]);
      holding = 1;
      try {
        return await work();
      } finally {
        holding = 0;
        await client.query('select pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    orm,
    url,
    embedded,
    exclusive,
    migrate: () =>
      exclusive(async () => {
        const applied = await orm.migrator.up();
        await migrateQueue(url);
        return applied.map((m) => m.name);
      }),
    async check() {
      try {
        const ping = orm.em.getConnection().execute('select 1');
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
        );
        await Promise.race([ping, timeout]);
        return undefined;
      } catch (error) {
        return `database unavailable: ${(error as Error).message}`;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await orm.close(true).catch((error) => logger.warn({ err: error }, 'closing the database pool failed'));
      if (embedded?.owned) await embedded.stop();
    },
  };
}
