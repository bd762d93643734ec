import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Collapse, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag, type Tone } from '../../components/badges.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { DateTimeText, PersonName, useLanguage, useLocalText } from '../../components/text.js';
import { type AuditEventFieldsFragment, RecordHistoryDocument } from '../../graphql/generated.js';
import { formatNumber } from '../../lib/format.js';
import { formatAuditValue, type ValueWords } from './audit-values.js';

/** Record types a staff member may filter the audit trail by (the names the server records). */
export const auditEntityTypes = [
  'Meeting',
  'AgendaItem',
  'Decision',
  'Participation',
  'MeetingSeries',
  'Commitment',
  'Organization',
  'Person',
  'Plan',
  'PlanGoal',
  'PlanObjective',
  'GcmObjective',
  'Account',
  'ApiToken',
] as const;

const pages: Record<string, string> = {
  Meeting: '/meetings',
  Commitment: '/commitments',
  Organization: '/organizations',
  MeetingSeries: '/series',
};

/** Records shown on their meeting's page (found through the meeting the event refers to). */
const onMeetingPage = new Set(['AgendaItem', 'Decision', 'Participation']);
/** Records shown on the plan page. */
const onPlanPage = new Set(['Plan', 'PlanGoal', 'PlanObjective', 'GcmObjective']);

/** Where a changed record can be seen, when it has a page of its own. */
export function recordPath(entityType: string, entityId: string): string | null {
  const base = pages[entityType];
  if (base) return `${base}/${encodeURIComponent(entityId)}`;
  if (onPlanPage.has(entityType)) return '/plan';
  if (entityType === 'Person') return '/people';
  return null;
}

/** Where the record of an audit event can be seen now: its page, its meeting's page, or nowhere (removed). */
export function eventRecordPath(event: AuditEventFieldsFragment): string | null {
  if (onMeetingPage.has(event.entityType)) {
    const meeting = event.references.find((r) => r.entityType === 'Meeting');
    return meeting ? recordPath('Meeting', meeting.id) : null;
  }
  if (!event.entityExists) return null;
  return recordPath(event.entityType, event.entityId);
}

/** A translated name for a record type, or the type itself when there is none. */
export function useEntityTypeName(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => t(`audit.entity.${type}`, { defaultValue: type });
}

/** A translated name for an operation ("create", "update", …), or the operation itself. */
export function useOperationName(): (operation: string) => string {
  const { t } = useTranslation();
  return (operation) => t(`audit.operation.${operation}`, { defaultValue: operation });
}

/** Catalogues that name enum values, tried in order; a field may name its own first (a Participation's `sex`). */
const enumGroups = [
  'meetingStatus',
  'commitmentStatus',
  'meetingKind',
  'visibility',
  'priority',
  'organizationKind',
  'participationRole',
  'attendanceStatus',
  'role',
  'dueDateChangeStatus',
];
const enumGroupOfField: Record<string, string> = {
  sex: 'attendance.sexes',
  scope: 'tokens.scopes',
  role: 'participationRole',
  attendance: 'attendanceStatus',
  priority: 'priority',
  visibility: 'visibility',
  kind: 'meetingKind',
};

/** The words an audit history needs, in the reader's language; `references` name the ids of one event. */
function useValueWords(references: AuditEventFieldsFragment['references']): ValueWords {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const local = useLocalText();
  const byValue = new Map(references.map((r) => [r.value, r]));
  return {
    language,
    yesNo: [t('audit.yes'), t('audit.no')],
    name: (value, field) => {
      const own = enumGroupOfField[field];
      if (own && i18n.exists(`${own}.${value}`)) return t(`${own}.${value}`);
      for (const group of enumGroups) if (i18n.exists(`${group}.${value}`)) return t(`${group}.${value}`);
      return value;
    },
    reference: (id) => {
      const found = byValue.get(id);
      return found ? local(found.label, found.labelKm) || null : null;
    },
    removed: t('audit.removedRecord'),
    gcm: (number) => t('gcm.short', { number: formatNumber(number, language) }),
  };
}

/** The fields an audit event changed, each as "field: before → after", labelled and worded in the reader's language. */
export function AuditChanges({
  changes,
  references = [],
}: {
  changes: Record<string, unknown> | null;
  references?: AuditEventFieldsFragment['references'];
}) {
  const { t } = useTranslation();
  const words = useValueWords(references);
  const entries = Object.entries(changes ?? {}).filter(
    ([, change]) => change && typeof change === 'object' && ('before' in change || 'after' in change),
  ) as [string, { before?: unknown; after?: unknown }][];
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="audit-changes">
      {entries.map(([field, change]) => {
        const created = change.before === undefined || change.before === null;
        return (
          <li key={field}>
            <Text size="sm" component="span" fw={600}>
              {t(`audit.field.${field}`, { defaultValue: t('audit.otherField') })}:
            </Text>{' '}
            <Text size="sm" component="span" lineClamp={3} style={{ display: 'inline', wordBreak: 'break-word' }}>
              {created ? null : (
                <>
                  <span data-testid="audit-before">{formatAuditValue(change.before, field, words)}</span>
                  {' → '}
                </>
              )}
              <span data-testid="audit-after">{formatAuditValue(change.after, field, words)}</span>
            </Text>
          </li>
        );
      })}
    </Stack>
  );
}

/** The changed record: its name now (or as recorded, if removed), linked to where it can be seen. */
export function AuditRecord({ event, withType = true }: { event: AuditEventFieldsFragment; withType?: boolean }) {
  const { t } = useTranslation();
  const typeName = useEntityTypeName();
  const local = useLocalText();
  const label = local(event.entityLabel, event.entityLabelKm);
  const path = eventRecordPath(event);
  const title = label || typeName(event.entityType);
  return (
    <Stack gap={0}>
      {withType && label ? (
        <Text size="xs" c="dimmed">
          {typeName(event.entityType)}
        </Text>
      ) : null}
      <Text size="sm" data-testid="audit-record">
        {path ? (
          <Anchor component={Link} to={path} size="sm">
            {title}
          </Anchor>
        ) : (
          title
        )}
        {event.entityExists ? null : (
          <Text component="span" size="xs" c="dimmed">
            {' '}
            ({t('audit.recordGone')})
          </Text>
        )}
      </Text>
    </Stack>
  );
}

const toneOf = (operation: string): Tone =>
  operation === 'create' ? 'green' : operation === 'remove' || operation === 'cancel' ? 'orange' : 'blue';

/** Who made a change: the person, or the label of the tool that acted for nobody. */
export function AuditActor({ event }: { event: AuditEventFieldsFragment }) {
  const { t } = useTranslation();
  if (event.actor) return <PersonName person={event.actor} />;
  return <>{event.actorLabel ?? t('audit.unknownActor')}</>;
}

/** Audit events as a table: when, who, what record, what was done and what changed. */
export function AuditTable({
  events,
  showRecord = true,
}: {
  events: AuditEventFieldsFragment[];
  showRecord?: boolean;
}) {
  const { t } = useTranslation();
  const operationName = useOperationName();
  return (
    <Table.ScrollContainer minWidth={showRecord ? 820 : 560}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            {showRecord ? <Table.Th>{t('audit.record')}</Table.Th> : null}
            <Table.Th>{t('audit.operationLabel')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            return (
              <Table.Tr key={event.id} data-testid="audit-event">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DateTimeText value={event.at} />
                </Table.Td>
                <Table.Td>
                  <AuditActor event={event} />
                </Table.Td>
                {showRecord ? (
                  <Table.Td>
                    <AuditRecord event={event} />
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Tag tone={toneOf(event.operation)}>{operationName(event.operation)}</Tag>
                </Table.Td>
                <Table.Td maw={480}>
                  <AuditChanges changes={event.changes} references={event.references} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const HISTORY_PAGE = 20;

/** A record's events as a list that fits a narrow column: when, who and what, then the changed fields. */
function HistoryItems({ events }: { events: AuditEventFieldsFragment[] }) {
  const operationName = useOperationName();
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {events.map((event) => (
        <li key={event.id} data-testid="audit-event">
          <Group gap={6} wrap="wrap">
            <Tag tone={toneOf(event.operation)}>{operationName(event.operation)}</Tag>
            <Text size="xs" c="dimmed">
              <DateTimeText value={event.at} /> · <AuditActor event={event} />
            </Text>
          </Group>
          <AuditChanges changes={event.changes} references={event.references} />
        </li>
      ))}
    </Stack>
  );
}

/** A record's history from the audit trail, for staff: folded until asked for, then loaded page by page. */
export function RecordHistory({ entityId }: { entityId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="history-heading">
      <Group justify="space-between">
        <Group gap={6}>
          <IconHistory size={18} aria-hidden />
          <Title order={2} size="h4" id="history-heading">
            {t('audit.history')}
          </Title>
        </Group>
        <Button
          variant="subtle"
          size="xs"
          onClick={() => setOpened((o) => !o)}
          aria-expanded={opened}
          rightSection={opened ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
          data-testid="history-toggle"
        >
          {opened ? t('audit.hideHistory') : t('audit.showHistory')}
        </Button>
      </Group>
      <Collapse expanded={opened}>{opened ? <HistoryList entityId={entityId} /> : null}</Collapse>
    </Card>
  );
}

function HistoryList({ entityId }: { entityId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data, loading, error, refetch, fetchMore } = useQuery(RecordHistoryDocument, {
    variables: { entityId, first: HISTORY_PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const [more, setMore] = useState(false);
  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const events = data.auditEvents.nodes;
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t('audit.noHistory')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" mt="sm">
      <HistoryItems events={events} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('pager.showing', {
            shown: formatNumber(events.length, language),
            total: formatNumber(data.auditEvents.totalCount, language),
          })}
        </Text>
        {data.auditEvents.pageInfo.hasNextPage ? (
          <Button
            variant="default"
            size="xs"
            loading={more}
            onClick={() => {
              setMore(true);
              void fetchMore({
                variables: { after: data.auditEvents.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  ...fetchMoreResult,
                  auditEvents: {
                    ...fetchMoreResult.auditEvents,
                    nodes: [...previous.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes],
                  },
                }),
              }).finally(() => setMore(false));
            }}
          >
            {t('audit.loadMore')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
