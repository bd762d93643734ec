import { Box, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { commitmentStatuses, statusFill, Tag } from '../../components/badges.js';
import { Local } from '../../components/text.js';
import type { StatsGroupFieldsFragment } from '../../graphql/generated.js';
import { useDigits } from '../plans/digits.js';

/** The key of the group of commitments linked to no plan goal (or no GCM objective). */
export const UNLINKED = 'UNLINKED';

/**
 * Commitments per group as horizontal bars split by status, with the numbers written out beside them,
 * so the chart reads the same to a screen reader as to the eye.
 */
export function StatsChart({
  groups,
  caption,
  labelFor,
  withHighCompletion = false,
  unlinkedLabel,
}: {
  groups: readonly StatsGroupFieldsFragment[];
  caption: string;
  labelFor?: (group: StatsGroupFieldsFragment) => React.ReactNode;
  /** Also say how many reached high completion on the OGP IRM scale (substantial or complete). */
  withHighCompletion?: boolean;
  /** What the UNLINKED group (commitments linked to no goal or objective) is called; it is shown last, marked. */
  unlinkedLabel?: string;
}) {
  const { t } = useTranslation();
  const digits = useDigits();
  const max = Math.max(1, ...groups.map((g) => g.total));
  // The gap shows as its own bar at the end, never mixed in with the goals.
  const ordered = [
    ...groups.filter((g) => g.key !== UNLINKED),
    ...groups.filter((g) => g.key === UNLINKED && g.total > 0),
  ];
  return (
    <Box component="figure" m={0}>
      <Text component="figcaption" className="visually-hidden">
        {caption}
      </Text>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {ordered.map((group) => (
          <li key={group.key} data-testid="stats-group" data-key={group.key}>
            {/* Side by side where there is room; on a phone the numbers go under the label. */}
            <Group justify="space-between" gap={4} wrap="wrap" mb={4} align="flex-start">
              <Text size="sm" fw={500} lineClamp={2} style={{ flex: '1 1 12rem' }}>
                {group.key === UNLINKED ? (
                  <Tag tone="orange" data-testid="stats-unlinked">
                    {unlinkedLabel ?? <Local en={group.label} km={group.labelKm} fallback={group.key} />}
                  </Tag>
                ) : labelFor ? (
                  labelFor(group)
                ) : (
                  <Local en={group.label} km={group.labelKm} fallback={group.key} />
                )}
              </Text>
              <Text size="xs" c="dimmed" ta="right" style={{ whiteSpace: 'nowrap' }}>
                {t('dashboard.groupSummary', {
                  total: digits(group.total),
                  progress: digits(Math.round(group.averageProgress)),
                  overdue: digits(group.overdue),
                })}
                {withHighCompletion ? (
                  <>
                    <br />
                    {t('dashboard.groupHighCompletion', { count: digits(group.highCompletion) })}
                  </>
                ) : null}
              </Text>
            </Group>
            <Progress.Root size={14} style={{ width: `${Math.max(8, (group.total / max) * 100)}%` }} aria-hidden>
              {commitmentStatuses.map((status) => {
                const count = group.byStatus.find((s) => s.status === status)?.count ?? 0;
                if (count === 0) return null;
                return (
                  <Tooltip key={status} label={`${t(`commitmentStatus.${status}`)}: ${digits(count)}`} withArrow>
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

/** Commitments by plan goal, with how many reached high completion; those linked to no goal come last. */
export function PlanGoalChart({ caption, groups }: { caption: string; groups: readonly StatsGroupFieldsFragment[] }) {
  const { t } = useTranslation();
  return <StatsChart caption={caption} groups={groups} withHighCompletion unlinkedLabel={t('plan.unlinked')} />;
}

/** Commitments by GCM objective, each named by its number and title, with how many reached high completion. */
export function GcmObjectiveChart({
  caption,
  groups,
}: {
  caption: string;
  groups: readonly StatsGroupFieldsFragment[];
}) {
  const { t } = useTranslation();
  const digits = useDigits();
  return (
    <StatsChart
      caption={caption}
      groups={groups}
      withHighCompletion
      unlinkedLabel={t('plan.unlinkedGcm')}
      labelFor={(group) => (
        <>
          {t('gcm.objective', { number: digits(group.key) })} <Local en={group.label} km={group.labelKm} fallback="" />
        </>
      )}
    />
  );
}
