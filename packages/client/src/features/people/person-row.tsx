import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { ActionIcon, Anchor, Group, Table, Tooltip } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag } from '../../components/badges.js';
import { Local, PersonName, useLocalText } from '../../components/text.js';
import { type PersonFormFieldsFragment, PersonFormFieldsFragmentDoc } from '../../graphql/generated.js';

/** One person in the directory: name, position, organisation and contacts; staff can open the person's form. */
export function PersonRow({
  person,
  staff,
  onEdit,
}: {
  person: FragmentType<typeof PersonFormFieldsFragmentDoc>;
  staff: boolean;
  onEdit: (person: PersonFormFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const { data: p, complete } = useFragment({
    fragment: PersonFormFieldsFragmentDoc,
    fragmentName: 'PersonFormFields',
    from: person,
  });
  if (!complete) return null;
  return (
    <Table.Tr data-testid="person-row">
      <Table.Td>
        <Group gap={6}>
          <PersonName person={p} />
          {p.isFocalPoint ? <Tag tone="blue">{t('people.focalPoint')}</Tag> : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Local en={p.position} km={p.positionKm} />
      </Table.Td>
      <Table.Td>
        {p.organization ? (
          <Anchor component={Link} to={`/organizations/${encodeURIComponent(p.organization.id)}`}>
            {p.organization.acronym}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td data-testid="person-email">
        {p.email ? <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> : '—'}
      </Table.Td>
      <Table.Td>{p.phone ?? '—'}</Table.Td>
      {staff ? (
        <Table.Td>
          <Tooltip label={t('people.edit')}>
            <ActionIcon
              variant="default"
              aria-label={t('people.editPerson', { name: local(p.fullName, p.fullNameKm) })}
              onClick={() => onEdit(p)}
            >
              <IconEdit size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
