import { systemViewer } from '../../auth/viewer.js';
import { deactivateAccount, findAccountByEmail } from '../../modules/accounts/account.service.js';
import { type CommandInput, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `accounts:deactivate` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  if (typeof values.email !== 'string') throw new UsageError('--email is required');
  const email = values.email;
  await withDatabase(async (database) => {
    const em = database.orm.em.fork();
    const account = await findAccountByEmail(em, email);
    if (!account) throw new CommandError(`no account with the e-mail address ${email}`);
    await deactivateAccount({ em, viewer: systemViewer, config: { publicRead: false } }, account.id);
  });
  print(`Deactivated ${email.toLowerCase()}: its sessions ended and its API tokens were revoked.`);
}
