import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Anchor, Card, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CommitmentStatusBadge,
  CompletionLevelBadge,
  commitmentStatuses,
  OverdueBadge,
} from '../../components/badges.js';
import { DateText, Local, OrganizationName, PersonName, useLanguage } from '../../components/text.js';
import { type CommitmentStatus, CommitmentTableRowFragmentDoc } from '../../graphql/generated.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { SlipNote } from './due-date-history.js';

type Row = FragmentType<typeof CommitmentTableRowFragmentDoc>;

function useRow(commitment: Row) {
  return useFragment({ fragment: CommitmentTableRowFragmentDoc, fragmentName: 'CommitmentTableRow', from: commitment });
}

/** One commitment as a row of the commitments table (the page gives the header, which sorts). */
export function CommitmentTableRow({ commitment }: { commitment: Row }) {
  const language = useLanguage();
  const { data: c, complete } = useRow(commitment);
  if (!complete) return null;
  return (
    <Table.Tr data-testid="commitment-row" data-overdue={c.isOverdue}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.reference}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/commitments/${encodeURIComponent(c.id)}`} fw={500}>
          <Local en={c.title} km={c.titleKm} />
        </Anchor>
      </Table.Td>
      <Table.Td>
        <OrganizationName organization={c.leadOrganization} />
      </Table.Td>
      <Table.Td>
        <PersonName person={c.assignee} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Stack gap={4} align="flex-start">
          <DateText value={c.dueDate} />
          {c.isOverdue ? <OverdueBadge /> : null}
          <SlipNote slippedDays={c.slippedDays} withOriginal={false} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <CommitmentStatusBadge status={c.status} />
      </Table.Td>
      <Table.Td w={140}>
        <Group gap={6} wrap="nowrap">
          <Progress value={c.progress} w={70} aria-hidden />
          <Text size="sm">{formatPercent(c.progress, language)}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        {/* A cancelled commitment counts in no completion figure. */}
        {c.status === 'CANCELLED' ? '—' : <CompletionLevelBadge level={c.completionLevel} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** One commitment as a card on the board. */
function BoardCard({ commitment }: { commitment: Row }) {
  const { t } = useTranslation();
  const { data: c, complete } = useRow(commitment);
  if (!complete) return null;
  return (
    <Card withBorder padding="sm" radius="sm">
      <Anchor component={Link} to={`/commitments/${encodeURIComponent(c.id)}`} size="sm" fw={500}>
        <Local en={c.title} km={c.titleKm} />
      </Anchor>
      <Text size="xs" c="dimmed">
        {c.reference} · {c.leadOrganization.acronym}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs">
          <DateText value={c.dueDate} />
        </Text>
        {c.isOverdue ? <OverdueBadge /> : null}
      </Group>
      <Progress
        value={c.progress}
        size="sm"
        mt={6}
        aria-label={t('commitments.progressLabel', { progress: c.progress })}
      />
    </Card>
  );
}

/** Commitments in columns by status (the first hundred that match the filter). */
export function CommitmentBoard({
  commitments,
  total,
}: {
  commitments: readonly (Row & { id: string; status: CommitmentStatus })[];
  total: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="xs">
      {total > commitments.length ? (
        <Text size="sm" c="dimmed">
          {t('commitments.boardLimited', { shown: commitments.length, total })}
        </Text>
      ) : null}
      <div className="board">
        {commitmentStatuses.map((status) => {
          const column = commitments.filter((c) => c.status === status);
          return (
            <section key={status} aria-label={t(`commitmentStatus.${status}`)} data-testid={`board-${status}`}>
              <Group justify="space-between" mb="xs">
                <CommitmentStatusBadge status={status} />
                <Text size="sm" c="dimmed">
                  {formatNumber(column.length, language)}
                </Text>
              </Group>
              <Stack gap="xs">
                {column.map((c) => (
                  <BoardCard key={c.id} commitment={c} />
                ))}
              </Stack>
            </section>
          );
        })}
      </div>
    </Stack>
  );
}
