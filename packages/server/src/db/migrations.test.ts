import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ template: false });
});
afterAll(async () => {
  await db?.drop();
});

describe('migrations', () => {
  it('apply in order to an empty database', async () => {
    const applied = await db.orm.migrator.up();
    expect(applied.length).toBeGreaterThanOrEqual(2);
    expect(await db.orm.migrator.getPending()).toEqual([]);
    const gcm = await db.orm.em.fork().getConnection().execute('select count(*)::int as n from gcm_objective');
    expect(gcm[0].n).toBe(23);
  });

  it('leave the database exactly as the entities describe it (no change outside migrations)', async () => {
    const pending = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(pending.trim()).toBe('');
  });

  it('keep the audit trail append-only', async () => {
    const connection = db.orm.em.fork().getConnection();
    await connection.execute(
      `insert into audit_event (id, at, entity_type, entity_id, operation) values (gen_random_uuid(), now(), 'X', gen_random_uuid(), 'create')`,
    );
    await expect(connection.execute(`update audit_event set operation = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute('delete from audit_event')).rejects.toThrow(/append-only/);
  });
});
