import { useMutation } from '@apollo/client/react';
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useCheckedSubmit } from '../../components/modal-form.js';
import { type AgendaItemFieldsFragment, UpdateAgendaItemDocument } from '../../graphql/generated.js';
import { checkTexts, TEXT_MAX } from '../../lib/errors.js';
import { PersonPicker } from '../people/person-picker.js';

const FIELDS = ['title', 'titleKm', 'presenterId'] as const;

/** Corrects an agenda item's title (in both languages) and presenter; the minutes are edited in place. */
export function AgendaItemEditModal({
  item,
  number,
  opened,
  onClose,
  onReload,
}: {
  item: AgendaItemFieldsFragment;
  number: number;
  opened: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(item.title ?? '');
  const [titleKm, setTitleKm] = useState(item.titleKm ?? '');
  const [presenterId, setPresenterId] = useState(item.presenter?.id ?? '');
  const [update, { loading, error, reset }] = useMutation(UpdateAgendaItemDocument);
  const { problems, submit } = useCheckedSubmit(
    error,
    () =>
      checkTexts(
        { title: { value: title, max: TEXT_MAX.title }, titleKm: { value: titleKm, max: TEXT_MAX.titleKm } },
        { either: [['title', 'titleKm']] },
      ),
    async () => {
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
    },
  );

  return (
    <ModalForm
      title={t('corrections.editAgendaItem', { number })}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={FIELDS}
      busy={loading}
      onReload={onReload}
      onReloaded={reset}
      submitTestId="save-agenda-item"
    >
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
      <PersonPicker
        label={t('agenda.presenter')}
        value={presenterId || null}
        onChange={(id) => setPresenterId(id ?? '')}
        selected={item.presenter ? { ...item.presenter, organization: null } : null}
        error={problems.presenterId}
        placeholder={t('forms.none')}
        clearable
        data-testid="edit-agenda-presenter"
      />
    </ModalForm>
  );
}
