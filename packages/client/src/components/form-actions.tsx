import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormActionsProps {
  onCancel: () => void;
  busy?: boolean;
  submitLabel?: ReactNode;
  cancelLabel?: ReactNode;
  /** e.g. "red.9" for a removal. */
  submitColor?: string;
  submitIcon?: ReactNode;
  /** Something the submit button needs first (a confirmation checkbox not ticked, a conflict not resolved…). */
  submitDisabled?: boolean;
  submitTestId?: string;
  /** Which button takes the focus when the dialog opens. */
  focus?: 'cancel' | 'submit';
}

/** A form's cancel and submit buttons at its end: the submit button spins while `busy` (default labels: cancel, save). */
export function FormActions({
  onCancel,
  busy = false,
  submitLabel,
  cancelLabel,
  submitColor,
  submitIcon,
  submitDisabled = false,
  submitTestId,
  focus,
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} data-autofocus={focus === 'cancel' ? true : undefined}>
        {cancelLabel ?? t('actions.cancel')}
      </Button>
      <Button
        type="submit"
        color={submitColor}
        loading={busy}
        disabled={submitDisabled}
        leftSection={submitIcon}
        data-autofocus={focus === 'submit' ? true : undefined}
        data-testid={submitTestId}
      >
        {submitLabel ?? t('actions.save')}
      </Button>
    </Group>
  );
}
