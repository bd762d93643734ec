import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { personWithOrganizationLoader } from '../commitments/commitment.loaders.js';
import type { Person } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type MailStatus, type OutboxMail, OutboxMailSchema } from './outbox-mail.entity.js';
import { listOutbox } from './outbox.service.js';
import { MailStatusEnum, OutboxMailConnection, OutboxMailType } from './outbox.type.js';

@ArgsType()
class OutboxArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => [MailStatusEnum], { nullable: true, description: 'Only mails in these states.' })
  status?: MailStatus[] | null;
}

registerNodeType('OutboxMail', async (ctx, id) =>
  ctx.viewer.role === 'ADMIN' ? ((await ctx.loaders.byId(OutboxMailSchema).load(id)) ?? null) : null,
);

@Resolver(() => OutboxMailType)
export class OutboxMailResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() mail: OutboxMail): string {
    return toGlobalId('OutboxMail', mail.id);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person it is for, when known.' })
  async recipient(@Root() mail: OutboxMail, @Ctx() ctx: Context): Promise<Person | null> {
    return mail.recipient ? personWithOrganizationLoader(ctx).load(mail.recipient) : null;
  }

  @Query(() => OutboxMailConnection, { description: 'The e-mail outbox, newest first (administrators).' })
  mailOutbox(@Args(() => OutboxArgs) args: OutboxArgs, @Ctx() ctx: Context) {
    return listOutbox(ctx, args.status, args);
  }
}
