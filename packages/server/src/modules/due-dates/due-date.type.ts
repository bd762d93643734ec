import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars.js';
import { COMPLETION_LEVELS } from '../commitments/commitment.sql.js';
import { CommitmentType } from '../commitments/commitment.type.js';
import { DUE_DATE_CHANGE_STATUSES, type DueDateChangeStatus } from './due-date-change.entity.js';

export const DueDateChangeStatusEnum = graphqlEnum(
  DUE_DATE_CHANGE_STATUSES,
  'DueDateChangeStatus',
  'Where a change of due date stands.',
  {
    REQUESTED: 'A focal point asked for it; the secretariat has not decided yet.',
    ACCEPTED: 'The secretariat accepted the request: the due date moved.',
    DECLINED: 'The secretariat declined the request: the due date stayed.',
    APPLIED: 'The secretariat changed the due date directly.',
  },
);

export const CompletionLevelEnum = graphqlEnum(
  COMPLETION_LEVELS,
  'CompletionLevel',
  'Completion on the scale of the OGP Independent Reporting Mechanism.',
  {
    NOT_STARTED: 'No progress yet (0 %).',
    LIMITED: 'Limited: 1–49 %.',
    SUBSTANTIAL: 'Substantial: 50–99 %.',
    COMPLETE: 'Complete: COMPLETED or VERIFIED.',
  },
);

@ObjectType('DueDateChange', { implements: Node, description: 'A change, or a request to change, a due date.' })
export class DueDateChangeType extends Node {
  @Field(() => DateScalar, { nullable: true, description: 'The due date before (null: none).' })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The due date asked for or set (null: none).' })
  to!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was asked for or made.' })
  reason!: string | null;

  @Field(() => DueDateChangeStatusEnum, { description: 'Where it stands.' })
  status!: DueDateChangeStatus;

  @Field(() => String, { nullable: true, description: 'Why the secretariat declined or accepted it, if said.' })
  decisionReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was asked for or made.' })
  at!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided (null while REQUESTED).' })
  decidedAt!: Date | null;
}

@InputType({ description: 'A focal point asks for a new due date.' })
export class RequestDueDateChangeInput {
  @Field(() => ID, { description: 'The commitment.' })
  commitmentId!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => DateScalar, { description: 'The due date asked for.' })
  dueDate!: string;

  @Field(() => String, { description: 'Why it should move (required).' })
  reason!: string;
}

@InputType({ description: 'The secretariat accepts or declines a request for a new due date.' })
export class DecideDueDateChangeInput {
  @Field(() => ID, { description: 'The request (a DueDateChange in status REQUESTED).' })
  id!: string;

  @Field(() => Boolean, { description: 'True moves the due date; false keeps it.' })
  accept!: boolean;

  @Field(() => String, { nullable: true, description: 'Why (required to decline).' })
  reason?: string | null;
}

@ObjectType({ description: 'The result of requestDueDateChange.' })
export class RequestDueDateChangePayload {
  @Field(() => DueDateChangeType, { description: 'The request.' })
  change!: unknown;

  @Field(() => CommitmentType, { description: 'The commitment.' })
  commitment!: unknown;
}

@ObjectType({ description: 'The result of decideDueDateChange.' })
export class DecideDueDateChangePayload {
  @Field(() => DueDateChangeType, { description: 'The request, decided.' })
  change!: unknown;

  @Field(() => CommitmentType, { description: 'The commitment, with its due date moved when accepted.' })
  commitment!: unknown;
}
