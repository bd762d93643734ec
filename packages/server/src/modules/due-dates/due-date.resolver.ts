import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import { personWithOrganizationLoader, visibleCommitmentLoader } from '../commitments/commitment.loaders.js';
import { type CompletionLevel, completionLevel } from '../commitments/commitment.sql.js';
import { CommitmentType } from '../commitments/commitment.type.js';
import type { Person } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { daysBetween } from '../committee/rules.js';
import { type DueDateChange, DueDateChangeSchema } from './due-date-change.entity.js';
import { decideDueDateChange, requestDueDateChange } from './due-date.service.js';
import {
  CompletionLevelEnum,
  DecideDueDateChangeInput,
  DecideDueDateChangePayload,
  DueDateChangeType,
  RequestDueDateChangeInput,
  RequestDueDateChangePayload,
} from './due-date.type.js';

registerNodeType('DueDateChange', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  const change = await ctx.loaders.byId(DueDateChangeSchema).load(id);
  return change && (await visibleCommitmentLoader(ctx).load(change.commitment)) ? change : null;
});

@Resolver(() => DueDateChangeType)
export class DueDateChangeResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() change: DueDateChange): string {
    return toGlobalId('DueDateChange', change.id);
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When it was asked for or made.' })
  at(@Root() change: DueDateChange): Date {
    return change.createdAt;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who asked for it (or made it).' })
  async requestedBy(@Root() change: DueDateChange, @Ctx() ctx: Context): Promise<Person | null> {
    return change.requestedBy ? personWithOrganizationLoader(ctx).load(change.requestedBy) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who decided it (null while REQUESTED).' })
  async decidedBy(@Root() change: DueDateChange, @Ctx() ctx: Context): Promise<Person | null> {
    return change.decidedBy ? personWithOrganizationLoader(ctx).load(change.decidedBy) : null;
  }

  @Mutation(() => RequestDueDateChangePayload, {
    description:
      'Asks the secretariat to move a due date (a focal point of an organisation that leads or supports the commitment).',
  })
  async requestDueDateChange(
    @Arg('input', () => RequestDueDateChangeInput) input: RequestDueDateChangeInput,
    @Ctx() ctx: Context,
  ) {
    const commitmentId = decode((d) => d.id(input.commitmentId, 'Commitment', 'commitmentId'));
    return requestDueDateChange(ctx, { ...input, commitmentId });
  }

  @Mutation(() => DecideDueDateChangePayload, {
    description: 'Accepts (the due date moves) or declines a request for a new due date (secretariat).',
  })
  async decideDueDateChange(
    @Arg('input', () => DecideDueDateChangeInput) input: DecideDueDateChangeInput,
    @Ctx() ctx: Context,
  ) {
    const id = decode((d) => d.id(input.id, 'DueDateChange', 'id'));
    return decideDueDateChange(ctx, { id, accept: input.accept, reason: input.reason });
  }
}

@Resolver(() => CommitmentType)
export class CommitmentDueDateResolver {
  @FieldResolver(() => [DueDateChangeType], {
    description: 'Every change and request to change its due date, oldest first.',
  })
  dueDateChanges(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<DueDateChange[]> {
    return ctx.loaders
      .childrenOf(DueDateChangeSchema, 'commitment', { createdAt: 'asc', id: 'asc' })
      .load(commitment.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'How many days the due date moved from the first one (negative: earlier); null without both.',
  })
  slippedDays(@Root() commitment: Commitment): number | null {
    return commitment.dueDate && commitment.originalDueDate
      ? daysBetween(commitment.originalDueDate, commitment.dueDate)
      : null;
  }

  @FieldResolver(() => CompletionLevelEnum, {
    description:
      'Completion on the OGP IRM scale: NOT_STARTED (0 %), LIMITED (1–49 %), SUBSTANTIAL (50–99 %), COMPLETE (COMPLETED or VERIFIED).',
  })
  completionLevel(@Root() commitment: Commitment): CompletionLevel {
    return completionLevel(commitment.status, commitment.progress);
  }
}
