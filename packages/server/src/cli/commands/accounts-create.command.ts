import { type Role, ROLES, systemViewer } from '../../auth/viewer.js';
import { InvalidInputError } from '../../errors.js';
import { createAccount } from '../../modules/accounts/account.service.js';
import { OrganizationSchema } from '../../modules/organizations/organization.entity.js';
import { type CommandInput, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `accounts:create` (listed, with its options, in commands/index.ts). */
export async function run({ values, readStdin, print }: CommandInput): Promise<void> {
  const email = typeof values.email === 'string' ? values.email : undefined;
  const role = typeof values.role === 'string' ? values.role.toUpperCase() : undefined;
  if (!email) throw new UsageError('--email is required');
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new CommandError(`--role must be one of ${ROLES.join(', ')}`);
  }
  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  const account = await withDatabase(async (database) => {
    await database.migrate();
    const em = database.orm.em.fork();
    let organization: string | undefined;
    if (typeof values.organization === 'string') {
      const acronym = values.organization.trim();
      const found = await em.findOne(OrganizationSchema, {
        acronym: { $ilike: acronym.replace(/[\\%_]/g, '\\$&') },
      });
      if (!found) throw new CommandError(`no organisation with the acronym "${acronym}"`);
      organization = found.id;
    }
    try {
      return await createAccount(
        { em, viewer: systemViewer, config: { publicRead: false } },
        {
          email,
          password,
          role: role as Role,
          fullName: typeof values.name === 'string' ? values.name : undefined,
          organization,
        },
      );
    } catch (error) {
      if (error instanceof InvalidInputError) {
        const flag = (field: string) =>
          field === 'organizationId' ? 'organization' : field === 'fullName' ? 'name' : field;
        throw new CommandError(error.fields.map((f) => `${flag(f.field)} ${f.message}`).join('; '));
      }
      throw error;
    }
  });
  print(`Created the ${account.role} account ${account.email} (id ${account.id}).`);
}
