import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { Alert, Checkbox, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/dialog.js';
import { FormActions } from '../../components/form-actions.js';
import { DateTimeField } from '../../components/date-field.js';
import { MutationError } from '../../components/states.js';
import {
  ScheduleNextMeetingDocument,
  type ScheduleNextSeriesFragment,
  ScheduleNextSeriesFragmentDoc,
} from '../../graphql/generated.js';
import { errorCode, fieldErrors } from '../../lib/errors.js';
import { fromWallTime } from '../../lib/format.js';
import { durationOf, endFollowingStart, type NextMeetingDraft, nextMeetingDraft } from './next-meeting.js';

/**
 * Plans the next meeting of a series, prefilled from its cadence and its latest meeting; the new meeting opens
 * with the matters arising and, unless unticked, the same participants invited.
 */
export function ScheduleNextModal({
  series,
  opened,
  onClose,
}: {
  series: FragmentType<typeof ScheduleNextSeriesFragmentDoc>;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { data, complete } = useFragment({
    fragment: ScheduleNextSeriesFragmentDoc,
    fragmentName: 'ScheduleNextSeries',
    from: series,
  });
  return (
    <Dialog opened={opened} onClose={onClose} title={t('series.scheduleNext')} size="lg">
      {opened && complete ? <ScheduleNextForm series={data} onClose={onClose} /> : null}
    </Dialog>
  );
}

function ScheduleNextForm({ series, onClose }: { series: ScheduleNextSeriesFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duration = durationOf(series.previous);
  const [draft, setDraft] = useState<NextMeetingDraft>(() => nextMeetingDraft(series));
  // The end follows the start, keeping the last meeting's length, until someone types an end.
  const [endTouched, setEndTouched] = useState(false);
  const [missingStart, setMissingStart] = useState(false);
  const [schedule, { loading, error }] = useMutation(ScheduleNextMeetingDocument);
  const problems = fieldErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const startsAt = fromWallTime(draft.startsAt);
    if (!startsAt) {
      setMissingStart(true);
      return;
    }
    try {
      const result = await schedule({
        variables: {
          input: {
            seriesId: series.id,
            startsAt,
            endsAt: draft.endsAt ? (fromWallTime(draft.endsAt) ?? draft.endsAt) : null,
            location: draft.location.trim() || null,
            copyParticipants: draft.copyParticipants,
          },
        },
      });
      const id = result.data?.scheduleNextMeeting.meeting.id;
      if (id) navigate(`/meetings/${encodeURIComponent(id)}`);
    } catch {
      // Shown beside the fields or above the form.
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="schedule-next-form">
      <Stack gap="sm">
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        {problems.seriesId ? (
          <Alert color="orange" role="alert">
            {problems.seriesId}
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          {series.suggestedNextStartsAt ? t('series.suggestedFromCadence') : t('series.noSuggestion')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateTimeField
            label={t('meetings.fields.startsAt')}
            description={t('forms.phnomPenhTime')}
            value={draft.startsAt}
            onChange={(startsAt) => {
              setMissingStart(false);
              setDraft((d) => ({
                ...d,
                startsAt,
                endsAt: endTouched ? d.endsAt : endFollowingStart(startsAt, duration) || d.endsAt,
              }));
            }}
            error={missingStart ? t('forms.required') : problems.startsAt}
            required
            data-autofocus
            data-testid="next-starts-at"
          />
          <DateTimeField
            label={t('meetings.fields.endsAt')}
            description={t('forms.phnomPenhTime')}
            value={draft.endsAt}
            onChange={(endsAt) => {
              setEndTouched(true);
              setDraft((d) => ({ ...d, endsAt }));
            }}
            error={problems.endsAt}
          />
        </SimpleGrid>
        <TextInput
          label={t('meetings.fields.location')}
          value={draft.location}
          onChange={(event) => {
            const location = event.currentTarget.value;
            setDraft((d) => ({ ...d, location }));
          }}
          error={problems.location}
        />
        <Checkbox
          label={t('series.copyParticipants')}
          description={t('series.copyParticipantsHint')}
          checked={draft.copyParticipants}
          onChange={(event) => {
            const copyParticipants = event.currentTarget.checked;
            setDraft((d) => ({ ...d, copyParticipants }));
          }}
          data-testid="copy-participants"
        />
        <Text size="sm">{t('series.mattersArisingFirst')}</Text>
        <FormActions
          onCancel={onClose}
          busy={loading}
          submitLabel={t('series.schedule')}
          submitIcon={<IconCalendarPlus size={16} aria-hidden />}
        />
      </Stack>
    </form>
  );
}
