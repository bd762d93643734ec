import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { loadConfig } from '../config.js';
import { initOrm } from './orm.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

it('cuts off a statement that runs longer than PRACHUM_STATEMENT_TIMEOUT_MS (default 15 s)', async () => {
  expect(loadConfig({ PRACHUM_SECRET: 'x'.repeat(32) }).statementTimeoutMs).toBe(15_000);
  const config = loadConfig({ PRACHUM_SECRET: 'x'.repeat(32), PRACHUM_STATEMENT_TIMEOUT_MS: '300' });
  const orm = await initOrm({ url: db.url, statementTimeoutMs: config.statementTimeoutMs });
  try {
    const em = orm.em.fork();
    expect(await em.execute('show statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
    await expect(em.execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    // The connection is still good afterwards.
    expect(await em.execute('select 1 as ok')).toEqual([{ ok: 1 }]);
  } finally {
    await orm.close(true);
  }
});
