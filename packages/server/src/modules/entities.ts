import { AccountSchema } from './accounts/account.entity.js';
import { ApiTokenSchema } from './accounts/api-token.entity.js';
import { RateLimitCounterSchema } from './accounts/rate-limit.entity.js';
import { SessionSchema } from './accounts/session.entity.js';
import { AuditEventSchema } from './audit/audit-event.entity.js';
import {
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  CommitmentSupporterSchema,
  EvidenceSchema,
  ProgressUpdateSchema,
} from './commitments/commitment.entity.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  MeetingSchema,
  MeetingSeriesSchema,
  MinutesRevisionSchema,
  ParticipationSchema,
} from './meetings/meeting.entity.js';
import { OutboxMailSchema } from './mail/outbox-mail.entity.js';
import { CommitmentFollowSchema, NotificationSchema } from './notifications/notification.entity.js';
import { DueDateChangeSchema } from './due-dates/due-date-change.entity.js';
import { ReportingPeriodSchema, ReportSnapshotSchema } from './reports/reporting-period.entity.js';
import { OrganizationSchema } from './organizations/organization.entity.js';
import { PersonSchema } from './people/person.entity.js';
import { StoredFileSchema } from './files/stored-file.entity.js';
import { IdempotencyKeySchema } from './idempotency/idempotency.entity.js';
import { GcmObjectiveSchema, PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from './plans/plan.entity.js';

/** Every entity MikroORM knows; migrations are generated from these. */
export const entities = [
  OrganizationSchema,
  PersonSchema,
  GcmObjectiveSchema,
  PlanSchema,
  PlanGoalSchema,
  PlanObjectiveSchema,
  MeetingSeriesSchema,
  MeetingSchema,
  AgendaItemSchema,
  MinutesRevisionSchema,
  ParticipationSchema,
  DecisionSchema,
  CommitmentSchema,
  CommitmentSupporterSchema,
  CommitmentPlanObjectiveSchema,
  ProgressUpdateSchema,
  EvidenceSchema,
  AuditEventSchema,
  AccountSchema,
  SessionSchema,
  ApiTokenSchema,
  RateLimitCounterSchema,
  NotificationSchema,
  CommitmentFollowSchema,
  OutboxMailSchema,
  DueDateChangeSchema,
  ReportingPeriodSchema,
  ReportSnapshotSchema,
  StoredFileSchema,
  IdempotencyKeySchema,
];
