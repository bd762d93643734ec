import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { maySeeAudit, requireReader } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { parseGlobalId, toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { type AuditEvent, AuditEventSchema } from './audit-event.entity.js';
import { labelFromChanges, recordLabelLoader, referencedIds } from './audit.labels.js';
import { listAuditEvents } from './audit.service.js';
import { AuditEventConnection, AuditEventFilter, AuditEventType, AuditReferenceType } from './audit.type.js';

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

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'What the changed record is called, in English: its title, name or reference now, or as the event recorded it if it has since been removed.',
  })
  async entityLabel(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> {
    const now = await recordLabelLoader(ctx).load(event.entityId);
    return now?.label ?? labelFromChanges(event, false);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What the changed record is called, in Khmer.' })
  async entityLabelKm(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<string | null> {
    const now = await recordLabelLoader(ctx).load(event.entityId);
    return now?.labelKm ?? labelFromChanges(event, true);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the changed record still exists (a link to it can work).' })
  async entityExists(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<boolean> {
    return (await recordLabelLoader(ctx).load(event.entityId)) !== null;
  }

  @FieldResolver(() => [AuditReferenceType], {
    description:
      'The records whose ids appear in `changes` (before or after), with their names, so that a history can show names instead of ids; ids of records since removed are left out. One statement per page of events.',
  })
  async references(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<AuditReferenceType[]> {
    const ids = referencedIds(event);
    const labels = await recordLabelLoader(ctx).loadMany(ids);
    return labels.flatMap((found) =>
      found && !(found instanceof Error)
        ? [
            {
              value: found.uuid,
              id: toGlobalId(found.entityType, found.uuid),
              entityType: found.entityType,
              label: found.label,
              labelKm: found.labelKm,
            },
          ]
        : [],
    );
  }

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (secretariat only).' })
  auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: Context) {
    const filter = args.filter;
    const decoded = decode((d) => {
      let entity: { type: string; id: string } | undefined;
      if (filter?.entityId != null) {
        // Any type of record: the id is checked for its form only.
        entity = parseGlobalId(filter.entityId);
        if (!entity) d.problems.add('filter.entityId', 'is not a valid id', 'INVALID_FORMAT');
      }
      const actor = d.id(filter?.actorId, 'Person', 'filter.actorId');
      const { from, to } = d.range(filter?.from, filter?.to, ['filter.from', 'filter.to']);
      return { entityType: filter?.entityType, entity, actor, from, to };
    });
    return listAuditEvents(ctx, decoded, args);
  }
}
