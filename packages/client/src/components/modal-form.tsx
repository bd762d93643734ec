import { type ModalProps, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { conflictVersion, type FieldErrors, fieldErrors, hasProblems } from '../lib/errors.js';
import { ConflictNotice } from './conflict.js';
import { Dialog } from './dialog.js';
import { FormActions, type FormActionsProps } from './form-actions.js';
import { MutationError } from './states.js';

export interface ModalFormProps
  extends Pick<FormActionsProps, 'submitLabel' | 'cancelLabel' | 'submitColor' | 'submitTestId' | 'submitDisabled'> {
  /** The dialog's title, also the form's accessible name. */
  title: string;
  opened?: boolean;
  onClose: () => void;
  /** Called on submit (the browser's own validation is off): check, send, and close on success. */
  onSubmit: () => unknown;
  /**
   * The last failed save. Problems with the fields named in `fields` are shown beside them (pass
   * `useCheckedSubmit`'s `problems` to each field's `error`); every other problem is listed above the fields.
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
  /** Which button takes the focus when the dialog opens (default: cancel for a confirmation without fields). */
  focus?: 'cancel' | 'submit';
  size?: ModalProps['size'];
  children: ReactNode;
}

/**
 * A ModalForm's `onSubmit` that checks first: `check` says what the browser can find before sending, `send`
 * runs only when it found nothing (and throws when the save fails; ModalForm shows why). `problems` has both
 * the browser's findings and the server's, to pass to each field's `error`.
 */
export function useCheckedSubmit(
  error: unknown,
  check: () => FieldErrors,
  send: () => Promise<unknown>,
): { problems: FieldErrors; submit: () => Promise<unknown> | undefined } {
  const [checked, setChecked] = useState<FieldErrors>({});
  const submit = () => {
    const found = check();
    setChecked(found);
    return hasProblems(found) ? undefined : send();
  };
  return { problems: { ...fieldErrors(error), ...checked }, submit };
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
  focus = fields.length === 0 ? 'cancel' : undefined,
  size,
  children,
  ...actions
}: ModalFormProps) {
  const [reloading, setReloading] = useState(false);
  const conflict = onReload !== undefined && conflictVersion(error) !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void Promise.resolve(onSubmit()).catch(() => undefined);
  };

  return (
    <Dialog opened={opened} onClose={onClose} title={title} size={size}>
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
          <FormActions onCancel={onClose} busy={busy} focus={focus} {...actions} />
        </Stack>
      </form>
    </Dialog>
  );
}
