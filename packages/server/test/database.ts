import { randomBytes } from 'node:crypto';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import pg from 'pg';
import { inject } from 'vitest';
import { type MikroORM, initOrm, ormConfig } from '../src/db/orm.js';
import { MikroORM as PgMikroORM } from '@mikro-orm/postgresql';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  name: string;
  /** SQL statements run since the last reset (begin/commit included). */
  queries: string[];
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('databaseServerUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database for one test file: a copy of the run's freshly migrated template. */
export async function createTestDatabase(options: { template?: boolean } = {}): Promise<TestDatabase> {
  const name = `prachum_test_${randomBytes(6).toString('hex')}`;
  const from = options.template === false ? '' : ` template "${inject('templateDatabase')}"`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`create database "${name}"${from}`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(inject('databaseServerUrl'));
  url.pathname = `/${name}`;
  const queries: string[] = [];
  class CountingLogger extends DefaultLogger {
    override logQuery(context: { query: string } & LogContext): void {
      queries.push(context.query);
    }
  }
  const orm = await PgMikroORM.init({
    ...ormConfig({ url: url.toString() }),
    loggerFactory: (loggerOptions: LoggerOptions) => new CountingLogger(loggerOptions),
  });
  return {
    orm,
    url: url.toString(),
    name,
    queries,
    async drop() {
      await orm.close(true);
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

export { initOrm };
