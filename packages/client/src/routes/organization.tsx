import type { FragmentType } from '@apollo/client';
import { useFragment, useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../components/page.js';
import { RecordPageStates } from '../components/states.js';
import { Local, PersonName, useLocalText } from '../components/text.js';
import { CommitmentList } from '../features/commitments/commitment-list.js';
import { OrganizationFormModal } from '../features/organizations/organization-form.js';
import { useOrganizationLabel } from '../features/organizations/organization-label.js';
import { PersonFormModal } from '../features/people/person-form.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { OrganizationPageDocument, PersonLabelFragmentDoc } from '../graphql/generated.js';

export function OrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const local = useLocalText();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const [dialog, setDialog] = useState<'organization' | 'person' | null>(null);
  const { data, loading, error, refetch } = useQuery(OrganizationPageDocument, { variables: { id } });
  const organization = data?.node?.__typename === 'Organization' ? data.node : null;
  const label = useOrganizationLabel(organization);
  const parent = useOrganizationLabel(organization?.parent);
  if (!organization) {
    return (
      <RecordPageStates
        query={{ loading, error, data, refetch }}
        notFound={t('organizations.notFound')}
        back={{ to: '/organizations', label: t('organizations.title') }}
      />
    );
  }
  if (!label) return null;
  return (
    <>
      <PageHeader
        title={
          <>
            <Local en={label.name} km={label.nameKm} fallback={label.acronym} /> ({label.acronym})
          </>
        }
        documentTitle={local(label.name, label.nameKm) || label.acronym}
        crumbs={[{ label: t('organizations.title'), to: '/organizations' }]}
        actions={
          staff ? (
            <Button
              variant="default"
              leftSection={<IconEdit size={16} aria-hidden />}
              onClick={() => setDialog('organization')}
            >
              {t('organizations.edit')}
            </Button>
          ) : null
        }
      >
        <Text c="dimmed">
          {t(`organizationKind.${organization.kind}`)}
          {parent ? ` · ${t('organizations.partOf', { parent: parent.acronym })}` : ''}
        </Text>
      </PageHeader>
      {staff ? (
        <>
          <OrganizationFormModal
            organization={organization}
            opened={dialog === 'organization'}
            onClose={() => setDialog(null)}
          />
          <PersonFormModal
            person={null}
            organizationId={organization.id}
            opened={dialog === 'person'}
            onClose={() => setDialog(null)}
          />
        </>
      ) : null}
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="focal-heading">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="focal-heading">
              {t('organizations.focalPoints')}
            </Title>
            {staff ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => setDialog('person')}
              >
                {t('people.new')}
              </Button>
            ) : null}
          </Group>
          {organization.focalPoints.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('organizations.noFocalPoints')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('people.name')}</Table.Th>
                    <Table.Th>{t('people.position')}</Table.Th>
                    <Table.Th>{t('people.email')}</Table.Th>
                    <Table.Th>{t('people.phone')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {organization.focalPoints.map((p) => (
                    <FocalPointRow key={p.id} person={p} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="org-commitments-heading">
          <Title order={2} size="h4" id="org-commitments-heading" mb="sm">
            {t('organizations.commitments', { count: organization.commitments.totalCount })}
          </Title>
          {organization.commitments.nodes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('commitments.empty')}
            </Text>
          ) : (
            <CommitmentList commitments={organization.commitments.nodes} />
          )}
        </Card>
      </Stack>
    </>
  );
}

/** One focal point: name and position read through the `PersonLabel` fragment, and how to reach them. */
function FocalPointRow({
  person,
}: {
  person: FragmentType<typeof PersonLabelFragmentDoc> & { email: string | null; phone: string | null };
}) {
  const { data: p, complete } = useFragment({
    fragment: PersonLabelFragmentDoc,
    fragmentName: 'PersonLabel',
    from: person,
  });
  if (!complete) return null;
  return (
    <Table.Tr>
      <Table.Td>
        <PersonName person={p} />
      </Table.Td>
      <Table.Td>
        <Local en={p.position} km={p.positionKm} />
      </Table.Td>
      <Table.Td data-testid="person-email">
        {person.email ? <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor> : '—'}
      </Table.Td>
      <Table.Td>{person.phone ?? '—'}</Table.Td>
    </Table.Tr>
  );
}
