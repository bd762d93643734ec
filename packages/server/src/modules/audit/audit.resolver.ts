import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { maySeeAudit, requireReader } from '../../auth/permissions.js';
import { Problems } from '../../errors.js';
import type { Context } from '../../graphql/context.js';
import { decodeId, parseGlobalId, toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type AuditEvent, AuditEventSchema } from './audit-event.entity.js';
import { listAuditEvents } from './audit.service.js';
import { AuditEventConnection, AuditEventFilter, AuditEventType } from './audit.type.js';

@ArgsType()
class AuditEventsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => AuditEventFilter, { nullable: true, description: 'Which audit events to list.' })
  filter?: AuditEventFilter | null;
}

registerNodeType('AuditEvent', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  if (!maySeeAudit(ctx.viewer)) return null;
  return ctx.loaders.byId(AuditEventSchema).load(id);
});

/** Read-only on purpose: there is no mutation that edits or deletes audit events. */
@Resolver(() => AuditEventType)
export class AuditEventResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() event: AuditEvent): string {
    return toGlobalId('AuditEvent', event.id);
  }

  @FieldResolver(() => ID, {
    description: 'Global id of the changed record (use it with node(id), or as filter.entityId).',
  })
  entityId(@Root() event: AuditEvent): string {
    return toGlobalId(event.entityType, event.entityId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person who made the change, if a person did.' })
  async actor(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<Person | null> {
    return event.actor ? ((await ctx.loaders.byId(PersonSchema).load(event.actor)) ?? null) : null;
  }

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (secretariat only).' })
  auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: Context) {
    const problems = new Problems();
    const filter = args.filter;
    let entity: { type: string; id: string } | undefined;
    if (filter?.entityId != null) {
      entity = parseGlobalId(filter.entityId);
      if (!entity) problems.add('filter.entityId', 'is not a valid id', 'INVALID_FORMAT');
    }
    const actor = decodeId(filter?.actorId, 'Person', 'filter.actorId', problems);
    if (filter?.from && filter.to && filter.to < filter.from)
      problems.add('filter.to', 'must not be before from', 'END_BEFORE_START');
    problems.throwIfAny();
    return listAuditEvents(
      ctx,
      { entityType: filter?.entityType, entity, actor, from: filter?.from, to: filter?.to },
      args,
    );
  }
}
