import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Collapse, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag, type Tone } from '../../components/badges.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { DateTimeText, PersonName, useLanguage } from '../../components/text.js';
import { type AuditEventFieldsFragment, RecordHistoryDocument } from '../../graphql/generated.js';
import { formatDateTime, type Language } from '../../lib/format.js';

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
};

/** Where a changed record can be seen, when it has a page of its own. */
export function recordPath(entityType: string, entityId: string): string | null {
  const base = pages[entityType];
  return base ? `${base}/${encodeURIComponent(entityId)}` : null;
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
];

/** One recorded value in words: empty as a dash, lists joined, instants in Phnom Penh time, else short text. */
function formatValue(value: unknown, language: Language, yesNo: [string, string], name: (v: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value))
    return value.length ? value.map((v) => formatValue(v, language, yesNo, name)).join(', ') : '—';
  if (typeof value === 'string' && /^[A-Z][A-Z_]+$/.test(value)) return name(value);
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value, language);
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  return String(value);
}

/** The fields an audit event changed, each as "field: before → after". */
export function AuditChanges({ changes }: { changes: Record<string, unknown> | null }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const yesNo: [string, string] = [t('audit.yes'), t('audit.no')];
  // Enum values (statuses, kinds, visibility…) in words, when a catalogue names them.
  const name = (value: string) => {
    for (const group of enumGroups) if (i18n.exists(`${group}.${value}`)) return t(`${group}.${value}`);
    return value;
  };
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
      {entries.map(([field, change]) => (
        <li key={field}>
          <Text size="sm" component="span" fw={600}>
            {t(`audit.field.${field}`, { defaultValue: field })}:
          </Text>{' '}
          <Text size="sm" component="span" lineClamp={3} style={{ display: 'inline', wordBreak: 'break-word' }}>
            <span>{formatValue(change.before, language, yesNo, name)}</span>
            {' → '}
            <span>{formatValue(change.after, language, yesNo, name)}</span>
          </Text>
        </li>
      ))}
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
  const typeName = useEntityTypeName();
  const operationName = useOperationName();
  return (
    <Table.ScrollContainer minWidth={showRecord ? 820 : 560}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            {showRecord ? <Table.Th>{t('audit.entityType')}</Table.Th> : null}
            <Table.Th>{t('audit.operationLabel')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const path = recordPath(event.entityType, event.entityId);
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
                    {path ? (
                      <Anchor component={Link} to={path} size="sm">
                        {typeName(event.entityType)}
                      </Anchor>
                    ) : (
                      typeName(event.entityType)
                    )}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Tag tone={toneOf(event.operation)}>{operationName(event.operation)}</Tag>
                </Table.Td>
                <Table.Td maw={480}>
                  <AuditChanges changes={event.changes} />
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
          <AuditChanges changes={event.changes} />
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
          {t('pager.showing', { shown: events.length, total: data.auditEvents.totalCount })}
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
