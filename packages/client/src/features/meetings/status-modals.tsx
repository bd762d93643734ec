import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm } from '../../components/modal-form.js';
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

  const submit = () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  };

  return (
    <ModalForm
      title={t('meetings.cancel')}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      fields={['reason']}
      busy={loading}
      cancelLabel={t('meetings.keepMeeting')}
      submitLabel={t('meetings.confirmCancel')}
      submitColor="red.9"
    >
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
    </ModalForm>
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
    <ModalForm
      title={t('meetings.approveMinutes')}
      opened={opened}
      onClose={onClose}
      onSubmit={onConfirm}
      busy={loading}
      submitLabel={t('meetings.approve')}
      submitTestId="confirm-approve"
      focus="submit"
    >
      <Text size="sm">{t('meetings.confirmApprove')}</Text>
    </ModalForm>
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
    <ModalForm
      title={t('corrections.deleteMeeting')}
      opened={opened}
      onClose={onClose}
      onSubmit={onConfirm}
      error={error}
      busy={loading}
      cancelLabel={t('meetings.keepMeeting')}
      submitLabel={t('corrections.deleteMeetingButton')}
      submitColor="red.9"
      submitTestId="confirm-delete-meeting"
    >
      <Text size="sm">{t('corrections.confirmDeleteMeeting')}</Text>
    </ModalForm>
  );
}
