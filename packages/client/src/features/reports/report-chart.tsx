import { Box, Group, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Local, useLanguage } from '../../components/text.js';
import type { ProgressReportFieldsFragment } from '../../graphql/generated.js';
import { highCompletionShare } from '../commitments/due-dates.js';
import { formatNumber, formatPercent } from '../../lib/format.js';

export type ReportGroup = ProgressReportFieldsFragment['groups'][number];
export type ReportMeasure = 'progress' | 'highCompletion';

const START = '#adb5bd';
const END = '#1c7ed6';

/**
 * Each group at the start and at the end of the range, as two bars (average progress, or the share at high
 * completion on the OGP IRM scale), with the numbers written out beside them for screen readers.
 */
export function ReportChart({
  groups,
  measure,
  caption,
  labelFor,
}: {
  groups: readonly ReportGroup[];
  measure: ReportMeasure;
  caption: string;
  labelFor?: (group: ReportGroup) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Box component="figure" m={0} data-testid="report-chart">
      <Text component="figcaption" className="visually-hidden">
        {caption}
      </Text>
      <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {groups.map((group) => {
          const start = group.atStart;
          const end = group.atEnd;
          const startShare = start ? highCompletionShare(start) : null;
          const endShare = highCompletionShare(end);
          const startValue =
            measure === 'progress' ? Math.round(start?.averageProgress ?? 0) : (startShare?.percent ?? 0);
          const endValue = measure === 'progress' ? Math.round(end.averageProgress) : (endShare.percent ?? 0);
          return (
            <li key={group.key} data-testid="report-group">
              <Group justify="space-between" gap="xs" wrap="nowrap" mb={4} align="flex-start">
                <Text size="sm" fw={500} lineClamp={2}>
                  {labelFor ? labelFor(group) : <Local en={group.label} km={group.labelKm} fallback={group.key} />}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {measure === 'progress'
                    ? t('reports.chart.progressSummary', {
                        start: start ? formatPercent(start.averageProgress, language) : '—',
                        end: formatPercent(end.averageProgress, language),
                        delta: `${group.progressDelta >= 0 ? '+' : ''}${formatNumber(Math.round(group.progressDelta * 10) / 10, language)}`,
                        total: end.total,
                      })
                    : t('reports.chart.highSummary', {
                        start: startShare ? startShare.count : '—',
                        end: endShare.count,
                        of: endShare.of,
                      })}
                </Text>
              </Group>
              <Stack gap={3} aria-hidden>
                <Progress value={startValue} color={START} size={8} />
                <Progress value={endValue} color={END} size={12} />
              </Stack>
            </li>
          );
        })}
      </Stack>
      <Group gap="md" mt="sm" aria-hidden>
        <Group gap={4} wrap="nowrap">
          <Box w={10} h={10} style={{ background: START, borderRadius: 2 }} />
          <Text size="xs">{t('reports.chart.atStart')}</Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Box w={10} h={10} style={{ background: END, borderRadius: 2 }} />
          <Text size="xs">{t('reports.chart.atEnd')}</Text>
        </Group>
      </Group>
    </Box>
  );
}
