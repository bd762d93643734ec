import { systemViewer } from '../../auth/viewer.js';
import { InvalidInputError } from '../../errors.js';
import { findAccountByEmail } from '../../modules/accounts/account.service.js';
import { createApiToken } from '../../modules/accounts/api-token.service.js';
import { type CommandInput, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `tokens:create` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const { email, name } = values;
  const scope = typeof values.scope === 'string' ? values.scope.toUpperCase() : undefined;
  if (typeof email !== 'string') throw new UsageError('--email is required');
  if (typeof name !== 'string') throw new UsageError('--name is required');
  if (scope !== 'READ' && scope !== 'WRITE') throw new CommandError('--scope must be READ or WRITE');
  let expiresAt: Date | undefined;
  if (typeof values['expires-at'] === 'string') {
    expiresAt = new Date(values['expires-at']);
    if (Number.isNaN(expiresAt.getTime())) throw new CommandError('--expires-at must be a date such as 2025-12-31');
  }
  const created = await withDatabase(async (database) => {
    const em = database.orm.em.fork();
    const account = await findAccountByEmail(em, email);
    if (!account?.active) throw new CommandError(`no active account with the e-mail address ${email}`);
    try {
      return await createApiToken(
        { em, viewer: systemViewer, config: { publicRead: false } },
        { name, scope, expiresAt },
        { accountId: account.id, operator: true },
      );
    } catch (error) {
      if (error instanceof InvalidInputError) {
        throw new CommandError(error.fields.map((f) => `${f.field} ${f.message}`).join('; '));
      }
      throw error;
    }
  });
  print(
    `Created the ${scope} token "${created.apiToken.name}" (id ${created.apiToken.id}, prefix ${created.apiToken.prefix}) for ${email.toLowerCase()}. It is shown only this once:`,
  );
  print(created.token);
}
