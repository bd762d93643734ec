import type { MikroORM } from '../db/orm.js';
import { demoLogins } from '../demo/demo-data.js';
import { AccountSchema } from '../modules/accounts/account.entity.js';
import { createAccount } from '../modules/accounts/account.service.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';
import { type Role, systemViewer } from './viewer.js';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

/** Well-known passwords of the demo accounts: for trying the product out, never for production. */
export const demoPasswordFor = (role: Role): string => `prachum-demo-${role.toLowerCase().replace('_', '-')}`;

/**
 * Creates one account per role for the demo people (idempotent: existing accounts are kept) and
 * returns the logins to print. Only for embedded/demo mode; the caller must never run it in production.
 */
export async function createDemoAccounts(orm: MikroORM): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const login of demoLogins) {
    const em = orm.em.fork();
    const email = login.email.toLowerCase();
    const password = demoPasswordFor(login.role);
    if (!(await em.findOne(AccountSchema, { email }))) {
      const person = await em.findOne(PersonSchema, { email });
      const personTaken = person ? await em.findOne(AccountSchema, { person: person.id }) : null;
      const organization = await em.findOne(OrganizationSchema, { acronym: login.organizationAcronym });
      await createAccount(
        { em, viewer: systemViewer, config: { publicRead: false } },
        {
          email,
          password,
          role: login.role,
          person: person && !personTaken ? person.id : undefined,
          fullName: login.personName,
          organization: person && !personTaken ? undefined : (organization?.id ?? undefined),
        },
      );
    }
    logins.push({ role: login.role, email, password });
  }
  return logins;
}
