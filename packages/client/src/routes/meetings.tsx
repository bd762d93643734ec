import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import {
  IconCalendarDown,
  IconCalendarMonth,
  IconChevronLeft,
  IconChevronRight,
  IconList,
  IconPlus,
  IconRepeat,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { MeetingStatusBadge, meetingStatuses, VisibilityBadge } from '../components/badges.js';
import { ChoicesFilter, FilterBar, SearchFilter, useChoices, ViewSwitch } from '../components/filter-bar.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams, usePageWindow } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { DateTimeText, Local, OrganizationName, useLanguage } from '../components/text.js';
import { OrganizationPicker } from '../features/organizations/organization-picker.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { type MeetingFilter, type MeetingSummaryFragment, MeetingsDocument } from '../graphql/generated.js';
import { dayInPhnomPenh, formatMonth, formatTime, khmerDigits, monthOf, weekdayNames } from '../lib/format.js';
import { MeetingLink } from '../features/meetings/meeting-link.js';

const PAGE_SIZE = 20;

function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [params, update] = useFilterParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : monthOf();
  const status = useChoices('status', meetingStatuses);
  const organizer = params.get('organizer');
  const search = params.get('search') ?? '';
  const direction = params.get('dir') === 'asc' ? 'ASC' : 'DESC';
  const pageWindow = usePageWindow(PAGE_SIZE);

  const filter: MeetingFilter = {
    status: status.length ? status : null,
    organizerId: organizer,
    search: search || null,
  };
  if (view === 'calendar') {
    // The whole month as seen in Phnom Penh, with a week's margin for the grid's edges.
    const week = 7 * 86_400_000;
    filter.from = new Date(new Date(`${month}-01T00:00:00+07:00`).getTime() - week).toISOString();
    filter.to = new Date(new Date(`${shiftMonth(month, 1)}-01T00:00:00+07:00`).getTime() + week).toISOString();
  }
  const { data, loading, error, refetch } = useQuery(MeetingsDocument, {
    variables:
      view === 'calendar'
        ? { first: 100, filter, orderBy: { field: 'STARTS_AT', direction: 'ASC' } }
        : { ...pageWindow, filter, orderBy: { field: 'STARTS_AT', direction } },
  });

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/series" variant="default" leftSection={<IconRepeat size={16} aria-hidden />}>
              {t('series.title')}
            </Button>
            <Button
              component="a"
              href="/exports/meetings.ics"
              variant="default"
              leftSection={<IconCalendarDown size={16} aria-hidden />}
              title={t('meetings.exportCalendarHint')}
            >
              {t('meetings.exportCalendar')}
            </Button>
            {isStaff(viewer) ? (
              <Button component={Link} to="/meetings/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('meetings.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <FilterBar>
        <SearchFilter w={240} />
        <ChoicesFilter
          label={t('meetings.fields.status')}
          param="status"
          values={meetingStatuses}
          labelOf={(value) => t(`meetingStatus.${value}`)}
        />
        <OrganizationPicker
          label={t('meetings.fields.organizer')}
          value={organizer || null}
          onChange={(value) => update({ organizer: value })}
          placeholder={t('filters.any')}
          clearable
          w={260}
        />
        <ViewSwitch
          label={t('meetings.view')}
          options={[
            { value: 'list', label: t('meetings.list'), icon: <IconList size={16} aria-hidden /> },
            { value: 'calendar', label: t('meetings.calendar'), icon: <IconCalendarMonth size={16} aria-hidden /> },
          ]}
        />
      </FilterBar>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && view === 'list' ? (
        data.meetings.nodes.length === 0 ? (
          <EmptyState title={t('meetings.empty')} description={t('filters.emptyHint')} />
        ) : (
          <>
            <ListTable
              minWidth={720}
              highlightOnHover
              head={
                <>
                  <Table.Th aria-sort={direction === 'ASC' ? 'ascending' : 'descending'}>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => update({ dir: direction === 'ASC' ? null : 'asc' })}
                    >
                      {t('meetings.fields.startsAt')} {direction === 'ASC' ? '↑' : '↓'}
                    </Button>
                  </Table.Th>
                  <Table.Th>{t('meetings.fields.title')}</Table.Th>
                  <Table.Th>{t('meetings.fields.organizer')}</Table.Th>
                  <Table.Th>{t('meetings.fields.status')}</Table.Th>
                  <Table.Th>{t('meetings.fields.visibility')}</Table.Th>
                </>
              }
            >
              {data.meetings.nodes.map((meeting) => (
                <Table.Tr key={meeting.id} data-testid="meeting-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <DateTimeText value={meeting.startsAt} />
                  </Table.Td>
                  <Table.Td>
                    <MeetingLink meeting={meeting} fw={500} />
                    <Text size="xs" c="dimmed">
                      {t(`meetingKind.${meeting.kind}`)}
                      {meeting.location ? ` · ${meeting.location}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <OrganizationName organization={meeting.organizer} />
                  </Table.Td>
                  <Table.Td>
                    <MeetingStatusBadge status={meeting.status} />
                  </Table.Td>
                  <Table.Td>
                    <VisibilityBadge visibility={meeting.visibility} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            <Pager connection={data.meetings} />
          </>
        )
      ) : null}
      {data && view === 'calendar' ? (
        <MonthCalendar
          month={month}
          meetings={data.meetings.nodes}
          onMonth={(next) => update({ month: next === monthOf() ? null : next })}
        />
      ) : null}
    </>
  );
}

/** A month grid (weeks start on Monday); each day lists its meetings in Phnom Penh time. */
function MonthCalendar({
  month,
  meetings,
  onMonth,
}: {
  month: string;
  meetings: readonly MeetingSummaryFragment[];
  onMonth: (month: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const first = new Date(`${month}-01T00:00:00Z`);
  const offset = (first.getUTCDay() + 6) % 7;
  const start = new Date(first.getTime() - offset * 86_400_000);
  const days = Array.from({ length: 42 }, (_, i) =>
    new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
  );
  const weeks = days.slice(35).every((d) => !d.startsWith(month)) ? days.slice(0, 35) : days;
  const today = dayInPhnomPenh();
  const byDay = new Map<string, MeetingSummaryFragment[]>();
  for (const meeting of meetings) {
    const day = dayInPhnomPenh(meeting.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), meeting]);
  }
  const weekdays = weekdayNames(language);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} aria-hidden />}
          onClick={() => onMonth(shiftMonth(month, -1))}
        >
          {t('meetings.previousMonth')}
        </Button>
        <Text fw={600} component="h2" size="lg" aria-live="polite">
          {formatMonth(month, language)}
        </Text>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} aria-hidden />}
          onClick={() => onMonth(shiftMonth(month, 1))}
        >
          {t('meetings.nextMonth')}
        </Button>
      </Group>
      <div className="calendar-grid">
        {weekdays.map((name) => (
          <div className="calendar-head" key={name} aria-hidden>
            {name}
          </div>
        ))}
        {weeks.map((day) => {
          const list = byDay.get(day) ?? [];
          return (
            <div key={day} className={day.startsWith(month) ? undefined : 'calendar-outside'}>
              <Text size="xs" fw={day === today ? 700 : 400} c={day === today ? 'ncct.8' : undefined}>
                {language === 'km' ? khmerDigits(String(Number(day.slice(8)))) : Number(day.slice(8))}
              </Text>
              <Stack gap={2}>
                {list.map((meeting) => (
                  <Anchor
                    key={meeting.id}
                    component={Link}
                    to={`/meetings/${encodeURIComponent(meeting.id)}`}
                    size="xs"
                    lineClamp={2}
                  >
                    {formatTime(meeting.startsAt, language)} <Local en={meeting.title} km={meeting.titleKm} />
                  </Anchor>
                ))}
              </Stack>
            </div>
          );
        })}
      </div>
    </Stack>
  );
}
