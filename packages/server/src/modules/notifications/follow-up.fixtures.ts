import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role, Viewer } from '../../auth/viewer.js';
import type { MikroORM } from '../../db/orm.js';
import { type Locale, AccountSchema } from '../accounts/account.entity.js';
import { PersonSchema } from '../people/person.entity.js';

/** People with accounts (what notifications and e-mails need), and the viewers they sign in as. */
export function accountFixtures(orm: MikroORM) {
  let counter = 0;
  return {
    async member(
      role: Role,
      options: {
        organization?: string | null;
        focalPoint?: boolean;
        locale?: Locale;
        name?: string;
        nameKm?: string;
        emailReminders?: boolean;
        emailDigest?: boolean;
        emailEvents?: boolean;
        active?: boolean;
      } = {},
    ) {
      const em = orm.em.fork() as unknown as EntityManager;
      counter += 1;
      const person = em.create(PersonSchema, {
        fullName: options.name ?? `${role.toLowerCase()} ${counter}`,
        fullNameKm: options.nameKm ?? null,
        organization: options.organization ?? null,
        isFocalPoint: options.focalPoint ?? role === 'FOCAL_POINT',
      });
      const email = `${role.toLowerCase()}${counter}-${Math.random().toString(36).slice(2, 7)}@example.org`;
      const account = em.create(AccountSchema, {
        person: person.id,
        email,
        passwordHash: 'not-used-in-these-tests',
        role,
        active: options.active ?? true,
        locale: options.locale ?? 'EN',
        emailReminders: options.emailReminders ?? true,
        emailDigest: options.emailDigest ?? true,
        emailEvents: options.emailEvents ?? true,
      });
      await em.flush();
      const viewer: Viewer = {
        role,
        accountId: account.id,
        personId: person.id,
        organizationId: options.organization ?? undefined,
        canWrite: true,
      };
      return { person: person.id, account: account.id, email, viewer };
    },
  };
}
