import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Page } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { listPage } from '../../graphql/list-page.js';
import { registerNodeType } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import { type StatsGroupByValue } from '../commitments/commitment-stats.service.js';
import { visibleCommitmentLoader } from '../commitments/commitment.loaders.js';
import { commitmentWhere } from '../commitments/commitment.service.js';
import { todayInPhnomPenh } from '../committee/rules.js';
import { CommitmentConnection, CommitmentFilter, StatsGroupByEnum } from '../commitments/commitment.type.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { MeetingType } from '../meetings/meeting.type.js';
import { previousInSeries } from '../meetings/series.service.js';
import { hasChange, type ProgressReport } from './report.model.js';
import { reportGroups } from './report.groups.js';
import {
  closeReportingPeriod,
  createReportingPeriod,
  listReportingPeriods,
  liveReportRows,
  periodReportRows,
  rangeReportRows,
  type ReportRow,
} from './report.service.js';
import {
  CloseReportingPeriodInput,
  CloseReportingPeriodPayload,
  CreateReportingPeriodInput,
  CreateReportingPeriodPayload,
  type ProgressChange,
  ProgressChangeEnum,
  ProgressReportGroupType,
  ProgressReportType,
  ReportingPeriodConnection,
  ReportingPeriodType,
} from './report.type.js';
import { type ReportingPeriod, ReportingPeriodSchema } from './reporting-period.entity.js';

@ArgsType()
class ReportCommitmentsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => ProgressChangeEnum, { nullable: true, description: 'Only those with this change (default: all).' })
  change?: ProgressChange | null;
}

@ArgsType()
class PeriodsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Text in the title (English or Khmer).' })
  search?: string | null;
}

/** The rows of each period's report: frozen ones for closed periods, live ones for open periods; batched. */
function periodRowsLoader(ctx: Context) {
  return ctx.loaders.custom<ReportingPeriod, ReportRow[]>(
    'report:period-rows',
    (periods) => periodReportRows(ctx, periods),
    (period) => period.id,
  );
}

/** Each meeting's report since the previous meeting of its series (null without one); batched. */
function sincePreviousLoader(ctx: Context) {
  return ctx.loaders.custom<Meeting, ProgressReport | null>(
    'report:since-previous',
    async (meetings) => {
      // Since the latest meeting that took place: a meeting still to come has nothing to compare with.
      const previous = await previousInSeries(
        ctx.em,
        ctx.viewer,
        ctx.config.publicRead,
        meetings.map((m) => m.id),
        { startedOnly: true },
      );
      const today = todayInPhnomPenh();
      const ranges = meetings.flatMap((meeting) => {
        const before = previous.get(meeting.id);
        if (!before || !meeting.series) return [];
        const from = todayInPhnomPenh(before.startsAt);
        const held = meeting.status === 'HELD' || meeting.status === 'MINUTES_APPROVED';
        const end = held ? todayInPhnomPenh(meeting.startsAt) : today;
        return [{ key: meeting.id, from, to: [from, end].sort()[1], series: meeting.series, before: meeting.startsAt }];
      });
      const rows = await liveReportRows(ctx.em, commitmentWhere(ctx, null, 'c'), ranges);
      return meetings.map((meeting) => {
        const range = ranges.find((r) => r.key === meeting.id);
        return range ? { from: range.from, to: range.to, rows: rows.get(meeting.id) ?? [] } : null;
      });
    },
    (meeting) => meeting.id,
  );
}

registerNodeType('ReportingPeriod', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return (await ctx.loaders.byId(ReportingPeriodSchema).load(id)) ?? null;
});

@Resolver(() => ReportingPeriodType)
export class ReportingPeriodResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() period: ReportingPeriod): string {
    return toGlobalId('ReportingPeriod', period.id);
  }

  @FieldResolver(() => ProgressReportType, {
    description: 'Its report: frozen once the period is closed, live until then.',
  })
  async report(
    @Root() period: ReportingPeriod,
    @Arg('groupBy', () => StatsGroupByEnum, { nullable: true, description: 'How to group it (default: no groups).' })
    groupBy: StatsGroupByValue | null,
    @Ctx() ctx: Context,
  ): Promise<ProgressReport> {
    return { from: period.startsOn, to: period.endsOn, rows: await periodRowsLoader(ctx).load(period), groupBy };
  }

  @Query(() => ReportingPeriodConnection, { description: 'Reporting periods, newest first.' })
  reportingPeriods(@Args(() => PeriodsArgs) args: PeriodsArgs, @Ctx() ctx: Context) {
    return listReportingPeriods(ctx, args.search, args);
  }

  @Query(() => ProgressReportType, {
    description:
      'What changed between two dates (both included, Phnom Penh calendar days) for the commitments you may see. When the range is exactly a closed period and no filter is given, the frozen report of that period answers.',
  })
  async progressReport(
    @Arg('from', () => DateScalar, { description: 'First day.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day.' }) to: string,
    @Arg('groupBy', () => StatsGroupByEnum, { nullable: true, description: 'How to group it.' })
    groupBy: StatsGroupByValue | null,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to report on.' })
    filter: CommitmentFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ProgressReport> {
    const values = decode((d) => d.commitmentFilter(filter));
    return { from, to, rows: await rangeReportRows(ctx, from, to, values), groupBy };
  }

  @Mutation(() => CreateReportingPeriodPayload, { description: 'Creates a reporting period (secretariat).' })
  async createReportingPeriod(
    @Arg('input', () => CreateReportingPeriodInput) input: CreateReportingPeriodInput,
    @Ctx() ctx: Context,
  ) {
    return { period: await createReportingPeriod(ctx, input) };
  }

  @Mutation(() => CloseReportingPeriodPayload, {
    description: 'Closes a period and freezes its report: later edits never change it (secretariat).',
  })
  async closeReportingPeriod(
    @Arg('input', () => CloseReportingPeriodInput) input: CloseReportingPeriodInput,
    @Ctx() ctx: Context,
  ) {
    const id = decode((d) => d.id(input.id, 'ReportingPeriod', 'id'));
    return { period: await closeReportingPeriod(ctx, id) };
  }
}

const count = (report: ProgressReport, change: ProgressChange) =>
  report.rows.filter((r) => hasChange(r, change)).length;

@Resolver(() => ProgressReportType)
export class ProgressReportResolver {
  @FieldResolver(() => Int, { description: 'Commitments recorded within the range.' })
  created(@Root() report: ProgressReport): number {
    return count(report, 'CREATED');
  }

  @FieldResolver(() => Int, { description: 'Commitments reported completed within the range.' })
  completed(@Root() report: ProgressReport): number {
    return count(report, 'COMPLETED');
  }

  @FieldResolver(() => Int, { description: 'Commitments verified within the range.' })
  verified(@Root() report: ProgressReport): number {
    return count(report, 'VERIFIED');
  }

  @FieldResolver(() => Int, { description: 'Commitments whose due date passed within the range while still open.' })
  becameOverdue(@Root() report: ProgressReport): number {
    return count(report, 'BECAME_OVERDUE');
  }

  @FieldResolver(() => Int, { description: 'Commitments open at the end with no progress update within the range.' })
  withoutUpdate(@Root() report: ProgressReport): number {
    return count(report, 'WITHOUT_UPDATE');
  }

  @FieldResolver(() => CommitmentConnection, { description: 'The commitments behind a figure, by reference.' })
  async commitments(
    @Root() report: ProgressReport,
    @Args(() => ReportCommitmentsArgs) args: ReportCommitmentsArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<Commitment>> {
    const rows = args.change ? report.rows.filter((r) => hasChange(r, args.change!)) : report.rows;
    return listPage(args, {
      count: async () => rows.length,
      rows: async ({ limit, offset }) => {
        const found = await visibleCommitmentLoader(ctx).loadMany(rows.slice(offset, offset + limit).map((r) => r.id));
        return found.filter((c): c is Commitment => !!c && !(c instanceof Error));
      },
    });
  }

  @FieldResolver(() => [ProgressReportGroupType], {
    description: 'One entry per group (empty without groupBy), with the groups’ counts at the start and at the end.',
  })
  groups(@Root() report: ProgressReport, @Ctx() ctx: Context): Promise<ProgressReportGroupType[]> {
    return reportGroups(ctx, report);
  }
}

@Resolver(() => MeetingType)
export class MeetingReportResolver {
  @FieldResolver(() => ProgressReportType, {
    nullable: true,
    description:
      'What changed, since the previous meeting of the series, for the commitments of its earlier meetings: completed, became overdue, no update (null without a previous meeting).',
  })
  progressSincePrevious(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<ProgressReport | null> {
    return sincePreviousLoader(ctx).load(meeting);
  }
}
