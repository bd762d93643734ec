import { useMutation } from '@apollo/client/react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { BilingualTextInputs } from '../components/bilingual-fields.js';
import { DateTimeField } from '../components/date-field.js';
import { PageHeader } from '../components/page.js';
import { MutationError } from '../components/states.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { checkMeetingDraft, meetingKinds, visibilities } from '../features/meetings/meeting-edit.js';
import { OrganizationPicker } from '../features/organizations/organization-picker.js';
import { PersonPicker } from '../features/people/person-picker.js';
import { MeetingSeriesPicker, type SeriesChoice } from '../features/series/series-picker.js';
import { CreateMeetingDocument, type MeetingKind, type Visibility } from '../graphql/generated.js';
import { type FieldErrors, fieldErrors, hasProblems } from '../lib/errors.js';
import { fromWallTime } from '../lib/format.js';

export function MeetingNewPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    title: '',
    titleKm: '',
    kind: 'PLENARY' as MeetingKind,
    startsAt: '',
    endsAt: '',
    location: '',
    organizerId: '',
    chairId: '',
    seriesId: '',
    visibility: 'INTERNAL' as Visibility,
  });
  const [create, { loading, error }] = useMutation(CreateMeetingDocument);
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(error), ...checked };
  const put = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) =>
    put(key)(event.currentTarget.value);

  if (!isStaff(viewer)) return <Navigate to="/meetings" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every problem the browser can know, at once, beside its field; the server checks the rest.
    const found = checkMeetingDraft(form);
    if (!form.organizerId) found.organizerId = t('problems.REQUIRED');
    setChecked(found);
    if (hasProblems(found)) return;
    try {
      const result = await create({
        variables: {
          input: {
            title: form.title.trim() || null,
            titleKm: form.titleKm.trim() || null,
            kind: form.kind,
            startsAt: fromWallTime(form.startsAt) ?? form.startsAt,
            endsAt: form.endsAt ? (fromWallTime(form.endsAt) ?? form.endsAt) : null,
            location: form.location.trim() || null,
            organizerId: form.organizerId,
            chairId: form.chairId || null,
            seriesId: form.seriesId || null,
            visibility: form.visibility,
          },
        },
      });
      const id = result.data?.createMeeting.meeting.id;
      if (id) navigate(`/meetings/${encodeURIComponent(id)}`);
    } catch {
      // Shown beside the fields and above the form.
    }
  };

  // Choosing a series fills what is still empty from it: its titles and its organiser.
  const chooseSeries = (seriesId: string, series: SeriesChoice | null) => {
    setForm((f) => ({
      ...f,
      seriesId,
      title: f.title || series?.title || '',
      titleKm: f.titleKm || series?.titleKm || '',
      organizerId: f.organizerId || series?.organizer?.id || '',
    }));
  };

  return (
    <>
      <PageHeader title={t('meetings.new')} crumbs={[{ label: t('meetings.title'), to: '/meetings' }]} />
      {
        <Paper withBorder p="lg" maw={860}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <MutationError error={error} fields={Object.keys(form).concat(['organizerId'])} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MeetingSeriesPicker
                  label={t('meetings.fields.series')}
                  description={t('series.chooseHint')}
                  value={form.seriesId || null}
                  onChange={(id, series) => chooseSeries(id ?? '', series)}
                  error={problems.seriesId}
                  placeholder={t('series.noSeries')}
                  clearable
                  style={{ gridColumn: '1 / -1' }}
                />
                <BilingualTextInputs
                  field="title"
                  labels={{ en: t('meetings.fields.title'), km: t('meetings.fields.titleKm') }}
                  values={form}
                  onChange={(field, value) => put(field)(value)}
                  errors={problems}
                />
                <NativeSelect
                  label={t('meetings.fields.kind')}
                  value={form.kind}
                  onChange={set('kind')}
                  data={meetingKinds.map((value) => ({ value, label: t(`meetingKind.${value}`) }))}
                  error={problems.kind}
                />
                <NativeSelect
                  label={t('meetings.fields.visibility')}
                  value={form.visibility}
                  onChange={set('visibility')}
                  data={visibilities.map((value) => ({ value, label: t(`visibility.${value}`) }))}
                  error={problems.visibility}
                />
                <DateTimeField
                  label={t('meetings.fields.startsAt')}
                  value={form.startsAt}
                  onChange={put('startsAt')}
                  error={problems.startsAt}
                  required
                />
                <DateTimeField
                  label={t('meetings.fields.endsAt')}
                  value={form.endsAt}
                  onChange={put('endsAt')}
                  error={problems.endsAt}
                />
                <TextInput
                  label={t('meetings.fields.location')}
                  value={form.location}
                  onChange={set('location')}
                  error={problems.location}
                />
                <OrganizationPicker
                  label={t('meetings.fields.organizer')}
                  value={form.organizerId || null}
                  onChange={(id) => put('organizerId')(id ?? '')}
                  error={problems.organizerId}
                  placeholder={t('forms.choose')}
                  required
                />
                <PersonPicker
                  label={t('meetings.fields.chair')}
                  value={form.chairId || null}
                  onChange={(id) => put('chairId')(id ?? '')}
                  error={problems.chairId}
                  placeholder={t('forms.none')}
                  clearable
                />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button variant="default" component={Link} to="/meetings">
                  {t('actions.cancel')}
                </Button>
                <Button type="submit" loading={loading}>
                  {t('meetings.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      }
    </>
  );
}
