import { Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { commitmentStatuses, statusFill } from '../../components/badges.js';
import { Local } from '../../components/text.js';
import type { StatsGroupFieldsFragment } from '../../graphql/generated.js';

/**
 * Commitments per group as horizontal bars split by status, with the numbers written out beside them,
 * so the chart reads the same to a screen reader as to the eye.
 */
export function StatsChart({
  groups,
  caption,
  labelFor,
  withHighCompletion = false,
}: {
  groups: readonly StatsGroupFieldsFragment[];
  caption: string;
  labelFor?: (group: StatsGroupFieldsFragment) => React.ReactNode;
  /** Also say how many reached high completion on the OGP IRM scale (substantial or complete). */
  withHighCompletion?: boolean;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...groups.map((g) => g.total));
  return (
    <Box component="figure" m={0}>
      <Text component="figcaption" className="visually-hidden">
        {caption}
      </Text>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {groups.map((group) => (
          <li key={group.key}>
            <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
              <Text size="sm" fw={500} lineClamp={2}>
                {labelFor ? labelFor(group) : <Local en={group.label} km={group.labelKm} fallback={group.key} />}
              </Text>
              <Text size="xs" c="dimmed" ta="right" style={{ whiteSpace: 'nowrap' }}>
                {t('dashboard.groupSummary', {
                  total: group.total,
                  progress: Math.round(group.averageProgress),
                  overdue: group.overdue,
                })}
                {withHighCompletion ? (
                  <>
                    <br />
                    {t('dashboard.groupHighCompletion', { count: group.highCompletion })}
                  </>
                ) : null}
              </Text>
            </Group>
            <Progress.Root size={14} style={{ width: `${Math.max(8, (group.total / max) * 100)}%` }} aria-hidden>
              {commitmentStatuses.map((status) => {
                const count = group.byStatus.find((s) => s.status === status)?.count ?? 0;
                if (count === 0) return null;
                return (
                  <Tooltip key={status} label={`${t(`commitmentStatus.${status}`)}: ${count}`} withArrow>
                    <Progress.Section value={(count / group.total) * 100} color={statusFill[status]} />
                  </Tooltip>
                );
              })}
            </Progress.Root>
          </li>
        ))}
      </Stack>
      <Group gap="md" mt="sm" aria-hidden>
        {commitmentStatuses.map((status) => (
          <Group key={status} gap={4} wrap="nowrap">
            <Box w={10} h={10} style={{ background: statusFill[status], borderRadius: 2 }} />
            <Text size="xs">{t(`commitmentStatus.${status}`)}</Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}
