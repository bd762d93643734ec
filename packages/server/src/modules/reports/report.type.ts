import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars.js';
import { CommitmentStatsGroupType } from '../commitments/commitment.type.js';

export const PROGRESS_CHANGES = [
  'CREATED',
  'COMPLETED',
  'VERIFIED',
  'BECAME_OVERDUE',
  'WITHOUT_UPDATE',
  'ADVANCED',
] as const;
export type ProgressChange = (typeof PROGRESS_CHANGES)[number];

export const ProgressChangeEnum = graphqlEnum(
  PROGRESS_CHANGES,
  'ProgressChange',
  'What happened to a commitment within a report’s range.',
  {
    CREATED: 'Recorded within the range.',
    COMPLETED: 'Reported completed within the range.',
    VERIFIED: 'Verified by the secretariat within the range.',
    BECAME_OVERDUE: 'Its due date passed within the range while it was still open.',
    WITHOUT_UPDATE: 'Open at the end of the range, with no progress update within it (existing before it).',
    ADVANCED: 'Its progress was higher at the end of the range than at the start.',
  },
);

@ObjectType('ProgressReportGroup', {
  description: 'One group of a progress report: how it stood at the start and at the end.',
})
export class ProgressReportGroupType {
  @Field(() => String, { description: 'What the group is, as in CommitmentStatsGroup.key.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Name of the group in English.' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the group in Khmer.' })
  labelKm!: string | null;

  @Field(() => CommitmentStatsGroupType, {
    nullable: true,
    description: 'The group’s commitments as they stood when the range began (null: none existed yet).',
  })
  atStart!: CommitmentStatsGroupType | null;

  @Field(() => CommitmentStatsGroupType, { description: 'The group’s commitments as they stood when the range ended.' })
  atEnd!: CommitmentStatsGroupType;

  @Field(() => Float, {
    description: 'Average progress gained over the range by the group’s commitments, in percentage points.',
  })
  progressDelta!: number;
}

@ObjectType('ProgressReport', {
  description:
    'What changed between two dates (calendar days in Phnom Penh, both included), over the commitments you may see. A closed reporting period answers from its frozen snapshot.',
})
export class ProgressReportType {
  @Field(() => DateScalar, { description: 'The first day of the range.' })
  from!: string;

  @Field(() => DateScalar, { description: 'The last day of the range.' })
  to!: string;
}

@ObjectType('ReportingPeriod', { implements: Node, description: 'A span the secretariat reports on, e.g. “Q4 2026”.' })
export class ReportingPeriodType extends Node {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => DateScalar, { description: 'Its first day.' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Its last day.' })
  endsOn!: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was closed and its report frozen; null while open.',
  })
  closedAt!: Date | null;
}

@ObjectType({ description: 'A page of reporting periods, newest first.' })
export class ReportingPeriodConnection extends Connection(ReportingPeriodType, 'ReportingPeriod') {}

@InputType({ description: 'A new reporting period (secretariat).' })
export class CreateReportingPeriodInput {
  @Field(() => String, { nullable: true, description: 'Title in English, e.g. “Q4 2026” (this or titleKm).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => DateScalar, { description: 'Its first day.' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Its last day.' })
  endsOn!: string;
}

@InputType({ description: 'The period to close.' })
export class CloseReportingPeriodInput {
  @Field(() => ID, { description: 'The period.' })
  id!: string;
}

@ObjectType({ description: 'The result of createReportingPeriod.' })
export class CreateReportingPeriodPayload {
  @Field(() => ReportingPeriodType, { description: 'The new period.' })
  period!: unknown;
}

@ObjectType({ description: 'The result of closeReportingPeriod.' })
export class CloseReportingPeriodPayload {
  @Field(() => ReportingPeriodType, { description: 'The period, closed, with its report frozen.' })
  period!: unknown;
}
