import type { FastifyInstance } from 'fastify';
import { loadAuthConfig } from '../auth/auth.config.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { MikroORM } from '../db/orm.js';
import { type AppDeps, buildApp } from '../http/app.js';
import { createLogger } from '../logger.js';

/** The Database the app takes, over a test's ORM: the test owns it, so migrating, the start lock and closing do nothing. */
export function testDatabaseOf(orm: MikroORM, url: string): Database {
  return {
    orm,
    url,
    embedded: undefined,
    migrate: async () => [],
    exclusive: (work) => work(),
    check: async () => undefined,
    close: async () => {},
  };
}

/** The real HTTP app (buildApp) over a test's ORM, with the test configuration and silent logs. */
export function buildTestApp(
  { orm, url }: { orm: MikroORM; url: string },
  { publicRead = false, ...deps }: { publicRead?: boolean } & Pick<AppDeps, 'clientDir' | 'liveConfig'> = {},
): Promise<FastifyInstance> {
  return buildApp({
    config: { ...loadConfig({ NODE_ENV: 'test', PRACHUM_SECRET: 'x'.repeat(32) }), publicRead },
    logger: createLogger({ logLevel: 'silent' }),
    database: testDatabaseOf(orm, url),
    auth: loadAuthConfig({}),
    ...deps,
  });
}
