import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { forgetTokensOnWrite } from '../auth/authenticate.js';
import { countSql } from '../logger.js';
import { entities } from '../modules/entities.js';
import { BoundParamsDriver } from './bound-params.js';
import { migrationsList } from './migrations/index.js';
import { LiveOutboxSubscriber } from '../live/live.outbox.js';
import path from 'node:path';
import { repoRoot } from '../paths.js';

export type { MikroORM };
export type { EntityManager } from '@mikro-orm/postgresql';

export interface OrmOptions {
  url: string;
  statementTimeoutMs?: number;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Read replicas (DATABASE_READ_URL): partner and anonymous queries read from them (db/replicas.ts). */
  readUrls?: string[];
}

const migrationsFolder = path.join(repoRoot, 'packages/server/src/db/migrations');

/** The MikroORM configuration: entities, migrations (listed in migrations/index.ts), pool. */
export function ormConfig(options: OrmOptions): Options {
  return {
    // Long parameters are sent bound rather than written into the SQL text (db/bound-params.ts).
    driver: BoundParamsDriver,
    clientUrl: options.url,
    entities,
    extensions: [Migrator],
    // Live events leave with the transaction that caused them (src/live/live.outbox.ts).
    subscribers: [new LiveOutboxSubscriber()],
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: migrationsFolder,
      pathTs: migrationsFolder,
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
      migrationsList,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    replicas: (options.readUrls ?? []).map((clientUrl) => ({ clientUrl })),
    // Which statements read from a replica is decided per request (db/bound-params.ts), not by MikroORM.
    preferReadReplicas: false,
    driverOptions: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : undefined,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message: string) => options.onQuery?.(message) : () => {},
    colors: false,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    // The SQL count of each request's log line (src/http/request-log.ts).
    onQuery: (sql: string) => {
      countSql();
      forgetTokensOnWrite(sql);
      return sql;
    },
  };
}

export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}
