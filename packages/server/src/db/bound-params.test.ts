import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { AuditEventSchema } from '../modules/audit/audit-event.entity.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { BIND_LONGER_THAN, bindLongParameters } from './bound-params.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** Milliseconds of CPU this process spends in `work` (wall time would count the database too). */
async function cpuOf(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('long parameters are sent bound, not written into the SQL text', () => {
  it('leaves short ones inline, as MikroORM writes them, and binds long text, bytes and JSON', () => {
    const format = db.orm.em.getPlatform().formatQuery.bind(db.orm.em.getPlatform());
    const long = 'x'.repeat(BIND_LONGER_THAN + 1);
    expect(bindLongParameters(format, 'select ?, ?', ['a', 1])).toBeUndefined();
    const split = bindLongParameters(format, 'select ? where a in (?) and b = ? and c = ? and d = ?', [
      "it's",
      ['x', 'y'],
      long,
      Buffer.alloc(BIND_LONGER_THAN + 1),
      { note: long },
    ]);
    expect(split?.sql).toBe("select 'it''s' where a in ('x', 'y') and b = $1 and c = $2 and d = $3");
    expect(split?.bound).toEqual([long, Buffer.alloc(BIND_LONGER_THAN + 1), JSON.stringify({ note: long })]);
  });

  it('a 900,000 character search costs the event loop next to nothing, and finds what it should', async () => {
    const em = db.orm.em.fork();
    em.create(OrganizationSchema, { acronym: 'LONG', name: 'y'.repeat(5_000), kind: 'NGO' });
    await em.flush();
    const huge = `%${'x'.repeat(900_000)}%`;
    const cpu = await cpuOf(() => em.execute('select count(*)::int as n from organization where name ilike ?', [huge]));
    // Written into the SQL text, the same query took about 300 ms of CPU here.
    expect(cpu).toBeLessThan(100);
    const [found] = await em.execute<{ n: number }[]>(
      'select count(*)::int as n from organization where name ilike ?',
      [`%${'y'.repeat(4_000)}%`],
    );
    expect(found?.n).toBe(1);
  });

  it('long values written through entities read back as they were, in text and JSON columns', async () => {
    const em = db.orm.em.fork();
    const name = `O'Brien \\ ${'ក'.repeat(20_000)} ?? ? $1`;
    const organization = em.create(OrganizationSchema, { acronym: 'ROUND', name, kind: 'NGO' });
    await em.flush();
    const changes = { minutes: { before: null, after: `it's ${'m'.repeat(50_000)}` } };
    em.create(AuditEventSchema, {
      entityType: 'Organization',
      entityId: organization.id,
      operation: 'UPDATE',
      changes,
    } as never);
    await em.flush();
    const fresh = db.orm.em.fork();
    expect((await fresh.findOneOrFail(OrganizationSchema, { acronym: 'ROUND' })).name).toBe(name);
    const [event] = await fresh.find(AuditEventSchema, { entityId: organization.id });
    expect(event?.changes).toEqual(changes);
  });
});
