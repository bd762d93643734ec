import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { initOrm, type MikroORM } from './orm.js';
import { numberPlaceholders, PREPARE_MAX_PARAMS, preparedRead } from './prepared.js';

describe('numberPlaceholders', () => {
  it('numbers the placeholders and copies quoted text as it is', () => {
    expect(numberPlaceholders(`select * from t where a = ? and b in (?, ?) and c = 'why?' and "d?" = ?`, 4)).toBe(
      `select * from t where a = $1 and b in ($2, $3) and c = 'why?' and "d?" = $4`,
    );
    expect(numberPlaceholders(`select 'it''s ?' as x where y = ?`, 1)).toBe(`select 'it''s ?' as x where y = $1`);
  });

  it('gives up where numbering could change the meaning', () => {
    expect(numberPlaceholders('select ?? from t where a = ?', 1)).toBeUndefined();
    expect(numberPlaceholders(`select * from t where j ?| array['a'] and a = ?`, 1)).toBeUndefined();
    expect(numberPlaceholders(`select E'\\'?' where a = ?`, 1)).toBeUndefined();
    expect(numberPlaceholders('select $$?$$ where a = ?', 1)).toBeUndefined();
    expect(numberPlaceholders('select 1 -- why?\n where a = ?', 1)).toBeUndefined();
    expect(numberPlaceholders('select * from t where a = ?', 2)).toBeUndefined();
  });
});

describe('preparedRead', () => {
  it('keeps one name per text, whatever the values', () => {
    const sql = 'select * from t where a = ? and b = ?';
    const one = preparedRead(sql, ['x', 1]);
    const two = preparedRead(sql, ['y', 2]);
    expect(one?.text).toBe('select * from t where a = $1 and b = $2');
    expect(one?.name).toBe(two?.name);
    expect(one?.name).not.toBe(preparedRead('select * from t where a = ?', ['x'])?.name);
  });

  it('leaves arrays, objects and long parameter lists to MikroORM', () => {
    expect(preparedRead('select * from t where a in (?)', [['x', 'y']])).toBeUndefined();
    expect(preparedRead('select * from t where a = ?', [{ a: 1 }])).toBeUndefined();
    const many = Array.from({ length: PREPARE_MAX_PARAMS + 1 }, (_, i) => i);
    expect(preparedRead(`select * from t where a in (${many.map(() => '?').join(', ')})`, many)).toBeUndefined();
  });
});

/** The statements this connection prepared whose text contains `part` (this lookup, prepared too, left out). */
const preparedLike = (orm: MikroORM, part: string) =>
  orm.em
    .fork()
    .execute<{ statement: string }[]>(
      `select statement from pg_prepared_statements where strpos(statement, ?) > 0 and strpos(statement, 'pg_prepared_statements') = 0`,
      [part],
    );

describe('plain reads run as prepared statements', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection, so that the statements a read prepared are visible to the next read.
    orm = await initOrm({ url: db.url, poolMax: 1 });
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('prepares a read once and answers it as before', async () => {
    const em = orm.em.fork();
    const read = `select count(*)::int as n from organization where acronym = ? and kind = ?`;
    expect(await em.execute(read, ['NOPE', 'MINISTRY'])).toEqual([{ n: 0 }]);
    expect(await em.execute(read, ['NOPE-2', 'NGO'])).toEqual([{ n: 0 }]);
    const prepared = await preparedLike(orm, 'acronym = $1 and kind = $2');
    expect(prepared).toHaveLength(1);
  });

  it('falls back to written-in values where PostgreSQL cannot type a bound one', async () => {
    const em = orm.em.fork();
    // `select $1` has no type to infer (42P18); written in, 'a' is text.
    expect(await em.execute('select ? as x', ['a'])).toEqual([{ x: 'a' }]);
    expect(await em.execute('select ? as x', ['b'])).toEqual([{ x: 'b' }]);
  });

  it('leaves reads inside a transaction as they were', async () => {
    await orm.em.fork().transactional(async (em) => {
      expect(await em.execute('select ? = ? as same', ['x', 'x'])).toEqual([{ same: true }]);
    });
    expect(await preparedLike(orm, '= $2 as same')).toHaveLength(0);
  });
});
