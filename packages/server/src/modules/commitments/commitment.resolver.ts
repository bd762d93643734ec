import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Page } from '../../graphql/connection.js';
import { itemSelection, selectionOf } from '../../graphql/selection.js';
import type { Context } from '../../graphql/context.js';
import { type Decoder, decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { type Decision, DecisionSchema, type Meeting } from '../meetings/meeting.entity.js';
import { DecisionType, MeetingType } from '../meetings/meeting.type.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import type { GcmObjective, PlanObjective } from '../plans/plan.entity.js';
import { loadGcmObjectives } from '../plans/plan.loaders.js';
import { GcmObjectiveType, PlanObjectiveType } from '../plans/plan.type.js';
import { type StatsGroup, type StatsRequest, commitmentStatsMany } from './commitment-stats.service.js';
import { type Commitment, type Evidence, type ProgressUpdate, ProgressUpdateSchema } from './commitment.entity.js';
import {
  commitmentsOfDecisionLoader,
  commitmentsOfParentLoader,
  evidenceLoader,
  personWithOrganizationLoader,
  planObjectivesLoader,
  supportersLoader,
  updatesOfCommitmentLoader,
  visibleCommitmentLoader,
  visibleMeetingLoader,
  commitmentListsLoader,
  commitmentRelationsSql,
  narrowCommitmentList,
  narrowNestedColumns,
  nearOf,
} from './commitment.loaders.js';
import { type CommitmentFields, createCommitment, updateCommitment } from './commitment.service.js';
import { isOverdue, phnomPenhInstant, todayInPhnomPenh } from '../committee/rules.js';
import {
  AddProgressUpdateInput,
  AddProgressUpdatePayload,
  CommitmentConnection,
  CommitmentFilter,
  CommitmentOrder,
  CommitmentStatsGroupType,
  CommitmentType,
  CreateCommitmentInput,
  CreateCommitmentPayload,
  EvidenceType,
  ProgressUpdateConnection,
  ProgressUpdateType,
  StatsGroupByEnum,
  type StatsGroupBy,
  UpdateCommitmentInput,
  UpdateCommitmentPayload,
  VerifyCommitmentInput,
  VerifyCommitmentPayload,
} from './commitment.type.js';
import { addProgressUpdate, verifyCommitment } from './progress.service.js';

@ArgsType()
class CommitmentsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size from the start (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size from the end (at most 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before.' })
  before?: string | null;

  @Field(() => CommitmentFilter, { nullable: true, description: 'Which commitments to list.' })
  filter?: CommitmentFilter | null;

  @Field(() => CommitmentOrder, {
    nullable: true,
    description: 'How to sort them (default: due date ascending, undated last, then reference).',
  })
  orderBy?: CommitmentOrder | null;
}

@ArgsType()
class NestedCommitmentsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}

@ArgsType()
class OrganizationCommitmentsArgs extends NestedCommitmentsArgs {
  @Field(() => CommitmentFilter, { nullable: true, description: 'Which of them to list.' })
  filter?: CommitmentFilter | null;
}

@ArgsType()
class UpdatesArgs {
  @Field(() => Int, { nullable: true, description: 'Page size from the newest (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size from the oldest end (at most 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before.' })
  before?: string | null;
}

/** The fields shared by CreateCommitmentInput and UpdateCommitmentInput, their ids decoded. */
function decodeFields(input: CreateCommitmentInput | UpdateCommitmentInput, d: Decoder): CommitmentFields {
  return {
    title: input.title,
    titleKm: input.titleKm,
    description: input.description,
    descriptionKm: input.descriptionKm,
    dueDate: input.dueDate,
    priority: input.priority,
    gcmObjectives: input.gcmObjectives,
    visibility: input.visibility,
    leadOrganization: d.nullableId(input.leadOrganizationId, 'Organization', 'leadOrganizationId'),
    supportingOrganizations: d.ids(input.supportingOrganizationIds, 'Organization', 'supportingOrganizationIds'),
    assignee: d.nullableId(input.assigneeId, 'Person', 'assigneeId'),
    meeting: d.nullableId(input.meetingId, 'Meeting', 'meetingId'),
    decision: d.nullableId(input.decisionId, 'Decision', 'decisionId'),
    planObjectives: d.ids(input.planObjectiveIds, 'PlanObjective', 'planObjectiveIds'),
  };
}

/**
 * Today in Phnom Penh, formatted once a day rather than for every item of a list: building the Intl
 * formatter cost about half a millisecond, a tenth of a dashboard's CPU. Kept while the clock is within
 * that day (phnomPenhInstant), else formatted again.
 */
let today: { day: string; from: number; until: number } | undefined;
function todayOf(): string {
  const now = Date.now();
  if (!today || now < today.from || now > today.until) {
    const day = todayInPhnomPenh(new Date(now));
    today = { day, from: phnomPenhInstant(day).getTime(), until: phnomPenhInstant(day, true).getTime() };
  }
  return today.day;
}

/** Every commitmentStats of a request in one statement (a dashboard asks for three). */
const statsLoader = (ctx: Context) =>
  ctx.loaders.custom<StatsRequest, StatsGroup[]>(
    'commitment:stats',
    (requests) => commitmentStatsMany(ctx, requests),
    (request) => JSON.stringify(request),
  );

registerNodeType('Commitment', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return visibleCommitmentLoader(ctx).load(id);
});

registerNodeType('ProgressUpdate', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  const update = await ctx.loaders.byId(ProgressUpdateSchema).load(id);
  if (!update) return null;
  return (await visibleCommitmentLoader(ctx).load(update.commitment)) ? update : null;
});

@Resolver(() => CommitmentType)
export class CommitmentResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() commitment: Commitment): string {
    return toGlobalId('Commitment', commitment.id);
  }

  @FieldResolver(() => MeetingType, {
    nullable: true,
    description: 'The meeting it was agreed in (null when none, or when you may not see that meeting).',
  })
  meeting(@Root() commitment: Commitment, @Ctx() ctx: Context): Meeting | null | Promise<Meeting | null> {
    const near = nearOf(commitment);
    if (near?.meeting !== undefined) return near.meeting;
    return commitment.meeting ? visibleMeetingLoader(ctx).load(commitment.meeting) : null;
  }

  @FieldResolver(() => DecisionType, {
    nullable: true,
    description: 'The decision it implements (null when none, or when you may not see its meeting).',
  })
  async decision(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<Decision | null> {
    if (!commitment.decision || !commitment.meeting) return null;
    const [meeting, decision] = await Promise.all([
      visibleMeetingLoader(ctx).load(commitment.meeting),
      ctx.loaders.byId(DecisionSchema).load(commitment.decision),
    ]);
    return meeting && decision ? decision : null;
  }

  @FieldResolver(() => OrganizationType, { description: 'The organisation that leads it.' })
  leadOrganization(@Root() commitment: Commitment, @Ctx() ctx: Context): Organization | Promise<Organization> {
    const near = nearOf(commitment)?.lead ?? ctx.loaders.known(OrganizationSchema, commitment.leadOrganization);
    if (near) return near;
    return ctx.loaders
      .byId(OrganizationSchema)
      .load(commitment.leadOrganization)
      .then((organization) => organization!);
  }

  @FieldResolver(() => [OrganizationType], { description: 'Organisations that support the lead, by acronym.' })
  supportingOrganizations(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<Organization[]> {
    return supportersLoader(ctx).load(commitment.id);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person who follows it up.' })
  assignee(@Root() commitment: Commitment, @Ctx() ctx: Context): Person | null | Promise<Person | null> {
    const near = nearOf(commitment);
    if (near?.assignee !== undefined) return near.assignee;
    return commitment.assignee ? personWithOrganizationLoader(ctx).load(commitment.assignee) : null;
  }

  @FieldResolver(() => [PlanObjectiveType], { description: 'National plan objectives it serves, by code.' })
  planObjectives(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<PlanObjective[]> {
    return planObjectivesLoader(ctx).load(commitment.id);
  }

  @FieldResolver(() => [GcmObjectiveType], { description: 'GCM objectives it serves, by number.' })
  gcmObjectives(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<GcmObjective[]> {
    return loadGcmObjectives(ctx.loaders, ctx.em, commitment.gcmObjectives);
  }

  @FieldResolver(() => Boolean, {
    description: 'Due before today (in Asia/Phnom_Penh) and not completed, verified or cancelled.',
  })
  isOverdue(@Root() commitment: Commitment): boolean {
    return isOverdue(commitment, todayOf());
  }

  @FieldResolver(() => ProgressUpdateConnection, { description: 'The progress timeline, newest first.' })
  updates(
    @Root() commitment: Commitment,
    @Args(() => UpdatesArgs) args: UpdatesArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<ProgressUpdate>> {
    return updatesOfCommitmentLoader(ctx, {
      first: args.first,
      after: args.after,
      last: args.last,
      before: args.before,
    }).load(commitment.id);
  }

  @FieldResolver(() => [EvidenceType], { description: 'All evidence given for it, oldest first.' })
  evidence(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<Evidence[]> {
    return evidenceLoader(ctx).load(commitment.id);
  }

  @Query(() => CommitmentConnection, {
    description: 'Commitments you may see, filtered and sorted (default: due date, undated last, then reference).',
  })
  commitments(
    @Args(() => CommitmentsArgs) args: CommitmentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Commitment>> {
    const filter = decode((d) => d.commitmentFilter(args.filter));
    // The lead organisation, assignee and meeting the query asks for come in the page's own statement, and
    // so does the total; only the columns the selection needs when it asks for plain columns only.
    const items = itemSelection(info);
    const extra = narrowCommitmentList(ctx, items) ?? commitmentRelationsSql(ctx, new Set(items.keys()));
    return commitmentListsLoader(ctx).load({
      filter,
      order: args.orderBy,
      page: args,
      extra: { ...extra, withTotal: selectionOf(info).has('totalCount') },
    });
  }

  @Query(() => [CommitmentStatsGroupType], {
    description:
      'Counts of the commitments you may see (with the filter), grouped for dashboards. ORGANIZATION and STATUS groups add up to the total; PLAN_GOAL and GCM_OBJECTIVE count a commitment in each group it links to, and those linked to none in the group UNLINKED, so the groups add up to at least the total.',
  })
  commitmentStats(
    @Arg('groupBy', () => StatsGroupByEnum, { description: 'How to group.' }) groupBy: StatsGroupBy,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to count.' })
    filter: CommitmentFilter | null,
    @Ctx() ctx: Context,
  ): Promise<StatsGroup[]> {
    const values = decode((d) => d.commitmentFilter(filter));
    return statsLoader(ctx).load({ groupBy, filter: values });
  }

  @Mutation(() => CreateCommitmentPayload, {
    description: 'Records a commitment (secretariat); its reference is generated, e.g. NCCT-2023-11-01-C3.',
  })
  async createCommitment(
    @Arg('input', () => CreateCommitmentInput, { description: 'The new commitment.' }) input: CreateCommitmentInput,
    @Ctx() ctx: Context,
  ): Promise<{ commitment: Commitment }> {
    const fields = decode((d) => decodeFields(input, d));
    return { commitment: await createCommitment(ctx, fields) };
  }

  @Mutation(() => UpdateCommitmentPayload, {
    description: 'Changes a commitment (secretariat); send the version you read.',
  })
  async updateCommitment(
    @Arg('input', () => UpdateCommitmentInput, { description: 'What to change.' }) input: UpdateCommitmentInput,
    @Ctx() ctx: Context,
  ): Promise<{ commitment: Commitment }> {
    const { id, fields } = decode((d) => ({ id: d.id(input.id, 'Commitment', 'id'), fields: decodeFields(input, d) }));
    return {
      commitment: await updateCommitment(ctx, id, input.version, {
        ...fields,
        status: input.status,
        progress: input.progress,
        statusReason: input.statusReason,
        dueDateReason: input.dueDateReason,
      }),
    };
  }

  @Mutation(() => AddProgressUpdatePayload, {
    description:
      'Reports progress, with a narrative and evidence (secretariat, or a focal point of an organisation that leads or supports the commitment).',
  })
  async addProgressUpdate(
    @Arg('input', () => AddProgressUpdateInput, { description: 'The report.' }) input: AddProgressUpdateInput,
    @Ctx() ctx: Context,
  ): Promise<{ commitment: Commitment; update: ProgressUpdate }> {
    const id = decode((d) => d.id(input.commitmentId, 'Commitment', 'commitmentId'));
    return addProgressUpdate(ctx, id, input.version, input);
  }

  @Mutation(() => VerifyCommitmentPayload, {
    description: 'Verifies a COMPLETED commitment, or returns it to IN_PROGRESS with a reason (secretariat).',
  })
  async verifyCommitment(
    @Arg('input', () => VerifyCommitmentInput, { description: 'The verdict.' }) input: VerifyCommitmentInput,
    @Ctx() ctx: Context,
  ): Promise<{ commitment: Commitment; update: ProgressUpdate }> {
    const id = decode((d) => d.id(input.id, 'Commitment', 'id'));
    return verifyCommitment(ctx, id, input.version, { accept: input.accept, reason: input.reason });
  }
}

@Resolver(() => ProgressUpdateType)
export class ProgressUpdateResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() update: ProgressUpdate): string {
    return toGlobalId('ProgressUpdate', update.id);
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When it was posted (same as createdAt).' })
  at(@Root() update: ProgressUpdate): Date {
    return update.createdAt;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who posted it.' })
  async author(@Root() update: ProgressUpdate, @Ctx() ctx: Context): Promise<Person | null> {
    return update.author ? ((await ctx.loaders.byId(PersonSchema).load(update.author)) ?? null) : null;
  }

  @FieldResolver(() => [EvidenceType], { description: 'Evidence given with this update.' })
  async evidence(@Root() update: ProgressUpdate, @Ctx() ctx: Context): Promise<Evidence[]> {
    // The commitment's evidence is loaded once for all its updates (and for Commitment.evidence).
    const all = await evidenceLoader(ctx).load(update.commitment);
    return all.filter((item) => item.progressUpdate === update.id);
  }
}

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  @FieldResolver(() => ID, { description: 'Unique, opaque id.' })
  id(@Root() evidence: Evidence): string {
    return toGlobalId('Evidence', evidence.id);
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When it was given.' })
  at(@Root() evidence: Evidence): Date {
    return evidence.createdAt;
  }
}

/** A parent's page of the commitments the viewer may see, reading only the columns the selection needs. */
function nestedCommitments(
  ctx: Context,
  info: GraphQLResolveInfo,
  parent: Parameters<typeof commitmentsOfParentLoader>[1],
  parentId: string,
  args: { first?: number | null; after?: string | null },
  filter?: Parameters<typeof commitmentsOfParentLoader>[3],
): Promise<Page<Commitment>> {
  return commitmentsOfParentLoader(
    ctx,
    parent,
    { first: args.first, after: args.after },
    filter,
    narrowNestedColumns(ctx, itemSelection(info)),
  ).load(parentId);
}

@Resolver(() => OrganizationType)
export class OrganizationCommitmentsResolver {
  @FieldResolver(() => CommitmentConnection, {
    description: 'Commitments this organisation leads or supports that you may see, by due date.',
  })
  commitments(
    @Root() organization: Organization,
    @Args(() => OrganizationCommitmentsArgs) args: OrganizationCommitmentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Commitment>> {
    requireReader(ctx.viewer, ctx.config.publicRead);
    const filter = decode((d) => d.commitmentFilter(args.filter));
    return nestedCommitments(ctx, info, 'organization', organization.id, args, filter);
  }
}

@Resolver(() => MeetingType)
export class MeetingCommitmentsResolver {
  @FieldResolver(() => CommitmentConnection, {
    description: 'Commitments agreed in this meeting that you may see, by due date.',
  })
  commitments(
    @Root() meeting: Meeting,
    @Args(() => NestedCommitmentsArgs) args: NestedCommitmentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Commitment>> {
    requireReader(ctx.viewer, ctx.config.publicRead);
    return nestedCommitments(ctx, info, 'meeting', meeting.id, args);
  }
}

@Resolver(() => DecisionType)
export class DecisionCommitmentsResolver {
  @FieldResolver(() => [CommitmentType], { description: 'Commitments that implement this decision, by reference.' })
  commitments(@Root() decision: Decision, @Ctx() ctx: Context): Promise<Commitment[]> {
    requireReader(ctx.viewer, ctx.config.publicRead);
    return commitmentsOfDecisionLoader(ctx).load(decision.id);
  }
}

@Resolver(() => PlanObjectiveType)
export class PlanObjectiveCommitmentsResolver {
  @FieldResolver(() => CommitmentConnection, {
    description: 'Commitments linked to this objective that you may see, by due date.',
  })
  commitments(
    @Root() objective: PlanObjective,
    @Args(() => NestedCommitmentsArgs) args: NestedCommitmentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Commitment>> {
    requireReader(ctx.viewer, ctx.config.publicRead);
    return nestedCommitments(ctx, info, 'planObjective', objective.id, args);
  }

  @FieldResolver(() => CommitmentStatsGroupType, {
    description:
      'Counts and average progress of the commitments linked to this objective that you may see (key: the objective id, label: its code).',
  })
  async commitmentStats(@Root() objective: PlanObjective, @Ctx() ctx: Context): Promise<StatsGroup> {
    requireReader(ctx.viewer, ctx.config.publicRead);
    // Every objective of a request shares one statement.
    const groups = await statsLoader(ctx).load({ groupBy: 'PLAN_OBJECTIVE', filter: undefined });
    const key = toGlobalId('PlanObjective', objective.id);
    return (
      groups.find((group) => group.key === key) ?? {
        key,
        label: objective.code,
        labelKm: null,
        total: 0,
        overdue: 0,
        averageProgress: 0,
        highCompletion: 0,
        byStatus: [],
      }
    );
  }
}
