import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { FormActions } from '../../components/form-actions.js';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { DateField } from '../../components/date-field.js';
import { MutationError } from '../../components/states.js';
import { DateText, Local } from '../../components/text.js';
import {
  CloseReportingPeriodDocument,
  CreateReportingPeriodDocument,
  type ReportingPeriodFieldsFragment,
} from '../../graphql/generated.js';
import { errorCode, fieldErrors } from '../../lib/errors.js';
import { dayInPhnomPenh } from '../../lib/format.js';
import { previousQuarter, quarterOf, quarterTitle, type RangeProblem, rangeProblems } from './report-range.js';

function useRangeProblemText(): (problem: RangeProblem | undefined) => string | undefined {
  const { t } = useTranslation();
  return (problem) =>
    problem === 'required'
      ? t('forms.required')
      : problem === 'invalid'
        ? t('dueDates.invalidDate')
        : problem === 'beforeStart'
          ? t('reports.endBeforeStart')
          : undefined;
}

/** The secretariat names a span to report on; the current and the last quarter are one click away. */
export function CreatePeriodModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (period: ReportingPeriodFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('reports.newPeriod')} size="lg">
      {opened ? <CreatePeriodForm onClose={onClose} onCreated={onCreated} /> : null}
    </Dialog>
  );
}

function CreatePeriodForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (period: ReportingPeriodFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const describe = useRangeProblemText();
  const today = dayInPhnomPenh();
  const quarters = [
    { key: 'thisQuarter', quarter: quarterOf(today) },
    { key: 'lastQuarter', quarter: previousQuarter(today) },
  ] as const;
  const [form, setForm] = useState(() => {
    const last = previousQuarter(today);
    return { ...quarterTitle(last), startsOn: last.startsOn, endsOn: last.endsOn };
  });
  const [checked, setChecked] = useState(false);
  const [create, { loading, error }] = useMutation(CreateReportingPeriodDocument, {
    refetchQueries: ['ReportsPage', 'ReportingPeriodPicker'],
  });
  const problems = rangeProblems(form.startsOn, form.endsOn);
  const server = fieldErrors(error);
  const put = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) return;
    try {
      const result = await create({
        variables: {
          input: {
            title: form.title.trim() || null,
            titleKm: form.titleKm.trim() || null,
            startsOn: form.startsOn,
            endsOn: form.endsOn,
          },
        },
      });
      if (result.data) {
        onCreated(result.data.createReportingPeriod.period);
        onClose();
      }
    } catch {
      // Shown beside the fields or above the form.
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="period-form">
      <Stack gap="sm">
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Group gap="xs">
          {quarters.map(({ key, quarter }) => (
            <Button
              key={key}
              size="xs"
              variant="light"
              onClick={() => setForm({ ...quarterTitle(quarter), startsOn: quarter.startsOn, endsOn: quarter.endsOn })}
            >
              {t(`reports.${key}`)}
            </Button>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <BilingualTextInputs
            field="title"
            labels={{ en: t('reports.fields.title'), km: t('reports.fields.titleKm') }}
            values={form}
            onChange={(field, value) => put(field)(value)}
            errors={server}
          />
          <DateField
            label={t('reports.fields.startsOn')}
            value={form.startsOn}
            onChange={put('startsOn')}
            error={(checked ? describe(problems.from) : undefined) ?? server.startsOn}
            required
          />
          <DateField
            label={t('reports.fields.endsOn')}
            value={form.endsOn}
            onChange={put('endsOn')}
            error={(checked ? describe(problems.to) : undefined) ?? server.endsOn}
            required
          />
        </SimpleGrid>
        <FormActions onCancel={onClose} busy={loading} submitLabel={t('reports.createPeriod')} />
      </Stack>
    </form>
  );
}

/** Confirms closing a period: its report is frozen and never changes afterwards. */
export function ClosePeriodModal({
  period,
  opened,
  onClose,
}: {
  period: ReportingPeriodFieldsFragment;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // The frozen report replaces the live one: ask for it again.
  const [closePeriod, { loading, error, reset }] = useMutation(CloseReportingPeriodDocument, {
    refetchQueries: ['ReportsPage', 'PeriodReportCommitments'],
  });
  const problems = fieldErrors(error);
  return (
    <Dialog
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title={t('reports.closePeriod')}
    >
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          <Local en={period.title} km={period.titleKm} /> · <DateText value={period.startsOn} /> –{' '}
          <DateText value={period.endsOn} />
        </Text>
        <Alert color="orange" icon={<IconLock aria-hidden />} role="note">
          {t('reports.closeExplain')}
        </Alert>
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        {problems.id ? (
          <Alert color="red" role="alert">
            {problems.id}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('reports.keepOpen')}
          </Button>
          <Button
            loading={loading}
            leftSection={<IconLock size={16} aria-hidden />}
            data-autofocus
            data-testid="confirm-close-period"
            onClick={() => void closePeriod({ variables: { input: { id: period.id } } }).then(onClose, () => undefined)}
          >
            {t('reports.confirmClose')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
