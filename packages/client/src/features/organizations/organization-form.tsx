import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { ModalForm, useCheckedSubmit } from '../../components/modal-form.js';
import {
  CreateOrganizationDocument,
  type OrganizationFormFieldsFragment,
  OrganizationFormFieldsFragmentDoc,
  OrganizationKind,
  UpdateOrganizationDocument,
  type UpdateOrganizationInput,
} from '../../graphql/generated.js';
import { enumValues } from '../../lib/enums.js';
import { OrganizationPicker } from './organization-picker.js';
import { checkTexts, TEXT_MAX } from '../../lib/errors.js';

export const organizationKinds = enumValues(OrganizationKind);

const FIELDS = ['acronym', 'kind', 'name', 'nameKm', 'parentId'];

interface OrganizationDraft {
  acronym: string;
  name: string;
  nameKm: string;
  kind: OrganizationKind;
  parentId: string;
}

function draftOf(o: OrganizationFormFieldsFragment | null): OrganizationDraft {
  return {
    acronym: o?.acronym ?? '',
    name: o?.name ?? '',
    nameKm: o?.nameKm ?? '',
    kind: o?.kind ?? 'GOVERNMENT',
    parentId: o?.parent?.id ?? '',
  };
}

/** The secretariat adds an organisation, or changes one (`organization` given). */
export function OrganizationFormModal({
  organization,
  opened,
  onClose,
  onSaved,
}: {
  organization: FragmentType<typeof OrganizationFormFieldsFragmentDoc> | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { data, complete } = useFragment({
    fragment: OrganizationFormFieldsFragmentDoc,
    fragmentName: 'OrganizationFormFields',
    from: organization,
  });
  const fields = organization && complete ? data : null;
  // Mounted only while open, so each opening starts from the record as it is.
  return opened && (!organization || fields) ? (
    <OrganizationForm organization={fields} onClose={onClose} onSaved={onSaved} />
  ) : null;
}

function OrganizationForm({
  organization,
  onClose,
  onSaved,
}: {
  organization: OrganizationFormFieldsFragment | null;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [base] = useState(() => draftOf(organization));
  const [draft, setDraft] = useState(base);
  const [create, created] = useMutation(CreateOrganizationDocument, {
    refetchQueries: ['Organizations'],
  });
  const [update, updated] = useMutation(UpdateOrganizationDocument);
  const error = created.error ?? updated.error;
  const loading = created.loading || updated.loading;
  const put = (key: keyof OrganizationDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const set = (key: keyof OrganizationDraft) => (event: { currentTarget: { value: string } }) =>
    put(key, event.currentTarget.value);
  const text = (v: string) => v.trim() || null;

  const { problems, submit } = useCheckedSubmit(
    error,
    () =>
      checkTexts(
        {
          acronym: { value: draft.acronym, required: true, max: TEXT_MAX.acronym },
          name: { value: draft.name, max: TEXT_MAX.name },
          nameKm: { value: draft.nameKm, max: TEXT_MAX.nameKm },
        },
        { either: [['name', 'nameKm']] },
      ),
    async () => {
      if (organization) {
        const changes: Omit<UpdateOrganizationInput, 'id'> = {};
        if (draft.acronym !== base.acronym) changes.acronym = draft.acronym.trim();
        if (draft.name !== base.name) changes.name = text(draft.name);
        if (draft.nameKm !== base.nameKm) changes.nameKm = text(draft.nameKm);
        if (draft.kind !== base.kind) changes.kind = draft.kind;
        if (draft.parentId !== base.parentId) changes.parentId = draft.parentId || null;
        if (Object.keys(changes).length === 0) {
          onClose();
          return;
        }
        const result = await update({ variables: { input: { id: organization.id, ...changes } } });
        const id = result.data?.updateOrganization.organization.id;
        if (id) {
          onSaved?.(id);
          onClose();
        }
      } else {
        const result = await create({
          variables: {
            input: {
              acronym: draft.acronym.trim(),
              name: text(draft.name),
              nameKm: text(draft.nameKm),
              kind: draft.kind,
              parentId: draft.parentId || null,
            },
          },
        });
        const id = result.data?.createOrganization.organization.id;
        if (id) {
          onSaved?.(id);
          onClose();
        }
      }
    },
  );

  return (
    <ModalForm
      title={organization ? t('organizations.edit') : t('organizations.new')}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={FIELDS}
      busy={loading}
      submitLabel={organization ? t('actions.save') : t('organizations.create')}
      size="lg"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('organizations.acronym')}
          description={t('organizations.acronymHint')}
          value={draft.acronym}
          onChange={set('acronym')}
          error={problems.acronym}
          required
          data-autofocus
        />
        <NativeSelect
          label={t('organizations.kind')}
          value={draft.kind}
          onChange={set('kind')}
          error={problems.kind}
          data={organizationKinds.map((value) => ({ value, label: t(`organizationKind.${value}`) }))}
        />
        <BilingualTextInputs
          field="name"
          labels={{ en: t('organizations.nameEn'), km: t('organizations.nameKm') }}
          values={draft}
          onChange={put}
          errors={problems}
        />
        <OrganizationPicker
          label={t('organizations.parent')}
          value={draft.parentId || null}
          onChange={(parentId) => setDraft((d) => ({ ...d, parentId: parentId ?? '' }))}
          selected={organization?.parent}
          exclude={organization ? [organization.id] : []}
          error={problems.parentId}
          placeholder={t('forms.none')}
          clearable
        />
      </SimpleGrid>
    </ModalForm>
  );
}
