import { systemViewer } from '../../auth/viewer.js';
import { fromGlobalId } from '../../graphql/global-id.js';
import { findApiTokensByPrefix, revokeApiToken } from '../../modules/accounts/api-token.service.js';
import { type Command, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tokensRevokeCommand: Command = {
  name: 'tokens:revoke',
  summary: 'Revoke an API token at once, by its id or by the prefix shown in lists.',
  options: {
    id: { type: 'string', valueName: 'ID', description: 'the token id (as printed by tokens:create, or its API id)' },
    'token-prefix': {
      type: 'string',
      valueName: 'PREFIX',
      description: 'the first characters shown in lists, e.g. prc_AbC12345',
    },
  },
  async run({ values, print }) {
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
  },
};
