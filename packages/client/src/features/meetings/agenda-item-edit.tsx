import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import { useLocalText } from '../../components/text.js';
import { type AgendaItemFieldsFragment, UpdateAgendaItemDocument } from '../../graphql/generated.js';
import { checkTexts, conflictVersion, type FieldErrors, fieldErrors, hasProblems, TEXT_MAX } from '../../lib/errors.js';
import type { Directory } from './directory.js';

const FIELDS = ['title', 'titleKm', 'presenterId'] as const;

/** Corrects an agenda item's title (in both languages) and presenter; the minutes are edited in place. */
export function AgendaItemEditModal({
  item,
  number,
  directory,
  opened,
  onClose,
  onReload,
}: {
  item: AgendaItemFieldsFragment;
  number: number;
  directory: Directory;
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [title, setTitle] = useState(item.title ?? '');
  const [titleKm, setTitleKm] = useState(item.titleKm ?? '');
  const [presenterId, setPresenterId] = useState(item.presenter?.id ?? '');
  const [checked, setChecked] = useState<FieldErrors>({});
  const [reloading, setReloading] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateAgendaItemDocument);
  const problems = { ...fieldErrors(error), ...checked };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts(
      { title: { value: title, max: TEXT_MAX.title }, titleKm: { value: titleKm, max: TEXT_MAX.titleKm } },
      { either: [['title', 'titleKm']] },
    );
    setChecked(found);
    if (hasProblems(found)) return;
    try {
      await update({
        variables: {
          input: {
            id: item.id,
            version: item.version,
            title: title.trim() || null,
            titleKm: titleKm.trim() || null,
            presenterId: presenterId || null,
          },
        },
      });
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('corrections.editAgendaItem', { number })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate aria-label={t('corrections.editAgendaItem', { number })}>
        <Stack gap="sm">
          {conflictVersion(error) !== undefined ? (
            <ConflictNotice
              reloading={reloading}
              onReload={() => {
                setReloading(true);
                void onReload().finally(() => {
                  setReloading(false);
                  reset();
                });
              }}
            />
          ) : (
            <MutationError error={error} fields={FIELDS} />
          )}
          <TextInput
            label={t('agenda.itemTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={problems.title}
            data-autofocus
            data-testid="edit-agenda-title"
          />
          <TextInput
            label={t('agenda.itemTitleKm')}
            value={titleKm}
            onChange={(e) => setTitleKm(e.currentTarget.value)}
            error={problems.titleKm}
            lang="km"
            data-testid="edit-agenda-title-km"
          />
          <NativeSelect
            label={t('agenda.presenter')}
            value={presenterId}
            onChange={(e) => setPresenterId(e.currentTarget.value)}
            error={problems.presenterId}
            data={[
              { value: '', label: t('forms.none') },
              ...directory.people.map((p) => ({ value: p.id, label: local(p.fullName, p.fullNameKm) })),
            ]}
            data-testid="edit-agenda-presenter"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid="save-agenda-item">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
