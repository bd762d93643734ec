import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CommitmentStatus,
  type CompletionLevel,
  type DueDateChangeStatus,
  MailStatus,
  MeetingStatus,
  type Visibility,
} from '../graphql/generated.js';
import { enumValues } from '../lib/enums.js';

/** Commitment statuses in the order a commitment goes through them (the board's columns). */
export const commitmentStatuses: readonly CommitmentStatus[] = enumValues(CommitmentStatus, {
  NOT_STARTED: 0,
  IN_PROGRESS: 1,
  AT_RISK: 2,
  COMPLETED: 3,
  VERIFIED: 4,
  CANCELLED: 5,
});

/** Meeting statuses in the order a meeting goes through them. */
export const meetingStatuses: readonly MeetingStatus[] = enumValues(MeetingStatus, {
  PLANNED: 0,
  HELD: 1,
  MINUTES_APPROVED: 2,
  CANCELLED: 3,
});

/** Tints with dark text: every pair passes WCAG AA contrast for small text. */
const tones = {
  gray: { background: '#f1f3f5', color: '#343a40' },
  blue: { background: '#e7f5ff', color: '#1864ab' },
  orange: { background: '#fff4e6', color: '#a33a06' },
  teal: { background: '#e6fcf5', color: '#087055' },
  green: { background: '#ebfbee', color: '#246f33' },
  dark: { background: '#e9ecef', color: '#212529' },
  red: { background: '#c92a2a', color: '#ffffff' },
  grape: { background: '#f8f0fc', color: '#862e9c' },
  cyan: { background: '#e3fafc', color: '#0b7285' },
  lime: { background: '#f4fce3', color: '#4a6b12' },
} as const;
export type Tone = keyof typeof tones;

/** A small label in one of the contrast-checked tones. */
export function Tag({
  tone,
  children,
  ...rest
}: {
  tone: Tone;
  children: ReactNode;
  [data: `data-${string}`]: string;
}) {
  return (
    <span className="tag" style={tones[tone]} {...rest}>
      {children}
    </span>
  );
}

export const statusColors: Record<CommitmentStatus, Tone> = {
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  AT_RISK: 'orange',
  COMPLETED: 'teal',
  VERIFIED: 'green',
  CANCELLED: 'dark',
};

/** Solid colours with enough contrast for text on white, used in charts and legends. */
export const statusFill: Record<CommitmentStatus, string> = {
  NOT_STARTED: '#868e96',
  IN_PROGRESS: '#1c7ed6',
  AT_RISK: '#e8590c',
  COMPLETED: '#0ca678',
  VERIFIED: '#2b8a3e',
  CANCELLED: '#343a40',
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag tone={statusColors[status]} data-status={status}>
      {t(`commitmentStatus.${status}`)}
    </Tag>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Tag tone="red" data-testid="overdue">
      {t('commitments.overdue')}
    </Tag>
  );
}

const meetingColors: Record<MeetingStatus, Tone> = {
  PLANNED: 'blue',
  HELD: 'teal',
  MINUTES_APPROVED: 'green',
  CANCELLED: 'gray',
};

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag tone={meetingColors[status]} data-status={status}>
      {t(`meetingStatus.${status}`)}
    </Tag>
  );
}

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  const tone = visibility === 'INTERNAL' ? 'grape' : visibility === 'PARTNERS' ? 'cyan' : 'lime';
  return (
    <Tag tone={tone} data-visibility={visibility}>
      {t(`visibility.${visibility}`)}
    </Tag>
  );
}

/** Mail statuses in the order a message goes through them. */
export const mailStatuses: readonly MailStatus[] = enumValues(MailStatus, {
  HELD: 0,
  PENDING: 1,
  SENDING: 2,
  SENT: 3,
  FAILED: 4,
});

const mailColors: Record<MailStatus, Tone> = {
  HELD: 'gray',
  PENDING: 'blue',
  SENDING: 'cyan',
  SENT: 'green',
  FAILED: 'red',
};

export function MailStatusBadge({ status }: { status: MailStatus }) {
  const { t } = useTranslation();
  return (
    <Tag tone={mailColors[status]} data-status={status}>
      {t(`mailStatus.${status}`)}
    </Tag>
  );
}

const completionColors: Record<CompletionLevel, Tone> = {
  NOT_STARTED: 'gray',
  LIMITED: 'blue',
  SUBSTANTIAL: 'teal',
  COMPLETE: 'green',
};

/** Completion on the OGP IRM scale. */
export function CompletionLevelBadge({ level }: { level: CompletionLevel }) {
  const { t } = useTranslation();
  return (
    <Tag tone={completionColors[level]} data-completion={level}>
      {t(`completionLevel.${level}`)}
    </Tag>
  );
}

const dueDateChangeColors: Record<DueDateChangeStatus, Tone> = {
  REQUESTED: 'orange',
  ACCEPTED: 'green',
  DECLINED: 'gray',
  APPLIED: 'blue',
};

export function DueDateChangeStatusBadge({ status }: { status: DueDateChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag tone={dueDateChangeColors[status]} data-change-status={status}>
      {t(`dueDateChangeStatus.${status}`)}
    </Tag>
  );
}

/** A reporting period is open (its report live) or closed (its report frozen). */
export function PeriodStatusBadge({ closed }: { closed: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag tone={closed ? 'dark' : 'blue'} data-period={closed ? 'closed' : 'open'}>
      {closed ? t('reports.closed') : t('reports.open')}
    </Tag>
  );
}
