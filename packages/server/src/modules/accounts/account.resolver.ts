import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authRuntimeOf } from '../../auth/runtime.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type Account, AccountSchema } from './account.entity.js';
import {
  changeOwnPassword,
  createAccount,
  deactivateAccount,
  findVisibleAccount,
  listAccounts,
  updateAccount,
} from './account.service.js';
import {
  AccountConnection,
  AccountFilter,
  AccountType,
  ApiTokenScopeEnum,
  ChangePasswordInput,
  CreateAccountInput,
  CreateAccountPayload,
  DeactivateAccountInput,
  DeactivateAccountPayload,
  LoginInput,
  LoginPayload,
  UpdateAccountInput,
  UpdateAccountPayload,
  ViewerType,
} from './account.type.js';
import type { ApiTokenScope } from './api-token.entity.js';
import { allowedTokenScopes } from './api-token.service.js';
import { login, logout } from './session.service.js';

@ArgsType()
class AccountsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => AccountFilter, { nullable: true, description: 'Which accounts to list.' })
  filter?: AccountFilter | null;
}

registerNodeType('Account', async (ctx, id) => findVisibleAccount(ctx, id));

@Resolver(() => ViewerType)
export class ViewerResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person of the account.' })
  async person(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Person | null> {
    return viewer.personId ? ((await ctx.loaders.byId(PersonSchema).load(viewer.personId)) ?? null) : null;
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "The person's organisation." })
  async organization(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Organization | null> {
    return viewer.organizationId
      ? ((await ctx.loaders.byId(OrganizationSchema).load(viewer.organizationId)) ?? null)
      : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The login e-mail address of the account.' })
  async email(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<string | null> {
    return viewer.accountId ? ((await ctx.loaders.byId(AccountSchema).load(viewer.accountId))?.email ?? null) : null;
  }

  @FieldResolver(() => [ApiTokenScopeEnum], {
    description: 'The API token scopes this account may create: READ only for PARTNER accounts, else READ and WRITE.',
  })
  apiTokenScopes(@Root() viewer: Viewer): ApiTokenScope[] {
    return allowedTokenScopes(viewer);
  }

  @Query(() => Boolean, {
    description:
      'Whether this deployment lets anonymous visitors read PUBLIC records (PRACHUM_PUBLIC_READ=1). Anyone may ask.',
  })
  publicReadEnabled(@Ctx() ctx: Context): boolean {
    return ctx.config.publicRead;
  }

  @Query(() => ViewerType, { nullable: true, description: 'Who is signed in; null when anonymous.' })
  me(@Ctx() ctx: Context): Viewer | null {
    return ctx.viewer.role ? ctx.viewer : null;
  }

  @Mutation(() => LoginPayload, {
    description:
      'Signs in with an e-mail address and password and sets the HttpOnly session cookie `prachum_session`. ' +
      'A wrong e-mail or password gives UNAUTHENTICATED; repeated failures give RATE_LIMITED.',
  })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<{ viewer: Viewer }> {
    const result = await login(ctx.em, authRuntimeOf(ctx), input, ctx.ip);
    ctx.setCookie?.(result.secret, result.maxAgeSeconds);
    return { viewer: result.viewer };
  }

  @Mutation(() => Boolean, {
    description: 'Ends the current session and clears its cookie; false when there was none.',
  })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    const ended = await logout(ctx.em, ctx.viewer);
    if (ended || !ctx.viewer.tokenId) ctx.setCookie?.('', 0);
    return ended;
  }

  @Mutation(() => Boolean, {
    description: 'Changes the password of the signed-in account; its other sessions end.',
  })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: Context) {
    return changeOwnPassword(ctx, input);
  }
}

@Resolver(() => AccountType)
export class AccountResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() account: Account): string {
    return toGlobalId('Account', account.id);
  }

  @FieldResolver(() => PersonType, { description: 'The person the account belongs to.' })
  async person(@Root() account: Account, @Ctx() ctx: Context): Promise<Person | undefined> {
    return ctx.loaders.byId(PersonSchema).load(account.person);
  }

  @Query(() => AccountConnection, { description: 'Accounts, by e-mail (administrators).' })
  accounts(@Args(() => AccountsArgs) args: AccountsArgs, @Ctx() ctx: Context) {
    return listAccounts(ctx, args.filter, args);
  }

  @Mutation(() => CreateAccountPayload, {
    description: 'Creates an account, and its person when personId is not given (administrators).',
  })
  async createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: Context) {
    const { person, organization } = decode((d) => ({
      person: d.id(input.personId, 'Person', 'personId'),
      organization: d.id(input.organizationId, 'Organization', 'organizationId'),
    }));
    return {
      account: await createAccount(ctx, {
        email: input.email,
        password: input.password,
        role: input.role,
        person,
        fullName: input.fullName,
        organization,
      }),
    };
  }

  @Mutation(() => UpdateAccountPayload, {
    description: 'Changes the role, active flag or password of an account (administrators).',
  })
  async updateAccount(@Arg('input', () => UpdateAccountInput) input: UpdateAccountInput, @Ctx() ctx: Context) {
    const id = decode((d) => d.id(input.id, 'Account', 'id'));
    return {
      account: await updateAccount(ctx, id, { role: input.role, active: input.active, password: input.password }),
    };
  }

  @Mutation(() => DeactivateAccountPayload, {
    description: 'Deactivates an account: its sessions end and its API tokens are revoked at once (administrators).',
  })
  async deactivateAccount(
    @Arg('input', () => DeactivateAccountInput) input: DeactivateAccountInput,
    @Ctx() ctx: Context,
  ) {
    const id = decode((d) => d.id(input.id, 'Account', 'id'));
    return { account: await deactivateAccount(ctx, id) };
  }
}
