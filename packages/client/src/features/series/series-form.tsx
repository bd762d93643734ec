import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { FormActions } from '../../components/form-actions.js';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { MutationError } from '../../components/states.js';
import {
  CreateMeetingSeriesDocument,
  type SeriesFieldsFragment,
  SeriesFieldsFragmentDoc,
  UpdateMeetingSeriesDocument,
  type UpdateMeetingSeriesInput,
} from '../../graphql/generated.js';
import { errorCode, fieldErrors } from '../../lib/errors.js';
import { useOrganizationLabel } from '../organizations/organization-label.js';
import { OrganizationPicker } from '../organizations/organization-picker.js';
import {
  type CadenceChoice,
  cadenceChoiceOf,
  cadenceOfChoice,
  cadencePresets,
  otherCadenceProblem,
} from './cadence.js';

interface SeriesDraft {
  title: string;
  titleKm: string;
  organizerId: string;
  cadence: CadenceChoice;
  otherCadence: string;
}

function draftOf(series: SeriesFieldsFragment | null | undefined): SeriesDraft {
  const cadence = cadenceChoiceOf(series?.cadence);
  return {
    title: series?.title ?? '',
    titleKm: series?.titleKm ?? '',
    organizerId: series?.organizer?.id ?? '',
    cadence,
    otherCadence: cadence === 'other' ? (series?.cadence ?? '') : '',
  };
}

/** "Quarterly", "Every 2 months"… or the RRULE itself when it is none of the presets. */
export function useCadenceLabel(): (cadence: string | null | undefined) => string {
  const { t } = useTranslation();
  return (cadence) => {
    const choice = cadenceChoiceOf(cadence);
    if (choice === 'none') return t('series.cadence.none');
    if (choice === 'other') return t('series.cadence.custom', { rule: cadence });
    return t(`series.cadence.${choice}`);
  };
}

/** Starts or changes a series of meetings: bilingual title, organiser and how often it meets. */
export function SeriesFormModal({
  series,
  opened,
  onClose,
  onSaved,
}: {
  series?: FragmentType<typeof SeriesFieldsFragmentDoc> | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (series: { id: string }) => void;
}) {
  const { t } = useTranslation();
  const { data, complete } = useFragment({
    fragment: SeriesFieldsFragmentDoc,
    fragmentName: 'SeriesFields',
    from: series ?? null,
  });
  const fields = series && complete ? data : null;
  return (
    <Dialog opened={opened} onClose={onClose} title={series ? t('series.edit') : t('series.new')} size="lg">
      {opened && (!series || fields) ? <SeriesForm series={fields} onClose={onClose} onSaved={onSaved} /> : null}
    </Dialog>
  );
}

function SeriesForm({
  series,
  onClose,
  onSaved,
}: {
  series?: SeriesFieldsFragment | null;
  onClose: () => void;
  onSaved?: (series: { id: string }) => void;
}) {
  const { t } = useTranslation();
  const [base] = useState(() => draftOf(series));
  const organizer = useOrganizationLabel(series?.organizer);
  const [draft, setDraft] = useState(base);
  const [checked, setChecked] = useState(false);
  const [create, created] = useMutation(CreateMeetingSeriesDocument);
  const [update, updated] = useMutation(UpdateMeetingSeriesDocument);
  const error = created.error ?? updated.error;
  const problems = fieldErrors(error);
  const otherProblem = draft.cadence === 'other' ? otherCadenceProblem(draft.otherCadence) : undefined;
  const put = (key: keyof SeriesDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const set = (key: keyof SeriesDraft) => (event: { currentTarget: { value: string } }) =>
    put(key, event.currentTarget.value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (otherProblem) return;
    const cadence = cadenceOfChoice(draft.cadence, draft.otherCadence);
    const text = (value: string) => value.trim() || null;
    try {
      if (series) {
        // Only what changed, so a colleague's edit of another field is not undone.
        const input: UpdateMeetingSeriesInput = { id: series.id };
        if (draft.title !== base.title) input.title = text(draft.title);
        if (draft.titleKm !== base.titleKm) input.titleKm = text(draft.titleKm);
        if (draft.organizerId !== base.organizerId) input.organizerId = draft.organizerId || null;
        if (cadence !== cadenceOfChoice(base.cadence, base.otherCadence)) input.cadence = cadence;
        if (Object.keys(input).length === 1) {
          onClose();
          return;
        }
        const result = await update({ variables: { input } });
        if (result.data) onSaved?.(result.data.updateMeetingSeries.series);
      } else {
        const result = await create({
          variables: {
            input: {
              title: text(draft.title),
              titleKm: text(draft.titleKm),
              organizerId: draft.organizerId || null,
              cadence,
            },
          },
        });
        if (result.data) onSaved?.(result.data.createMeetingSeries.series);
      }
      onClose();
    } catch {
      // Shown beside the fields or above the form.
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="series-form">
      <Stack gap="sm">
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <BilingualTextInputs
            field="title"
            labels={{ en: t('series.fields.title'), km: t('series.fields.titleKm') }}
            values={draft}
            onChange={put}
            errors={problems}
            autoFocus
          />
          <OrganizationPicker
            label={t('series.fields.organizer')}
            description={t('series.fields.organizerHint')}
            value={draft.organizerId || null}
            onChange={(id) => setDraft((d) => ({ ...d, organizerId: id ?? '' }))}
            selected={organizer}
            error={problems.organizerId}
            placeholder={t('forms.none')}
            clearable
          />
          <NativeSelect
            label={t('series.fields.cadence')}
            description={t('series.fields.cadenceHint')}
            value={draft.cadence}
            onChange={set('cadence')}
            error={draft.cadence === 'other' ? undefined : problems.cadence}
            data={[
              { value: 'none', label: t('series.cadence.none') },
              ...cadencePresets.map((p) => ({ value: p.preset, label: t(`series.cadence.${p.preset}`) })),
              { value: 'other', label: t('series.cadence.other') },
            ]}
          />
        </SimpleGrid>
        {draft.cadence === 'other' ? (
          <TextInput
            label={t('series.fields.rrule')}
            description={t('series.fields.rruleHint')}
            placeholder="FREQ=WEEKLY;INTERVAL=2"
            value={draft.otherCadence}
            onChange={set('otherCadence')}
            error={
              (checked && otherProblem === 'required'
                ? t('forms.required')
                : checked && otherProblem === 'invalid'
                  ? t('series.fields.rruleInvalid')
                  : undefined) ?? problems.cadence
            }
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        ) : null}
        <FormActions
          onCancel={onClose}
          busy={created.loading || updated.loading}
          submitLabel={series ? t('actions.save') : t('series.create')}
        />
      </Stack>
    </form>
  );
}
