import { useMutation } from '@apollo/client/react';
import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { ModalForm, useCheckedSubmit } from '../../components/modal-form.js';
import {
  CreatePersonDocument,
  type PersonFormFieldsFragment,
  UpdatePersonDocument,
  type UpdatePersonInput,
} from '../../graphql/generated.js';
import { checkTexts, TEXT_MAX } from '../../lib/errors.js';
import { OrganizationPicker } from '../organizations/organization-picker.js';

interface PersonDraft {
  fullName: string;
  fullNameKm: string;
  position: string;
  positionKm: string;
  organizationId: string;
  email: string;
  phone: string;
  isFocalPoint: boolean;
}

function draftOf(p: PersonFormFieldsFragment | null, organizationId?: string): PersonDraft {
  return {
    fullName: p?.fullName ?? '',
    fullNameKm: p?.fullNameKm ?? '',
    position: p?.position ?? '',
    positionKm: p?.positionKm ?? '',
    organizationId: p?.organization?.id ?? organizationId ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    isFocalPoint: p?.isFocalPoint ?? false,
  };
}

const FIELDS = ['fullName', 'fullNameKm', 'position', 'positionKm', 'organizationId', 'email', 'phone', 'isFocalPoint'];
/** The secretariat adds a person, or changes one (`person` given), including whether they are a focal point. */
export function PersonFormModal({
  person,
  organizationId,
  opened,
  onClose,
}: {
  person: PersonFormFieldsFragment | null;
  /** The organisation a new person starts in. */
  organizationId?: string;
  opened: boolean;
  onClose: () => void;
}) {
  // Mounted only while open, so each opening starts from the record as it is.
  return opened ? <PersonForm person={person} organizationId={organizationId} onClose={onClose} /> : null;
}

function PersonForm({
  person,
  organizationId,
  onClose,
}: {
  person: PersonFormFieldsFragment | null;
  organizationId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [base] = useState(() => draftOf(person, organizationId));
  const [draft, setDraft] = useState(base);
  // Lists, pickers and organisation pages that show people or focal points are read again after a change.
  const refetchQueries = ['People', 'OrganizationPage'];
  const [create, created] = useMutation(CreatePersonDocument, { refetchQueries });
  const [update, updated] = useMutation(UpdatePersonDocument, { refetchQueries });
  const error = created.error ?? updated.error;
  const loading = created.loading || updated.loading;
  const put = (key: Exclude<keyof PersonDraft, 'isFocalPoint'>, value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const set = (key: Exclude<keyof PersonDraft, 'isFocalPoint'>) => (event: { currentTarget: { value: string } }) =>
    put(key, event.currentTarget.value);
  const text = (v: string) => v.trim() || null;

  const { problems, submit } = useCheckedSubmit(
    error,
    () =>
      checkTexts(
        {
          fullName: { value: draft.fullName, max: TEXT_MAX.fullName },
          fullNameKm: { value: draft.fullNameKm, max: TEXT_MAX.fullNameKm },
          position: { value: draft.position, max: TEXT_MAX.position },
          positionKm: { value: draft.positionKm, max: TEXT_MAX.positionKm },
          email: { value: draft.email, max: TEXT_MAX.email },
          phone: { value: draft.phone, max: TEXT_MAX.phone },
        },
        { either: [['fullName', 'fullNameKm']] },
      ),
    async () => {
      if (person) {
        const changes: Omit<UpdatePersonInput, 'id'> = {};
        if (draft.fullName !== base.fullName) changes.fullName = text(draft.fullName);
        if (draft.fullNameKm !== base.fullNameKm) changes.fullNameKm = text(draft.fullNameKm);
        if (draft.position !== base.position) changes.position = text(draft.position);
        if (draft.positionKm !== base.positionKm) changes.positionKm = text(draft.positionKm);
        if (draft.organizationId !== base.organizationId) changes.organizationId = draft.organizationId || null;
        if (draft.email !== base.email) changes.email = text(draft.email);
        if (draft.phone !== base.phone) changes.phone = text(draft.phone);
        if (draft.isFocalPoint !== base.isFocalPoint) changes.isFocalPoint = draft.isFocalPoint;
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        const result = await update({ variables: { input: { id: person.id, ...changes } } });
        if (result.data) onClose();
      } else {
        const result = await create({
          variables: {
            input: {
              fullName: text(draft.fullName),
              fullNameKm: text(draft.fullNameKm),
              position: text(draft.position),
              positionKm: text(draft.positionKm),
              organizationId: draft.organizationId || null,
              email: text(draft.email),
              phone: text(draft.phone),
              isFocalPoint: draft.isFocalPoint,
            },
          },
        });
        if (result.data) onClose();
      }
    },
  );

  return (
    <ModalForm
      title={person ? t('people.edit') : t('people.new')}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={FIELDS}
      busy={loading}
      submitLabel={person ? t('actions.save') : t('people.create')}
      size="lg"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <BilingualTextInputs
          field="fullName"
          labels={{ en: t('people.fullName'), km: t('people.fullNameKm') }}
          values={draft}
          onChange={put}
          errors={problems}
          autoFocus
        />
        <BilingualTextInputs
          field="position"
          labels={{ en: t('people.positionEn'), km: t('people.positionKm') }}
          values={draft}
          onChange={put}
          errors={problems}
          bothOptional
        />
        <OrganizationPicker
          label={t('people.organization')}
          value={draft.organizationId || null}
          onChange={(organizationId) => setDraft((d) => ({ ...d, organizationId: organizationId ?? '' }))}
          selected={person?.organization}
          error={problems.organizationId}
          placeholder={t('forms.none')}
          clearable
        />
        <TextInput
          type="email"
          label={t('people.email')}
          value={draft.email}
          onChange={set('email')}
          error={problems.email}
        />
        <TextInput
          type="tel"
          label={t('people.phone')}
          value={draft.phone}
          onChange={set('phone')}
          error={problems.phone}
        />
      </SimpleGrid>
      <Checkbox
        label={t('people.isFocalPoint')}
        description={t('people.isFocalPointHint')}
        checked={draft.isFocalPoint}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          setDraft((d) => ({ ...d, isFocalPoint: checked }));
        }}
        error={problems.isFocalPoint}
      />
    </ModalForm>
  );
}
