import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import type { MeetingDetailFragment } from '../../graphql/generated.js';

/** Asks why a meeting is cancelled; the reason is required and kept with the meeting. */
export function CancelMeetingModal({
  opened,
  onClose,
  onConfirm,
  loading,
  reasonError,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
  loading: boolean;
  reasonError?: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      opened={opened}
      onClose={onClose}
      title={t('meetings.cancel')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('meetings.cancelExplain')}</Text>
          <Textarea
            label={t('meetings.cancelReason')}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('problems.REQUIRED') : reasonError}
            required
            autosize
            minRows={2}
            data-autofocus
            data-testid="cancel-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('meetings.keepMeeting')}
            </Button>
            <Button type="submit" color="red.9" loading={loading}>
              {t('meetings.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Confirms approving the minutes: after this they are frozen and change only through recorded corrections. */
export function ApproveMinutesModal({
  opened,
  onClose,
  onConfirm,
  loading,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      opened={opened}
      onClose={onClose}
      title={t('meetings.approveMinutes')}
    >
      <Stack gap="sm">
        <Text size="sm">{t('meetings.confirmApprove')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button onClick={onConfirm} loading={loading} data-autofocus data-testid="confirm-approve">
            {t('meetings.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Whether a meeting may still be deleted (created by mistake): PLANNED, no minutes, decisions or commitments. */
export function isDeletable(
  meeting: Pick<MeetingDetailFragment, 'status' | 'decisions' | 'agendaItems'>,
  commitmentCount: number | undefined,
): boolean {
  if (meeting.status !== 'PLANNED' || commitmentCount === undefined || commitmentCount > 0) return false;
  if (meeting.decisions.length > 0) return false;
  return !meeting.agendaItems.some((item) => item.minutes?.trim() || item.minutesKm?.trim());
}

/** Confirms deleting a meeting created by mistake; everything else is only ever cancelled. */
export function DeleteMeetingModal({
  opened,
  onClose,
  onConfirm,
  loading,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  loading: boolean;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      opened={opened}
      onClose={onClose}
      title={t('corrections.deleteMeeting')}
    >
      <Stack gap="sm">
        <MutationError error={error} fields={[]} />
        <Text size="sm">{t('corrections.confirmDeleteMeeting')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('meetings.keepMeeting')}
          </Button>
          <Button color="red.9" onClick={onConfirm} loading={loading} data-testid="confirm-delete-meeting">
            {t('corrections.deleteMeetingButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
