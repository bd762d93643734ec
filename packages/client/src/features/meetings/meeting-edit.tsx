import { useMutation } from '@apollo/client/react';
import { Alert, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { FormActions } from '../../components/form-actions.js';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { DateTimeField } from '../../components/date-field.js';
import { ConflictNotice, useMergingDraft } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import {
  type MeetingDetailFragment,
  MeetingKind,
  UpdateMeetingDocument,
  type UpdateMeetingInput,
  Visibility,
} from '../../graphql/generated.js';
import { enumValues } from '../../lib/enums.js';
import {
  checkTexts,
  conflictVersion,
  type FieldErrors,
  fieldErrors,
  hasProblems,
  problemText,
  TEXT_MAX,
} from '../../lib/errors.js';
import { fromWallTime, toWallTime } from '../../lib/format.js';
import { PersonPicker } from '../people/person-picker.js';
import { MeetingSeriesPicker } from '../series/series-picker.js';

/** Meeting kinds as people list them (the schema's order is alphabetical). */
export const meetingKinds = enumValues(MeetingKind, {
  PLENARY: 0,
  TECHNICAL_WORKING_GROUP: 1,
  CONSULTATION: 2,
  BILATERAL: 3,
  OTHER: 4,
});
export const visibilities = enumValues(Visibility);

interface MeetingDraft {
  title: string;
  titleKm: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt: string;
  location: string;
  chairId: string;
  seriesId: string;
  visibility: Visibility;
}

/** The series a meeting belongs to (asked apart from the meeting page's main query). */
export interface SeriesLabel {
  id: string;
  title: string | null;
  titleKm: string | null;
}

function draftOf(m: MeetingDetailFragment, series: SeriesLabel | null): MeetingDraft {
  return {
    title: m.title ?? '',
    titleKm: m.titleKm ?? '',
    kind: m.kind,
    startsAt: toWallTime(m.startsAt),
    endsAt: toWallTime(m.endsAt),
    location: m.location ?? '',
    chairId: m.chair?.id ?? '',
    seriesId: series?.id ?? '',
    visibility: m.visibility,
  };
}

/**
 * What the browser can tell before sending a meeting's details: a title in one language at least, the
 * server's maximum lengths, a start that is a real date and time, and an end not before it.
 */
export function checkMeetingDraft(draft: Pick<MeetingDraft, 'title' | 'titleKm' | 'startsAt' | 'endsAt' | 'location'>) {
  const problems: FieldErrors = checkTexts(
    {
      title: { value: draft.title, max: TEXT_MAX.title },
      titleKm: { value: draft.titleKm, max: TEXT_MAX.titleKm },
      location: { value: draft.location, max: TEXT_MAX.location },
    },
    { either: [['title', 'titleKm']] },
  );
  const startsAt = draft.startsAt ? fromWallTime(draft.startsAt) : null;
  const endsAt = draft.endsAt ? fromWallTime(draft.endsAt) : null;
  if (!draft.startsAt.trim()) problems.startsAt = problemText({ code: 'REQUIRED', params: {} });
  else if (!startsAt) problems.startsAt = problemText({ code: 'INVALID_DATE', params: {} });
  if (draft.endsAt.trim() && !endsAt) problems.endsAt = problemText({ code: 'INVALID_DATE', params: {} });
  else if (startsAt && endsAt && endsAt < startsAt) {
    problems.endsAt = problemText({ code: 'END_BEFORE_START', params: {} });
  }
  return problems;
}

/** Only what this user changed goes to the server, so saving never undoes someone else's edit of another field. */
function changedInput(base: MeetingDraft, draft: MeetingDraft): Omit<UpdateMeetingInput, 'id' | 'version'> {
  const input: Omit<UpdateMeetingInput, 'id' | 'version'> = {};
  const text = (v: string) => v.trim() || null;
  if (base.title !== draft.title) input.title = text(draft.title);
  if (base.titleKm !== draft.titleKm) input.titleKm = text(draft.titleKm);
  if (base.kind !== draft.kind) input.kind = draft.kind;
  if (base.startsAt !== draft.startsAt) input.startsAt = fromWallTime(draft.startsAt) ?? draft.startsAt;
  if (base.endsAt !== draft.endsAt) input.endsAt = draft.endsAt ? (fromWallTime(draft.endsAt) ?? draft.endsAt) : null;
  if (base.location !== draft.location) input.location = text(draft.location);
  if (base.chairId !== draft.chairId) input.chairId = draft.chairId || null;
  if (base.seriesId !== draft.seriesId) input.seriesId = draft.seriesId || null;
  if (base.visibility !== draft.visibility) input.visibility = draft.visibility;
  return input;
}

/**
 * The secretariat changes a meeting's details. Once the minutes are approved only visibility and series may
 * change, so the other fields are locked. On CONFLICT what was typed stays; loading their version takes the
 * other person's values for the fields this user did not touch.
 */
export function MeetingEditModal({
  meeting,
  series,
  opened,
  onClose,
  onReload,
}: {
  meeting: MeetingDetailFragment;
  series: SeriesLabel | null;
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('meetings.editDetails')} size="xl">
      {opened ? <MeetingEditForm meeting={meeting} series={series} onClose={onClose} onReload={onReload} /> : null}
    </Dialog>
  );
}

function MeetingEditForm({
  meeting,
  series: currentSeries,
  onClose,
  onReload,
}: {
  meeting: MeetingDetailFragment;
  series: SeriesLabel | null;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [update, { loading, error, reset }] = useMutation(UpdateMeetingDocument);
  const { draft, setDraft, base, awaitingTheirs, reloadTheirs } = useMergingDraft(
    draftOf(meeting, currentSeries),
    meeting.version,
    onReload,
    reset,
  );
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(error), ...checked };
  const conflict = conflictVersion(error) !== undefined;
  const closed = meeting.status === 'MINUTES_APPROVED' || meeting.status === 'CANCELLED';

  const put = (key: keyof MeetingDraft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const set = (key: keyof MeetingDraft) => (event: { currentTarget: { value: string } }) =>
    put(key)(event.currentTarget.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = closed ? {} : checkMeetingDraft(draft);
    setChecked(found);
    if (hasProblems(found)) return;
    const changes = changedInput(base.current.draft, draft);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    try {
      const result = await update({
        variables: { input: { id: meeting.id, version: base.current.version, ...changes } },
      });
      if (result.data) onClose();
    } catch {
      // Shown beside the fields or as a conflict.
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="meeting-edit-form">
      <Stack gap="sm">
        {closed ? (
          <Alert color="blue" role="note">
            {t('meetings.closedEditHint')}
          </Alert>
        ) : null}
        {conflict ? <ConflictNotice reloading={awaitingTheirs} onReload={reloadTheirs} /> : null}
        {error && !conflict ? (
          <MutationError
            error={error}
            fields={['title', 'titleKm', 'kind', 'visibility', 'startsAt', 'endsAt', 'location', 'chairId', 'seriesId']}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <BilingualTextInputs
            field="title"
            labels={{ en: t('meetings.fields.title'), km: t('meetings.fields.titleKm') }}
            values={draft}
            onChange={(field, value) => put(field)(value)}
            errors={problems}
            disabled={closed}
          />
          <NativeSelect
            label={t('meetings.fields.kind')}
            value={draft.kind}
            onChange={set('kind')}
            data={meetingKinds.map((value) => ({ value, label: t(`meetingKind.${value}`) }))}
            error={problems.kind}
            disabled={closed}
          />
          <NativeSelect
            label={t('meetings.fields.visibility')}
            value={draft.visibility}
            onChange={set('visibility')}
            data={visibilities.map((value) => ({ value, label: t(`visibility.${value}`) }))}
            error={problems.visibility}
          />
          <DateTimeField
            label={t('meetings.fields.startsAt')}
            value={draft.startsAt}
            onChange={put('startsAt')}
            error={problems.startsAt}
            required
            disabled={closed}
          />
          <DateTimeField
            label={t('meetings.fields.endsAt')}
            value={draft.endsAt}
            onChange={put('endsAt')}
            error={problems.endsAt}
            disabled={closed}
          />
          <TextInput
            label={t('meetings.fields.location')}
            value={draft.location}
            onChange={set('location')}
            error={problems.location}
            disabled={closed}
          />
          <PersonPicker
            label={t('meetings.fields.chair')}
            value={draft.chairId || null}
            onChange={(id) => put('chairId')(id ?? '')}
            selected={meeting.chair ? { ...meeting.chair, organization: null } : null}
            error={problems.chairId}
            disabled={closed}
            placeholder={t('forms.none')}
            clearable
          />
          <MeetingSeriesPicker
            label={t('meetings.fields.series')}
            value={draft.seriesId || null}
            onChange={(id) => put('seriesId')(id ?? '')}
            selected={currentSeries}
            error={problems.seriesId}
            placeholder={t('forms.none')}
            clearable
          />
        </SimpleGrid>
        <FormActions onCancel={onClose} busy={loading} submitDisabled={conflict} />
      </Stack>
    </form>
  );
}
