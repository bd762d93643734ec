import { systemViewer } from '../../auth/viewer.js';
import { InvalidInputError } from '../../errors.js';
import { findAccountByEmail } from '../../modules/accounts/account.service.js';
import { createApiToken } from '../../modules/accounts/api-token.service.js';
import { type Command, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

export const tokensCreateCommand: Command = {
  name: 'tokens:create',
  summary: 'Create an API token for an account; the token is printed once, alone on the last line.',
  options: {
    email: { type: 'string', valueName: 'E', description: 'login e-mail address of the account' },
    name: { type: 'string', valueName: 'N', description: 'what the token is for' },
    scope: { type: 'string', valueName: 'READ|WRITE', description: 'READ (queries only) or WRITE' },
    'expires-at': { type: 'string', valueName: 'DATE', description: 'when it stops working (ISO date), default never' },
  },
  async run({ values, print }) {
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
  },
};
