import { systemViewer } from '../../auth/viewer.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { findApiTokensByPrefix, revokeApiToken } from '../../modules/accounts/api-token.service.js';
import { type CommandInput, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `tokens:revoke` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const id = values.id;
  const prefix = values['token-prefix'];
  if (typeof id !== 'string' && typeof prefix !== 'string') throw new UsageError('give --id or --token-prefix');
  const revoked = await withDatabase(async (database) => {
    const em = database.orm.em.fork();
    const scope = { em, viewer: systemViewer, config: { publicRead: false } };
    let tokenId: string;
    if (typeof id === 'string') {
      try {
        tokenId = UUID.test(id) ? id.toLowerCase() : fromGlobalId(id, 'ApiToken', 'id');
      } catch {
        throw new CommandError(`"${id}" is not a token id`);
      }
    } else {
      const matches = await findApiTokensByPrefix(scope, String(prefix));
      if (matches.length === 0) throw new CommandError(`no token starts with "${prefix}"`);
      if (matches.length > 1) throw new CommandError(`${matches.length} tokens start with "${prefix}"; use --id`);
      tokenId = matches[0]!.id;
    }
    try {
      return await revokeApiToken(scope, tokenId, { operator: true });
    } catch {
      throw new CommandError(`no token with the id ${tokenId}`);
    }
  });
  print(`Revoked the token "${revoked.name}" (${revoked.prefix}…, id ${revoked.id}).`);
}
