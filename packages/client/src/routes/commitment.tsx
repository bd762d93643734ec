import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Grid, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CommitmentStatusBadge, CompletionLevelBadge, OverdueBadge, VisibilityBadge } from '../components/badges.js';
import { Fact, PageHeader } from '../components/page.js';
import { RecordPageStates } from '../components/states.js';
import {
  DateText,
  DateTimeText,
  Local,
  OrganizationName,
  PersonName,
  useLanguage,
  useLocalText,
} from '../components/text.js';
import { RecordHistory } from '../features/audit/audit-events.js';
import { CommitmentEditForm } from '../features/commitments/commitment-edit.js';
import { DueDateDecisionPanel, DueDateRequestPanel } from '../features/commitments/due-date-forms.js';
import { DueDateHistory, SlipNote } from '../features/commitments/due-date-history.js';
import { dueDateMayMove, pendingRequest } from '../features/commitments/due-dates.js';
import { FollowButton, FollowersCard } from '../features/commitments/follow-button.js';
import { ProgressForm } from '../features/commitments/progress-form.js';
import { ProgressTimeline } from '../features/commitments/progress-timeline.js';
import { PlanLinkChips } from '../features/plans/plan-link-chips.js';
import { VerifyPanel } from '../features/commitments/verify-panel.js';
import { canReportOn, isStaff, useViewer } from '../features/session/session.js';
import { type CommitmentPageQuery, CommitmentPageDocument } from '../graphql/generated.js';
import { formatNumber, formatPercent } from '../lib/format.js';
import { MeetingLink } from '../features/meetings/meeting-link.js';

type CommitmentOnPage = Extract<NonNullable<CommitmentPageQuery['node']>, { __typename: 'Commitment' }>;

export function CommitmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const local = useLocalText();
  const [editing, setEditing] = useState(false);
  const { data, loading, error, refetch } = useQuery(CommitmentPageDocument, { variables: { id } });
  const commitment = data?.node?.__typename === 'Commitment' ? data.node : null;

  if (!commitment) {
    return (
      <RecordPageStates
        query={{ loading, error, data, refetch }}
        notFound={t('commitments.notFound')}
        back={{ to: '/commitments', label: t('commitments.title') }}
      />
    );
  }
  const staff = isStaff(viewer);
  const open = !['VERIFIED', 'CANCELLED'].includes(commitment.status);
  const mayReport =
    open &&
    commitment.status !== 'COMPLETED' &&
    canReportOn(viewer, [commitment.leadOrganization.id, ...commitment.supportingOrganizations.map((o) => o.id)]);
  const reload = () => refetch();
  const pending = pendingRequest(commitment.dueDateChanges);
  // Focal points ask for a new due date; the secretariat sets it directly (Edit commitment) or decides on requests.
  const mayRequest =
    viewer.role === 'FOCAL_POINT' &&
    dueDateMayMove(commitment.status) &&
    canReportOn(viewer, [commitment.leadOrganization.id, ...commitment.supportingOrganizations.map((o) => o.id)]);

  return (
    <>
      <PageHeader
        title={<Local en={commitment.title} km={commitment.titleKm} />}
        documentTitle={local(commitment.title, commitment.titleKm)}
        crumbs={[{ label: t('commitments.title'), to: '/commitments' }]}
        actions={
          <>
            {viewer.person ? <FollowButton commitment={commitment} /> : null}
            {staff && !editing ? (
              <Button
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('commitments.edit')}
              </Button>
            ) : null}
          </>
        }
      >
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {commitment.reference}
          </Text>
          <CommitmentStatusBadge status={commitment.status} />
          {commitment.isOverdue ? <OverdueBadge /> : null}
          {commitment.status === 'CANCELLED' ? null : <CompletionLevelBadge level={commitment.completionLevel} />}
          <VisibilityBadge visibility={commitment.visibility} />
        </Group>
      </PageHeader>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            {editing ? (
              <CommitmentEditForm commitment={commitment} onReload={reload} onClose={() => setEditing(false)} />
            ) : null}
            {staff && commitment.status === 'COMPLETED' ? (
              <VerifyPanel commitment={commitment} onReload={reload} />
            ) : null}
            {staff && pending ? <DueDateDecisionPanel key={pending.id} change={pending} /> : null}
            {mayRequest ? <DueDateRequestPanel commitment={commitment} pending={pending} onReload={reload} /> : null}
            {mayReport ? <ProgressForm key={commitment.id} commitment={commitment} onReload={reload} /> : null}
            <ProgressTimeline commitment={commitment} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <CommitmentFacts commitment={commitment} />
            <DueDateHistory
              changes={commitment.dueDateChanges}
              slippedDays={commitment.slippedDays}
              originalDueDate={commitment.originalDueDate}
            />
            {staff ? <FollowersCard commitment={commitment} /> : null}
            {staff ? <RecordHistory key={commitment.id} entityId={commitment.id} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function CommitmentFacts({ commitment }: { commitment: CommitmentOnPage }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="facts-heading">
      <Title order={2} size="h4" id="facts-heading" mb="sm">
        {t('commitments.details')}
      </Title>
      <Stack gap="sm">
        <div>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('commitments.fields.progress')}
            </Text>
            <Text size="sm" fw={600}>
              {formatPercent(commitment.progress, language)}
            </Text>
          </Group>
          <Progress
            value={commitment.progress}
            aria-label={t('commitments.progressLabel', { progress: commitment.progress })}
          />
        </div>
        {commitment.description || commitment.descriptionKm ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Local en={commitment.description} km={commitment.descriptionKm} />
          </Text>
        ) : null}
        <Fact label={t('commitments.fields.leadOrganization')}>
          <Anchor component={Link} to={`/organizations/${encodeURIComponent(commitment.leadOrganization.id)}`}>
            <OrganizationName organization={commitment.leadOrganization} full />
          </Anchor>
        </Fact>
        <Fact label={t('commitments.fields.supportingOrganizations')}>
          {commitment.supportingOrganizations.length
            ? commitment.supportingOrganizations.map((o) => o.acronym).join(', ')
            : '—'}
        </Fact>
        <Fact label={t('commitments.fields.assignee')}>
          <PersonName person={commitment.assignee} />
        </Fact>
        <Fact label={t('commitments.fields.dueDate')}>
          <Stack gap={0}>
            <DateText value={commitment.dueDate} />
            <SlipNote
              slippedDays={commitment.slippedDays}
              originalDueDate={commitment.originalDueDate}
              changes={commitment.dueDateChanges.length}
            />
          </Stack>
        </Fact>
        {commitment.status === 'CANCELLED' ? null : (
          <Fact label={t('completion.label')}>
            <Stack gap={2}>
              <span>
                <CompletionLevelBadge level={commitment.completionLevel} />
              </span>
              <Text size="xs" c="dimmed">
                {t(`completion.meaning.${commitment.completionLevel}`)}
              </Text>
            </Stack>
          </Fact>
        )}
        <Fact label={t('commitments.fields.priority')}>
          {commitment.priority ? t(`priority.${commitment.priority}`) : '—'}
        </Fact>
        <Fact label={t('commitments.fields.lastUpdate')}>
          <DateTimeText value={commitment.lastUpdateAt} />
        </Fact>
        {commitment.meeting ? (
          <Fact label={t('commitments.fields.meeting')}>
            <MeetingLink meeting={commitment.meeting} />
          </Fact>
        ) : null}
        {commitment.decision ? (
          <Fact label={t('commitments.fields.decision')}>
            <Local en={commitment.decision.text} km={commitment.decision.textKm} />
          </Fact>
        ) : null}
        <Fact label={t('commitments.fields.planObjectives')}>
          {commitment.planObjectives.length ? <PlanLinkChips commitment={commitment} /> : t('plan.notLinked')}
        </Fact>
        <Fact label={t('commitments.fields.gcmObjectives')}>
          {commitment.gcmObjectives.length ? (
            <Stack gap={2}>
              {commitment.gcmObjectives.map((g) => (
                <span key={g.number}>
                  {formatNumber(g.number, language)}. <Local en={g.title} km={g.titleKm} />
                </span>
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Fact>
      </Stack>
    </Card>
  );
}
