import { useQuery } from '@apollo/client/react';
import {
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconDownload, IconLock, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PeriodStatusBadge } from '../components/badges.js';
import { DateField } from '../components/date-field.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { DateText, DateTimeText, Local, useLocalText } from '../components/text.js';
import { CommitmentList } from '../features/commitments/commitment-list.js';
import { CompletionScale } from '../features/commitments/completion-scale.js';
import { ClosePeriodModal, CreatePeriodModal } from '../features/reports/period-forms.js';
import { ReportingPeriodPicker } from '../features/reports/period-picker.js';
import { ReportChart, type ReportGroup, type ReportMeasure } from '../features/reports/report-chart.js';
import {
  changeOfParams,
  defaultRange,
  groupingOfParams,
  type RangeProblem,
  type ReportSelection,
  rangeProblems,
  reportExportUrl,
  reportFigures,
  reportGroupings,
  selectionOfParams,
} from '../features/reports/report-range.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  PeriodReportCommitmentsDocument,
  type ProgressChange,
  type ProgressReportFieldsFragment,
  RangeReportCommitmentsDocument,
  type ReportingPeriodFieldsFragment,
  ReportsPageDocument,
  type StatsGroupBy,
} from '../graphql/generated.js';
import { dayInPhnomPenh } from '../lib/format.js';
import { useDigits } from '../features/plans/digits.js';

/**
 * What changed over a reporting period or a range of days: the figures (each opens its commitments), progress
 * per group at the start and at the end, and the XLSX download. The choice lives in the address.
 */
/** The page query's variables: which one of the newest period, a chosen period or a range it reads. */
function pageVariables(asked: ReportSelection | null, groupBy: StatsGroupBy) {
  // A skipped part still needs well-formed variables: today stands in for an unused range.
  const today = dayInPhnomPenh();
  return {
    groupBy,
    byNewest: asked === null,
    byPeriod: asked?.kind === 'period',
    periodId: asked?.kind === 'period' ? asked.periodId : '',
    byRange: asked?.kind === 'range',
    from: asked?.kind === 'range' ? asked.from : today,
    to: asked?.kind === 'range' ? asked.to : today,
  };
}

export function ReportsPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const local = useLocalText();
  const digits = useDigits();
  const [params, update] = useFilterParams();
  const [dialog, setDialog] = useState<'create' | 'close' | null>(null);
  const groupBy = groupingOfParams(params);
  const chosen = selectionOfParams(params);
  // Until someone chooses: the newest period if there is one (read in the same request), else the year so far.
  const [noPeriods, setNoPeriods] = useState(false);
  const asked: ReportSelection | null =
    chosen ?? (noPeriods ? { kind: 'range', ...defaultRange(dayInPhnomPenh()) } : null);
  const page = useQuery(ReportsPageDocument, { variables: pageVariables(asked, groupBy) });
  const newestPeriodId = page.data?.reportingPeriods.nodes[0]?.id ?? null;
  const newest = page.data?.newest?.nodes[0] ?? null;
  useEffect(() => {
    if (page.data?.newest && page.data.newest.nodes.length === 0) setNoPeriods(true);
  }, [page.data]);
  const change = changeOfParams(params);
  const measure: ReportMeasure = params.get('measure') === 'high' ? 'highCompletion' : 'progress';
  const selection: ReportSelection | null = asked ?? (newest ? { kind: 'period', periodId: newest.id } : null);
  const period =
    asked?.kind === 'period' ? (page.data?.node?.__typename === 'ReportingPeriod' ? page.data.node : null) : newest;
  const report: ProgressReportFieldsFragment | null =
    selection?.kind === 'period' ? (period?.report ?? null) : (page.data?.progressReport ?? null);

  const choosePeriod = (id: string) => update({ period: id, from: null, to: null, change: null });
  const chooseRange = (from: string, to: string) => update({ period: null, from, to, change: null });

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        actions={
          <>
            {selection ? (
              <Button
                component="a"
                href={reportExportUrl(selection, groupBy)}
                download
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="report-xlsx"
              >
                {t('reports.downloadXlsx')}
              </Button>
            ) : null}
            {staff && period && !period.closedAt ? (
              <Button
                variant="default"
                leftSection={<IconLock size={16} aria-hidden />}
                onClick={() => setDialog('close')}
                data-testid="close-period"
              >
                {t('reports.closePeriod')}
              </Button>
            ) : null}
            {staff ? (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setDialog('create')}
                data-testid="new-period"
              >
                {t('reports.newPeriod')}
              </Button>
            ) : null}
          </>
        }
      >
        <Text c="dimmed" size="sm">
          {t('reports.intro')}
        </Text>
      </PageHeader>
      {staff ? (
        <CreatePeriodModal
          opened={dialog === 'create'}
          onClose={() => setDialog(null)}
          onCreated={(created) => choosePeriod(created.id)}
        />
      ) : null}
      {staff && period ? (
        <ClosePeriodModal period={period} opened={dialog === 'close'} onClose={() => setDialog(null)} />
      ) : null}
      {page.error && !page.data ? <ErrorState error={page.error} onRetry={() => void page.refetch()} /> : null}
      {selection ? (
        <ReportControls
          selection={selection}
          period={period}
          newestPeriodId={newestPeriodId}
          groupBy={groupBy}
          measure={measure}
          onPeriod={choosePeriod}
          onRange={chooseRange}
          onGroupBy={(value) => update({ groupBy: value === 'ORGANIZATION' ? null : value })}
          onMeasure={(value) => update({ measure: value === 'highCompletion' ? 'high' : null })}
        />
      ) : null}
      {page.loading && !report ? <LoadingState /> : null}
      {asked?.kind === 'period' && page.data && !page.loading && !period ? (
        <EmptyState title={t('reports.periodNotFound')} />
      ) : null}
      {report && selection ? (
        <Stack gap="lg">
          <Group gap="xs" data-testid="report-range">
            {period ? (
              <Text fw={600}>
                <Local en={period.title} km={period.titleKm} />
              </Text>
            ) : null}
            <Text c="dimmed" size="sm">
              <DateText value={report.from} /> – <DateText value={report.to} />
            </Text>
            {period ? <PeriodStatusBadge closed={!!period.closedAt} /> : null}
            {period?.closedAt ? (
              <Text size="xs" c="dimmed">
                {t('reports.frozenSince')} <DateTimeText value={period.closedAt} />
              </Text>
            ) : (
              <Text size="xs" c="dimmed">
                {t('reports.live')}
              </Text>
            )}
          </Group>
          <section aria-labelledby="figures-heading">
            <Title order={2} size="h4" id="figures-heading" mb="xs">
              {t('reports.figuresTitle')}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
              {reportFigures.map((figure) => (
                <UnstyledButton
                  key={figure.change}
                  className="figure-button"
                  aria-pressed={change === figure.change}
                  onClick={() => update({ change: change === figure.change ? null : figure.change })}
                  data-testid={`figure-${figure.change}`}
                >
                  <Text fw={700} size="xl" lh={1.2} data-testid="figure-value">
                    {report[figure.field]}
                  </Text>
                  <Text size="sm" fw={500}>
                    {t(`reports.figures.${figure.field}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`reports.figureHints.${figure.field}`)}
                  </Text>
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </section>
          {change ? (
            <ReportCommitments
              selection={selection}
              change={change}
              title={t(`reports.figures.${reportFigures.find((f) => f.change === change)?.field ?? 'created'}`)}
            />
          ) : null}
          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="groups-heading">
            <Group justify="space-between" mb="sm" align="flex-start">
              <Title order={2} size="h4" id="groups-heading">
                {t(`reports.groupedBy.${groupBy}`)}
              </Title>
              <Text size="xs" c="dimmed" maw={420}>
                {measure === 'progress' ? t('reports.chart.progressHint') : t('reports.chart.highHint')}
              </Text>
            </Group>
            {report.groups.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('reports.noGroups')}
              </Text>
            ) : (
              <ReportChart
                groups={report.groups}
                measure={measure}
                caption={`${t(`reports.groupedBy.${groupBy}`)} · ${
                  period ? local(period.title, period.titleKm) : `${report.from} – ${report.to}`
                }`}
                labelFor={
                  groupBy === 'GCM_OBJECTIVE'
                    ? (group: ReportGroup) => (
                        <>
                          {t('gcm.objective', { number: digits(group.key) })}{' '}
                          <Local en={group.label} km={group.labelKm} fallback="" />
                        </>
                      )
                    : undefined
                }
              />
            )}
            {measure === 'highCompletion' ? (
              <Paper bg="gray.0" p="sm" mt="md" radius="sm">
                <CompletionScale />
              </Paper>
            ) : null}
          </Card>
        </Stack>
      ) : null}
    </>
  );
}

function ReportControls({
  selection,
  period,
  newestPeriodId,
  groupBy,
  measure,
  onPeriod,
  onRange,
  onGroupBy,
  onMeasure,
}: {
  selection: ReportSelection;
  /** The period shown, if one is. */
  period: ReportingPeriodFieldsFragment | null;
  /** The newest period, chosen on switching to periods; none when there is no period yet. */
  newestPeriodId: string | null;
  groupBy: StatsGroupBy;
  measure: ReportMeasure;
  onPeriod: (id: string) => void;
  onRange: (from: string, to: string) => void;
  onGroupBy: (value: StatsGroupBy) => void;
  onMeasure: (value: ReportMeasure) => void;
}) {
  const { t } = useTranslation();
  const fallback = defaultRange(dayInPhnomPenh());
  const [range, setRange] = useState(
    selection.kind === 'range' ? { from: selection.from, to: selection.to } : fallback,
  );
  // The range in the address wins (back button, shared link); typing shows problems until the range is whole.
  const addressFrom = selection.kind === 'range' ? selection.from : null;
  const addressTo = selection.kind === 'range' ? selection.to : null;
  useEffect(() => {
    if (addressFrom && addressTo) setRange({ from: addressFrom, to: addressTo });
  }, [addressFrom, addressTo]);
  const problems = rangeProblems(range.from, range.to);
  const describe = (problem: RangeProblem | undefined) =>
    problem === 'required'
      ? t('forms.required')
      : problem === 'invalid'
        ? t('dueDates.invalidDate')
        : problem === 'beforeStart'
          ? t('reports.endBeforeStart')
          : undefined;
  const changeRange = (next: { from: string; to: string }) => {
    setRange(next);
    if (Object.keys(rangeProblems(next.from, next.to)).length === 0) onRange(next.from, next.to);
  };

  return (
    <Paper
      withBorder
      p="md"
      mb="lg"
      component="form"
      aria-label={t('reports.settings')}
      onSubmit={(e) => e.preventDefault()}
    >
      <Group align="flex-end" gap="md">
        <SegmentedControl
          aria-label={t('reports.what')}
          value={selection.kind}
          onChange={(value) => {
            if (value === 'period' && newestPeriodId) onPeriod(newestPeriodId);
            if (value === 'range') onRange(range.from, range.to);
          }}
          data={[
            { value: 'period', label: t('reports.byPeriod'), disabled: !newestPeriodId },
            { value: 'range', label: t('reports.byRange') },
          ]}
        />
        {selection.kind === 'period' ? (
          <ReportingPeriodPicker
            label={t('reports.period')}
            value={selection.periodId}
            onChange={(id) => {
              if (id) onPeriod(id);
            }}
            selected={period}
            w={260}
            data-testid="period-select"
          />
        ) : (
          <>
            <DateField
              label={t('reports.from')}
              value={range.from}
              onChange={(value) => changeRange({ ...range, from: value })}
              // A date still being typed is the field's own to flag, once it loses focus.
              error={problems.from === 'invalid' ? undefined : describe(problems.from)}
              data-testid="report-from"
            />
            <DateField
              label={t('reports.to')}
              value={range.to}
              onChange={(value) => changeRange({ ...range, to: value })}
              // A date still being typed is the field's own to flag, once it loses focus.
              error={problems.to === 'invalid' ? undefined : describe(problems.to)}
              data-testid="report-to"
            />
          </>
        )}
        <NativeSelect
          label={t('reports.groupBy')}
          value={groupBy}
          onChange={(event) => onGroupBy(event.currentTarget.value as StatsGroupBy)}
          data={reportGroupings.map((value) => ({ value, label: t(`reports.grouping.${value}`) }))}
          w={200}
        />
        <SegmentedControl
          aria-label={t('reports.chart.measure')}
          value={measure}
          onChange={(value) => onMeasure(value as ReportMeasure)}
          data={[
            { value: 'progress', label: t('reports.chart.averageProgress') },
            { value: 'highCompletion', label: t('reports.chart.highCompletion') },
          ]}
        />
      </Group>
    </Paper>
  );
}

/** The commitments behind one figure, 25 a page. */
function ReportCommitments({
  selection,
  change,
  title,
}: {
  selection: ReportSelection;
  change: ProgressChange;
  title: string;
}) {
  const { t } = useTranslation();
  const [params] = useFilterParams();
  const after = params.get('after');
  const byPeriod = useQuery(PeriodReportCommitmentsDocument, {
    variables: { id: selection.kind === 'period' ? selection.periodId : '', change, after },
    skip: selection.kind !== 'period',
  });
  const byRange = useQuery(RangeReportCommitmentsDocument, {
    variables: {
      from: selection.kind === 'range' ? selection.from : '',
      to: selection.kind === 'range' ? selection.to : '',
      change,
      after,
    },
    skip: selection.kind !== 'range',
  });
  const query = selection.kind === 'period' ? byPeriod : byRange;
  const connection =
    selection.kind === 'period'
      ? byPeriod.data?.node?.__typename === 'ReportingPeriod'
        ? byPeriod.data.node.report.commitments
        : null
      : (byRange.data?.progressReport.commitments ?? null);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="report-commitments-heading">
      <Title order={2} size="h4" id="report-commitments-heading" mb="sm">
        {t('reports.commitmentsBehind', { figure: title })}
      </Title>
      {query.loading && !query.data ? <LoadingState /> : null}
      {query.error && !query.data ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {connection && connection.nodes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.noCommitments')}
        </Text>
      ) : null}
      {connection && connection.nodes.length > 0 ? (
        <div data-testid="report-commitments">
          <CommitmentList commitments={connection.nodes} />
          <Pager connection={connection} forwardOnly />
        </div>
      ) : null}
    </Card>
  );
}
