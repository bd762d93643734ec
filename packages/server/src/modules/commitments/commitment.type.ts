import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Visibility } from '../../db/base.entity.js';
import { Connection } from '../../graphql/connection.js';
import { inputFields } from '../../graphql/decode.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { type OrderDirection, OrderDirectionEnum } from '../../graphql/order.js';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars.js';
import { VisibilityEnum } from '../../graphql/visibility.js';
import {
  COMMITMENT_STATUSES,
  type CommitmentStatus,
  EVIDENCE_KINDS,
  PRIORITIES,
  type Priority,
} from './commitment.entity.js';

export const PriorityEnum = graphqlEnum(PRIORITIES, 'Priority', 'How urgent a commitment is.', {
  LOW: 'Can wait behind other work.',
  MEDIUM: 'Normal priority (the default).',
  HIGH: 'Needs attention first.',
});

export const CommitmentStatusEnum = graphqlEnum(
  COMMITMENT_STATUSES,
  'CommitmentStatus',
  'Where a commitment stands. A focal point may report COMPLETED (with evidence); only the secretariat verifies it.',
  {
    NOT_STARTED: 'Nothing has been reported yet.',
    IN_PROGRESS: 'Work is under way.',
    AT_RISK: 'Work is under way but the commitment may not be met on time.',
    COMPLETED: 'Reported done, with evidence; waiting for the secretariat to verify it.',
    VERIFIED: 'The secretariat checked the evidence and confirmed completion (closed).',
    CANCELLED: 'Dropped, with a reason (closed).',
  },
);

export const STATS_GROUP_BYS = ['ORGANIZATION', 'STATUS', 'PLAN_GOAL', 'GCM_OBJECTIVE'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BYS)[number];
export const StatsGroupByEnum = graphqlEnum(STATS_GROUP_BYS, 'StatsGroupBy', 'How to group commitment statistics.', {
  ORGANIZATION: 'By lead organisation: every commitment counts once, so the groups add up to the total.',
  STATUS: 'By status: the groups add up to the total.',
  PLAN_GOAL:
    'By national plan goal: a commitment counts in each goal its plan objectives belong to; one linked to no plan objective counts in the group with key UNLINKED ("Not linked to the plan"), so every commitment counts at least once and the groups add up to at least the total.',
  GCM_OBJECTIVE:
    'By GCM objective (1–23): a commitment counts in each objective it is linked to; one linked to none counts in the group with key UNLINKED ("Not linked to a GCM objective"), so every commitment counts at least once and the groups add up to at least the total.',
});

export const COMMITMENT_ORDER_FIELDS = ['DUE_DATE', 'REFERENCE', 'PROGRESS', 'UPDATED_AT'] as const;
export type CommitmentOrderField = (typeof COMMITMENT_ORDER_FIELDS)[number];
export const CommitmentOrderFieldEnum = graphqlEnum(
  COMMITMENT_ORDER_FIELDS,
  'CommitmentOrderField',
  'What to sort commitments by (ties are broken by reference).',
  {
    DUE_DATE: 'Due date; commitments without one come last.',
    REFERENCE: 'Reference, e.g. NCCT-2023-11-01-C3.',
    PROGRESS: 'Progress in percent.',
    UPDATED_AT: 'Time of the last change.',
  },
);

export const EvidenceKindEnum = graphqlEnum(EVIDENCE_KINDS, 'EvidenceKind', 'What form a piece of evidence takes.', {
  LINK: 'A link to a document or page.',
  FILE: 'An attached file.',
});

@ObjectType('Commitment', {
  implements: Node,
  description: 'An action item agreed in a meeting, carried by a lead organisation, followed up until verified.',
})
export class CommitmentType extends Node {
  @Field(() => String, { description: 'Human-readable unique reference, e.g. NCCT-2023-11-01-C3.' })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => String, { nullable: true, description: 'What is to be done, in English.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'What is to be done, in Khmer.' })
  descriptionKm!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date it is due (a calendar date).' })
  dueDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The first due date it was given; never overwritten (dueDateChanges has every change since).',
  })
  originalDueDate!: string | null;

  @Field(() => PriorityEnum, { nullable: true, description: 'How urgent it is.' })
  priority!: Priority | null;

  @Field(() => CommitmentStatusEnum, { description: 'Where it stands.' })
  status!: CommitmentStatus;

  @Field(() => Int, { description: 'Progress in percent (0–100).' })
  progress!: number;

  @Field(() => VisibilityEnum, { description: 'Who may read it.' })
  visibility!: Visibility;

  @Field(() => Int, { description: 'Version for optimistic locking: send it back with every change.' })
  version!: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When progress was last reported, verified or returned; null if never.',
  })
  lastUpdateAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was cancelled, returned or verified with remarks (the latest reason given).',
  })
  statusReason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of commitments.' })
export class CommitmentConnection extends Connection(CommitmentType, 'Commitment') {}

@ObjectType('Evidence', { description: 'A link or file that shows progress on a commitment.' })
export class EvidenceType {
  @Field(() => String, { nullable: true, description: 'Where the evidence is (an http or https link).' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'What the evidence is, e.g. "Signed MoU (PDF)".' })
  title!: string | null;

  @Field(() => EvidenceKindEnum, { description: 'A link or an attached file.' })
  kind!: (typeof EVIDENCE_KINDS)[number];
}

@ObjectType('ProgressUpdate', {
  implements: Node,
  description:
    'An append-only entry of the progress timeline of a commitment: a report, a verification, a return or a status change.',
})
export class ProgressUpdateType extends Node {
  @Field(() => CommitmentStatusEnum, { description: 'The status before this update.' })
  statusBefore!: CommitmentStatus;

  @Field(() => CommitmentStatusEnum, { nullable: true, description: 'The status after this update.' })
  status!: CommitmentStatus;

  @Field(() => Int, { description: 'Progress in percent before this update.' })
  progressBefore!: number;

  @Field(() => Int, { nullable: true, description: 'Progress in percent after this update.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Narrative in English (or the reason given).' })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Narrative in Khmer.' })
  noteKm!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was posted.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of progress updates, newest first.' })
export class ProgressUpdateConnection extends Connection(ProgressUpdateType, 'ProgressUpdate') {}

@ObjectType('StatusCount', { description: 'How many commitments of a group have one status.' })
export class StatusCountType {
  @Field(() => CommitmentStatusEnum, { description: 'The status.' })
  status!: CommitmentStatus;

  @Field(() => Int, { description: 'How many commitments have it.' })
  count!: number;
}

@ObjectType('CommitmentStatsGroup', {
  description:
    'Counts for one group of commitments (dashboards). By ORGANIZATION (lead) or STATUS the groups add up to the total; by PLAN_GOAL or GCM_OBJECTIVE a commitment counts in each group it links to, and in the group UNLINKED when it links to none.',
})
export class CommitmentStatsGroupType {
  @Field(() => String, {
    description:
      'What the group is: the global id of the organisation or plan goal, the status name, the GCM objective number, or UNLINKED for commitments linked to no plan objective (PLAN_GOAL) or no GCM objective (GCM_OBJECTIVE).',
  })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Name of the group in English.' })
  label!: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the group in Khmer.' })
  labelKm!: string | null;

  @Field(() => Int, { description: 'How many commitments are in the group.' })
  total!: number;

  @Field(() => Int, { description: 'How many of them are overdue.' })
  overdue!: number;

  @Field(() => Float, { description: 'Average progress in percent (0 for an empty group).' })
  averageProgress!: number;

  @Field(() => [StatusCountType], { description: 'How many are in each status (only statuses that occur).' })
  byStatus!: StatusCountType[];

  @Field(() => Int, {
    description:
      'How many reached high completion on the OGP IRM scale: SUBSTANTIAL (50–99 %) or COMPLETE (completed or verified). CANCELLED ones count in no group total for this figure.',
  })
  highCompletion!: number;
}

@InputType({ description: 'Which commitments to list or count; all conditions must hold.' })
export class CommitmentFilter {
  @Field(() => [CommitmentStatusEnum], { nullable: true, description: 'Only these statuses.' })
  status?: CommitmentStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments this organisation leads.' })
  leadOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments this organisation leads or supports.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments assigned to this person.' })
  assigneeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only overdue ones (due before today in Asia/Phnom_Penh and not completed, verified or cancelled); false: only the others.',
  })
  overdue?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only those due on or after this date.' })
  dueFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only those due on or before this date.' })
  dueTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those that come from this meeting.' })
  meetingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those linked to this plan objective.' })
  planObjectiveId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only those linked to this GCM objective (1–23).' })
  gcmObjective?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text in the reference, title or description (English or Khmer), case-insensitive.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only those with a request for a new due date waiting for the secretariat; false: none waiting.',
  })
  dueDateChangeRequested?: boolean | null;
}

@InputType({ description: 'How to sort commitments.' })
export class CommitmentOrder {
  @Field(() => CommitmentOrderFieldEnum, { description: 'What to sort by.' })
  field!: CommitmentOrderField;

  @Field(() => OrderDirectionEnum, { description: 'Ascending or descending.' })
  direction!: OrderDirection;
}

@InputType({ description: 'A link or an uploaded file given as evidence of progress: give `url` or `fileId`.' })
export class EvidenceInput {
  @Field(() => String, { nullable: true, description: 'An http or https link.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'What it is, e.g. "Signed MoU (PDF)".' })
  title?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A file you uploaded with POST /files (its `id`) and have not attached yet; without a title it is called by its name.',
  })
  fileId?: string | null;
}

/** The fields of a commitment that createCommitment and updateCommitment take. */
const CommitmentFields = inputFields((required) => {
  /** Create and update word some fields differently (defaults, "null to detach", "replaces the list"). */
  const say = (create: string, update: string) => (required ? create : update);
  // Not itself in the schema: only the inputs that extend it are.
  @InputType()
  abstract class Fields {
    @Field(() => String, {
      nullable: true,
      description: say('Title in English (this or titleKm is required).', 'Title in English.'),
    })
    title?: string | null;

    @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
    titleKm?: string | null;

    @Field(() => String, { nullable: true, description: 'What is to be done, in English.' })
    description?: string | null;

    @Field(() => String, { nullable: true, description: 'What is to be done, in Khmer.' })
    descriptionKm?: string | null;

    @Field(() => ID, { nullable: !required, description: 'The organisation that leads it.' })
    leadOrganizationId!: string;

    @Field(() => [ID], {
      nullable: true,
      description: say(
        'Organisations that support the lead.',
        'Organisations that support the lead (replaces the list).',
      ),
    })
    supportingOrganizationIds?: string[] | null;

    @Field(() => ID, {
      nullable: true,
      description: say(
        'The person (usually a focal point) who follows it up.',
        'The person who follows it up; null to unassign.',
      ),
    })
    assigneeId?: string | null;

    @Field(() => ID, {
      nullable: true,
      description: say('The meeting it was agreed in.', 'The meeting it was agreed in; null to detach.'),
    })
    meetingId?: string | null;

    @Field(() => ID, {
      nullable: true,
      description: say(
        'The decision it implements; must belong to the meeting (which is taken from it when omitted).',
        'The decision it implements; null to detach.',
      ),
    })
    decisionId?: string | null;

    @Field(() => DateScalar, {
      nullable: true,
      description: say('When it is due.', 'When it is due; null for no date.'),
    })
    dueDate?: string | null;

    @Field(() => PriorityEnum, {
      nullable: true,
      description: say('How urgent it is (default MEDIUM).', 'How urgent it is.'),
    })
    priority?: Priority | null;

    @Field(() => [Int], {
      nullable: true,
      description: say('GCM objectives (1–23) it serves.', 'GCM objectives (1–23) it serves (replaces the list).'),
    })
    gcmObjectives?: number[] | null;

    @Field(() => [ID], {
      nullable: true,
      description: say(
        'National plan objectives it serves.',
        'National plan objectives it serves (replaces the list).',
      ),
    })
    planObjectiveIds?: string[] | null;

    @Field(() => VisibilityEnum, {
      nullable: true,
      description: say('Who may read it (default INTERNAL).', 'Who may read it.'),
    })
    visibility?: Visibility | null;
  }
  return Fields;
});

@InputType({ description: 'A new commitment (secretariat).' })
export class CreateCommitmentInput extends CommitmentFields.Create {}

@InputType({ description: 'Changes to a commitment (secretariat); only the fields given change.' })
export class UpdateCommitmentInput extends CommitmentFields.Update {
  @Field(() => ID, { description: 'The commitment to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => CommitmentStatusEnum, {
    nullable: true,
    description:
      'New status. CANCELLED needs statusReason; a VERIFIED or CANCELLED commitment can only be re-opened (NOT_STARTED, IN_PROGRESS, AT_RISK). Completion is reported with addProgressUpdate, verification with verifyCommitment.',
  })
  status?: CommitmentStatus | null;

  @Field(() => Int, { nullable: true, description: 'Progress in percent (0–100).' })
  progress?: number | null;

  @Field(() => String, { nullable: true, description: 'Why the status changes (required to cancel).' })
  statusReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the due date changes; recorded with the change in dueDateChanges (status APPLIED).',
  })
  dueDateReason?: string | null;
}

@InputType({
  description:
    'A progress report on a commitment (secretariat, or a focal point of an organisation that leads or supports it).',
})
export class AddProgressUpdateInput {
  @Field(() => ID, { description: 'The commitment.' })
  commitmentId!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => CommitmentStatusEnum, {
    nullable: true,
    description: 'New status; COMPLETED needs at least one evidence item and sets progress to 100. Never VERIFIED.',
  })
  status?: CommitmentStatus | null;

  @Field(() => Int, { nullable: true, description: 'Progress in percent (0–100).' })
  progress?: number | null;

  @Field(() => String, { nullable: true, description: 'What happened, in English.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'What happened, in Khmer.' })
  noteKm?: string | null;

  @Field(() => [EvidenceInput], { nullable: true, description: 'Links and uploaded files that show the progress.' })
  evidence?: EvidenceInput[] | null;
}

@InputType({ description: 'The secretariat verifies a completed commitment, or returns it to IN_PROGRESS.' })
export class VerifyCommitmentInput {
  @Field(() => ID, { description: 'The commitment (it must be COMPLETED).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => Boolean, { description: 'true: VERIFIED; false: back to IN_PROGRESS (a reason is required).' })
  accept!: boolean;

  @Field(() => String, { nullable: true, description: 'Why; required when returning it.' })
  reason?: string | null;
}

@ObjectType({ description: 'The result of createCommitment.' })
export class CreateCommitmentPayload {
  @Field(() => CommitmentType, { description: 'The new commitment.' })
  commitment!: CommitmentType;
}

@ObjectType({ description: 'The result of updateCommitment.' })
export class UpdateCommitmentPayload {
  @Field(() => CommitmentType, { description: 'The commitment as it is now.' })
  commitment!: CommitmentType;
}

@ObjectType({ description: 'The result of addProgressUpdate.' })
export class AddProgressUpdatePayload {
  @Field(() => CommitmentType, { description: 'The commitment as it is now.' })
  commitment!: CommitmentType;

  @Field(() => ProgressUpdateType, { description: 'The update that was recorded.' })
  update!: ProgressUpdateType;
}

@ObjectType({ description: 'The result of verifyCommitment.' })
export class VerifyCommitmentPayload {
  @Field(() => CommitmentType, { description: 'The commitment as it is now.' })
  commitment!: CommitmentType;

  @Field(() => ProgressUpdateType, { description: 'The verification or return that was recorded.' })
  update!: ProgressUpdateType;
}
