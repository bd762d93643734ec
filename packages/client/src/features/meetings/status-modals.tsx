import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

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
            error={missing ? t('forms.required') : reasonError}
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
            <Button type="submit" color="red" loading={loading}>
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
