import { Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OverdueBadge } from '../../components/badges.js';
import { DateText } from '../../components/text.js';
import type { CommitmentDueDatesFragment, CommitmentRowFragment } from '../../graphql/generated.js';
import { SlipNote } from './due-date-history.js';
import { CommitmentHeadline, CommitmentStatusBadges } from './commitment-badges.js';

/** A row of the list; with its due-date fields it also shows how far the due date slipped and the completion level. */
export type CommitmentListRow = CommitmentRowFragment & Partial<Omit<CommitmentDueDatesFragment, '__typename'>>;

/** A compact list of commitments (dashboard, organisation page, decisions). */
export function CommitmentList({ commitments }: { commitments: readonly CommitmentListRow[] }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing="xs" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('commitments.fields.commitment')}</Table.Th>
          <Table.Th>{t('commitments.fields.dueDate')}</Table.Th>
          <Table.Th>{t('commitments.fields.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {commitments.map((commitment) => (
          <Table.Tr key={commitment.id} data-testid="commitment-row" data-overdue={commitment.isOverdue}>
            <Table.Td>
              <Stack gap={2}>
                <CommitmentHeadline commitment={commitment} />
              </Stack>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Stack gap={4} align="flex-start">
                <Text size="sm">
                  <DateText value={commitment.dueDate} />
                </Text>
                {commitment.isOverdue ? <OverdueBadge /> : null}
                {commitment.slippedDays !== undefined ? (
                  <SlipNote slippedDays={commitment.slippedDays} withOriginal={false} />
                ) : null}
              </Stack>
            </Table.Td>
            <Table.Td w={130}>
              <Stack gap={4}>
                <CommitmentStatusBadges status={commitment.status} completionLevel={commitment.completionLevel} />
                <Progress
                  value={commitment.progress}
                  size="sm"
                  aria-label={t('commitments.progressLabel', { progress: commitment.progress })}
                />
              </Stack>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
