import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictVersion, type FieldErrors, fieldErrors } from '../lib/errors.js';
import { ConflictNotice } from './conflict.js';
import { MutationError } from './states.js';

export interface ModalFormProps {
  /** The dialog's title, also the form's accessible name. */
  title: string;
  opened?: boolean;
  onClose: () => void;
  /** Called on submit (the browser's own validation is off): check, send, and close on success. */
  onSubmit: () => unknown;
  /**
   * The last failed save. Problems with the fields named in `fields` are shown beside them (pass
   * `useFormProblems`' result to each field's `error`); every other problem is listed above the fields.
   */
  error?: unknown;
  /** The input fields the form shows (as the server names them), so their problems are not listed twice. */
  fields?: readonly string[];
  /** A save is on its way: the submit button spins and nothing can be sent twice. */
  busy?: boolean;
  /**
   * For a record with a version: on CONFLICT, fetch it again (what was typed stays) and `onReloaded` clears
   * the error, so the user can save again on top of the other person's changes.
   */
  onReload?: () => Promise<unknown>;
  onReloaded?: () => void;
  submitLabel?: string;
  cancelLabel?: string;
  /** e.g. "red.9" for a removal. */
  submitColor?: string;
  submitTestId?: string;
  /** Something the submit button needs to say first (a confirmation checkbox not ticked…). */
  submitDisabled?: boolean;
  /** Which button takes the focus when the dialog opens (default: cancel for a confirmation without fields). */
  focus?: 'cancel' | 'submit';
  size?: ModalProps['size'];
  children: ReactNode;
}

/** Field problems to show beside the fields: the server's (from `error`) and what the browser found before sending. */
export function useFormProblems(error: unknown, checked: FieldErrors): FieldErrors {
  return { ...fieldErrors(error), ...checked };
}

/**
 * The one dialog for entity forms: title, fields, every problem shown at once (beside its field, or above the
 * fields when it has none), the stale-version notice, and cancel/submit with a busy state. English and Khmer
 * come from the catalogues; the caller translates its own title and labels.
 */
export function ModalForm({
  title,
  opened = true,
  onClose,
  onSubmit,
  error,
  fields = [],
  busy = false,
  onReload,
  onReloaded,
  submitLabel,
  cancelLabel,
  submitColor,
  submitTestId,
  submitDisabled = false,
  focus = fields.length === 0 ? 'cancel' : undefined,
  size,
  children,
}: ModalFormProps) {
  const { t } = useTranslation();
  const [reloading, setReloading] = useState(false);
  const conflict = onReload !== undefined && conflictVersion(error) !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void Promise.resolve(onSubmit()).catch(() => undefined);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate aria-label={title} aria-busy={busy}>
        <Stack gap="sm">
          {conflict ? (
            <ConflictNotice
              reloading={reloading}
              onReload={() => {
                setReloading(true);
                void onReload()
                  .catch(() => undefined)
                  .finally(() => {
                    setReloading(false);
                    onReloaded?.();
                  });
              }}
            />
          ) : (
            <MutationError error={error} fields={fields} />
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus={focus === 'cancel' ? true : undefined}>
              {cancelLabel ?? t('actions.cancel')}
            </Button>
            <Button
              type="submit"
              color={submitColor}
              loading={busy}
              disabled={submitDisabled}
              data-autofocus={focus === 'submit' ? true : undefined}
              data-testid={submitTestId}
            >
              {submitLabel ?? t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
