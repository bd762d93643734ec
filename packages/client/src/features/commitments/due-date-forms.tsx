import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCalendarCheck, IconCalendarQuestion, IconCalendarX, IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import { DateField } from '../../components/date-field.js';
import { DateText, PersonName } from '../../components/text.js';
import {
  DecideDueDateChangeDocument,
  type DueDateChangeFieldsFragment,
  RequestDueDateChangeDocument,
  UpdateCommitmentDocument,
} from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';
import { type DueDateProblem, newDueDateProblems } from './due-dates.js';

/** What the due-date forms need of a commitment. */
export interface DueDateTarget {
  id: string;
  version: number;
  dueDate: string | null;
}

function useProblemText() {
  const { t } = useTranslation();
  return {
    dueDate: (problem: DueDateProblem | undefined) =>
      problem === 'required'
        ? t('forms.required')
        : problem === 'invalid'
          ? t('dueDates.invalidDate')
          : problem === 'unchanged'
            ? t('dueDates.unchanged')
            : undefined,
    reason: (problem: 'required' | undefined) => (problem ? t('forms.required') : undefined),
  };
}

/** The new date and the reason, checked here first; what the server refuses is shown beside the same fields. */
function NewDueDateFields({
  commitment,
  onSubmit,
  loading,
  error,
  reasonLabel,
  reasonHint,
  submitLabel,
  onCancel,
  onReload,
}: {
  commitment: DueDateTarget;
  onSubmit: (dueDate: string, reason: string) => Promise<unknown>;
  loading: boolean;
  error: unknown;
  reasonLabel: string;
  reasonHint?: string;
  submitLabel: string;
  onCancel?: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const describe = useProblemText();
  const [dueDate, setDueDate] = useState(commitment.dueDate ?? '');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const problems = newDueDateProblems({ dueDate, current: commitment.dueDate, reason });
  const server = fieldErrors(error);
  const conflict = conflictVersion(error) !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) return;
    void onSubmit(dueDate, reason.trim()).catch(() => undefined);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {conflict ? <ConflictNotice onReload={onReload} /> : null}
        {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        {server.commitmentId || server.id ? (
          <Alert color="orange" role="alert">
            {server.commitmentId ?? server.id}
          </Alert>
        ) : null}
        <Text size="sm">
          {t('dueDates.current')} <DateText value={commitment.dueDate} />
        </Text>
        <DateField
          label={t('dueDates.newDueDate')}
          value={dueDate}
          onChange={setDueDate}
          error={(checked ? describe.dueDate(problems.dueDate) : undefined) ?? server.dueDate}
          required
          data-testid="new-due-date"
        />
        <Textarea
          label={reasonLabel}
          description={reasonHint}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={(checked ? describe.reason(problems.reason) : undefined) ?? server.reason ?? server.dueDateReason}
          required
          data-testid="due-date-reason"
        />
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={loading} disabled={conflict} leftSection={<IconSend size={16} aria-hidden />}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A focal point asks the secretariat for a new due date, saying why; one request waits at a time. */
export function DueDateRequestPanel({
  commitment,
  pending,
  onReload,
}: {
  commitment: DueDateTarget;
  pending: DueDateChangeFieldsFragment | undefined;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [request, { loading, error, reset }] = useMutation(RequestDueDateChangeDocument);

  if (pending) {
    return (
      <Alert
        color="orange"
        icon={<IconCalendarQuestion aria-hidden />}
        title={t('dueDates.requestWaiting')}
        data-testid="due-date-request-waiting"
      >
        {t('dueDates.requestWaitingBody')} <DateText value={pending.to} />
      </Alert>
    );
  }
  if (!open) {
    return (
      <Group>
        <Button
          variant="default"
          leftSection={<IconCalendarQuestion size={16} aria-hidden />}
          onClick={() => {
            reset();
            setOpen(true);
          }}
        >
          {t('dueDates.request')}
        </Button>
      </Group>
    );
  }
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="due-date-request-heading">
      <Title order={2} size="h4" id="due-date-request-heading" mb="xs">
        {t('dueDates.request')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('dueDates.requestIntro')}
      </Text>
      <NewDueDateFields
        commitment={commitment}
        loading={loading}
        error={error}
        reasonLabel={t('dueDates.requestReason')}
        reasonHint={t('dueDates.requestReasonHint')}
        submitLabel={t('dueDates.sendRequest')}
        onCancel={() => setOpen(false)}
        onReload={() => void onReload().then(() => reset())}
        onSubmit={async (dueDate, reason) => {
          await request({
            variables: { input: { commitmentId: commitment.id, version: commitment.version, dueDate, reason } },
          });
          setOpen(false);
        }}
      />
    </Paper>
  );
}

/** The secretariat moves a due date directly; the reason is kept in the due date history. */
export function ChangeDueDateForm({
  commitment,
  onDone,
  onCancel,
  onReload,
}: {
  commitment: DueDateTarget;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [update, { loading, error, reset }] = useMutation(UpdateCommitmentDocument);
  return (
    <NewDueDateFields
      commitment={commitment}
      loading={loading}
      error={error}
      reasonLabel={t('dueDates.changeReason')}
      reasonHint={t('dueDates.changeReasonHint')}
      submitLabel={t('dueDates.change')}
      onCancel={onCancel}
      onReload={() => void onReload().then(() => reset())}
      onSubmit={async (dueDate, reason) => {
        await update({
          variables: { input: { id: commitment.id, version: commitment.version, dueDate, dueDateReason: reason } },
        });
        onDone();
      }}
    />
  );
}

/** For the secretariat: a focal point's request for a new due date, to accept or decline (with a reason). */
export function DueDateDecisionPanel({ change }: { change: DueDateChangeFieldsFragment }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [decide, { loading, error }] = useMutation(DecideDueDateChangeDocument);
  const problems = fieldErrors(error);

  const run = async (accept: boolean) => {
    if (!accept && !reason.trim()) {
      setMissing(true);
      return;
    }
    try {
      await decide({ variables: { input: { id: change.id, accept, reason: reason.trim() || null } } });
      setReason('');
    } catch {
      // Shown below.
    }
  };

  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      component="section"
      aria-labelledby="due-date-decision-heading"
      bg="orange.0"
      data-testid="due-date-decision"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="due-date-decision-heading">
          {t('dueDates.decisionTitle')}
        </Title>
        <Text size="sm">
          <PersonName person={change.requestedBy} /> {t('dueDates.asksToMove')} <DateText value={change.from} /> →{' '}
          <strong>
            <DateText value={change.to} />
          </strong>
        </Text>
        {change.reason ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} fs="italic">
            {change.reason}
          </Text>
        ) : null}
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        {problems.id ? (
          <Alert color="orange" role="alert">
            {problems.id}
          </Alert>
        ) : null}
        <Textarea
          label={t('dueDates.decisionReason')}
          description={t('dueDates.decisionReasonHint')}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('forms.required') : problems.reason}
          data-testid="due-date-decision-reason"
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            leftSection={<IconCalendarX size={16} aria-hidden />}
            onClick={() => void run(false)}
            loading={loading}
          >
            {t('dueDates.decline')}
          </Button>
          <Button
            leftSection={<IconCalendarCheck size={16} aria-hidden />}
            onClick={() => void run(true)}
            loading={loading}
          >
            {t('dueDates.accept')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
