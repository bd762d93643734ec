import type { MikroORM } from '../../db/orm.js';
import { testFactories } from '../../test-support/factories.js';

/** People with accounts (what notifications and e-mails need), and the viewers they sign in as. */
export function accountFixtures(orm: MikroORM) {
  const make = testFactories(orm);
  return { member: make.account };
}
