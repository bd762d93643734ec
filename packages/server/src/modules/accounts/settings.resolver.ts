import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Viewer } from '../../auth/viewer.js';
import type { Context } from '../../graphql/context.js';
import { type Account, AccountSchema, type Locale } from './account.entity.js';
import { ViewerType } from './account.type.js';
import { updateMySettings } from './settings.service.js';
import { EmailPreferencesType, LocaleEnum, UpdateMySettingsInput, UpdateMySettingsPayload } from './settings.type.js';

const accountOf = (viewer: Viewer, ctx: Context): Promise<Account | undefined> =>
  viewer.accountId ? ctx.loaders.byId(AccountSchema).load(viewer.accountId) : Promise.resolve(undefined);

@Resolver(() => ViewerType)
export class SettingsResolver {
  @FieldResolver(() => LocaleEnum, { description: 'Your language: the web client’s and your e-mails’.' })
  async locale(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Locale> {
    return (await accountOf(viewer, ctx))?.locale ?? 'EN';
  }

  @FieldResolver(() => EmailPreferencesType, { description: 'Which e-mails you receive.' })
  async emailPreferences(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<EmailPreferencesType> {
    const account = await accountOf(viewer, ctx);
    return {
      reminders: account?.emailReminders ?? false,
      digest: account?.emailDigest ?? false,
      events: account?.emailEvents ?? false,
    };
  }

  @Mutation(() => UpdateMySettingsPayload, {
    description: 'Changes your own language and e-mail choices (any signed-in account; audited).',
  })
  async updateMySettings(
    @Arg('input', () => UpdateMySettingsInput) input: UpdateMySettingsInput,
    @Ctx() ctx: Context,
  ): Promise<{ viewer: Viewer }> {
    const account = await updateMySettings(ctx, input);
    ctx.loaders.byId(AccountSchema).clear(account.id).prime(account.id, account);
    return { viewer: ctx.viewer };
  }
}
