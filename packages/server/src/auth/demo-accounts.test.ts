import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestHttp, type TestHttp } from '../../test/http.js';
import { loadDemo } from '../demo/demo.service.js';
import { AccountSchema } from '../modules/accounts/account.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';
import { createDemoAccounts } from './demo-accounts.js';

let db: TestDatabase;
let http: TestHttp;
beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

describe('demo accounts', () => {
  it('gives one working login per role, for the demo people, and can run twice', async () => {
    await loadDemo(db.orm);
    const logins = await createDemoAccounts(db.orm);
    expect(logins.map((l) => l.role).sort()).toEqual(['ADMIN', 'FOCAL_POINT', 'PARTNER', 'SECRETARIAT']);
    for (const login of logins) {
      const cookie = await http.login(login.email, login.password);
      const me = await http.gql('{ me { role person { email } } }', undefined, { cookie });
      expect(me.body.data?.me.role).toBe(login.role);
    }
    const em = db.orm.em.fork();
    const accounts = await em.find(AccountSchema, {});
    const people = await em.find(PersonSchema, { id: { $in: accounts.map((a) => a.person) } });
    // The accounts belong to the demo people, not to new ones.
    expect(people.every((p) => p.fullNameKm)).toBe(true);
    expect(await createDemoAccounts(db.orm)).toEqual(logins);
    expect(await em.fork().count(AccountSchema, {})).toBe(4);
  });
});
