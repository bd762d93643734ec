import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import type { ApiToken } from './api-token.entity.js';
import { createApiToken, findVisibleApiToken, listApiTokens, revokeApiToken } from './api-token.service.js';
import {
  ApiTokenType,
  CreateApiTokenInput,
  CreateApiTokenPayload,
  RevokeApiTokenInput,
  RevokeApiTokenPayload,
} from './account.type.js';

registerNodeType('ApiToken', async (ctx, id) => findVisibleApiToken(ctx, id));

@Resolver(() => ApiTokenType)
export class ApiTokenResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() token: ApiToken): string {
    return toGlobalId('ApiToken', token.id);
  }

  @Query(() => [ApiTokenType], {
    description:
      "Your API tokens, newest first (revoked ones included). Administrators may pass accountId to see another account's.",
  })
  async apiTokens(
    @Arg('accountId', () => ID, { nullable: true, description: 'Another account (administrators only).' })
    accountId: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ApiToken[]> {
    const account = decode((d) => d.id(accountId, 'Account', 'accountId'));
    return listApiTokens(ctx, account);
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Creates a personal API token and returns it once (only a hash is stored). Needs a signed-in session.',
  })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: Context,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    return createApiToken(ctx, { name: input.name, scope: input.scope, expiresAt: input.expiresAt });
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revokes an API token at once (its owner or an administrator).',
  })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput,
    @Ctx() ctx: Context,
  ): Promise<{ apiToken: ApiToken }> {
    const id = decode((d) => d.id(input.id, 'ApiToken', 'id'));
    return { apiToken: await revokeApiToken(ctx, id) };
  }
}
