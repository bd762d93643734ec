import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { useLocalText } from '../../components/text.js';
import {
  CreateOrganizationDocument,
  type OrganizationFormFieldsFragment,
  type OrganizationKind,
  OrganizationOptionsDocument,
  UpdateOrganizationDocument,
  type UpdateOrganizationInput,
} from '../../graphql/generated.js';
import { checkTexts, type FieldErrors, fieldErrors, hasProblems, TEXT_MAX } from '../../lib/errors.js';

export const organizationKinds: OrganizationKind[] = [
  'GOVERNMENT',
  'COMMITTEE',
  'INTERNATIONAL_ORGANIZATION',
  'UN_AGENCY',
  'NGO',
  'DONOR',
  'PRIVATE_SECTOR',
  'OTHER',
];

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
  organization: OrganizationFormFieldsFragment | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('actions.close') }}
      opened={opened}
      onClose={onClose}
      title={organization ? t('organizations.edit') : t('organizations.new')}
      size="lg"
    >
      {opened ? <OrganizationForm organization={organization} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
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
  const local = useLocalText();
  const options = useQuery(OrganizationOptionsDocument);
  const [base] = useState(() => draftOf(organization));
  const [draft, setDraft] = useState(base);
  const [create, created] = useMutation(CreateOrganizationDocument, {
    refetchQueries: ['Organizations', 'OrganizationOptions'],
  });
  const [update, updated] = useMutation(UpdateOrganizationDocument);
  const error = created.error ?? updated.error;
  const loading = created.loading || updated.loading;
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(error), ...checked };
  const set = (key: keyof OrganizationDraft) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const text = (v: string) => v.trim() || null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts(
      {
        acronym: { value: draft.acronym, required: true, max: TEXT_MAX.acronym },
        name: { value: draft.name, max: TEXT_MAX.name },
        nameKm: { value: draft.nameKm, max: TEXT_MAX.nameKm },
      },
      { either: [['name', 'nameKm']] },
    );
    setChecked(found);
    if (hasProblems(found)) return;
    try {
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
    } catch {
      // Shown beside the fields and above the form.
    }
  };

  const parents = (options.data?.organizations.nodes ?? []).filter((o) => o.id !== organization?.id);

  return (
    <form onSubmit={submit} noValidate data-testid="organization-form">
      <Stack gap="sm">
        <MutationError error={error} fields={['acronym', 'kind', 'name', 'nameKm', 'parentId']} />
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
          <TextInput
            label={t('organizations.nameEn')}
            description={t('forms.eitherLanguage')}
            value={draft.name}
            onChange={set('name')}
            error={problems.name}
          />
          <TextInput
            label={t('organizations.nameKm')}
            value={draft.nameKm}
            onChange={set('nameKm')}
            error={problems.nameKm}
            lang="km"
          />
          <NativeSelect
            label={t('organizations.parent')}
            value={draft.parentId}
            onChange={set('parentId')}
            error={problems.parentId ?? (options.error ? t('errors.loadFailed') : undefined)}
            data={[
              { value: '', label: t('forms.none') },
              ...parents.map((o) => ({ value: o.id, label: `${o.acronym} — ${local(o.name, o.nameKm)}` })),
            ]}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={loading}>
            {organization ? t('actions.save') : t('organizations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
