import type { NonEmptyArray } from 'type-graphql';
// What each module answers in SQL (graphql/sql-answers.ts).
import './commitments/commitment.sql-answers.js';
import './due-dates/due-date.sql-answers.js';
import './meetings/meeting.sql-answers.js';
import './organizations/organization.sql-answers.js';
import './people/person.sql-answers.js';
import { liveResolvers } from '../live/live.resolver.js';
import { AccountResolver, ViewerResolver } from './accounts/account.resolver.js';
import { ApiTokenResolver } from './accounts/api-token.resolver.js';
import { NodeResolver } from '../graphql/node.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { PersonResolver } from './people/person.resolver.js';
import { PlanGoalResolver, PlanObjectiveResolver, PlanResolver } from './plans/plan.resolver.js';
import { AuditEventResolver } from './audit/audit.resolver.js';
import {
  CommitmentResolver,
  DecisionCommitmentsResolver,
  EvidenceResolver,
  MeetingCommitmentsResolver,
  OrganizationCommitmentsResolver,
  PlanObjectiveCommitmentsResolver,
  ProgressUpdateResolver,
} from './commitments/commitment.resolver.js';
import { meetingResolvers } from './meetings/meeting.resolver.js';
import { OutboxMailResolver } from './mail/outbox.resolver.js';
import {
  CommitmentFollowResolver,
  NotificationResolver,
  ViewerNotificationsResolver,
} from './notifications/notification.resolver.js';
import { SettingsResolver } from './accounts/settings.resolver.js';
import { CommitmentDueDateResolver, DueDateChangeResolver } from './due-dates/due-date.resolver.js';
import { MeetingInSeriesResolver } from './meetings/meeting-series.resolver.js';
import { EvidenceFileResolver } from './files/file.resolver.js';
import { MeetingReportResolver, ProgressReportResolver, ReportingPeriodResolver } from './reports/report.resolver.js';

/** Every resolver class of the API; a module adds its own here. */
// biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes as Function.
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  OrganizationResolver,
  PersonResolver,
  PlanResolver,
  PlanGoalResolver,
  PlanObjectiveResolver,
  AuditEventResolver,
  CommitmentResolver,
  ProgressUpdateResolver,
  EvidenceResolver,
  OrganizationCommitmentsResolver,
  MeetingCommitmentsResolver,
  DecisionCommitmentsResolver,
  PlanObjectiveCommitmentsResolver,
  ...meetingResolvers,
  ViewerResolver,
  AccountResolver,
  ApiTokenResolver,
  SettingsResolver,
  NotificationResolver,
  CommitmentFollowResolver,
  ViewerNotificationsResolver,
  OutboxMailResolver,
  DueDateChangeResolver,
  CommitmentDueDateResolver,
  MeetingInSeriesResolver,
  ReportingPeriodResolver,
  ProgressReportResolver,
  MeetingReportResolver,
  EvidenceFileResolver,
  ...liveResolvers,
];
