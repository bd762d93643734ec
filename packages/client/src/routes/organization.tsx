import { useQuery } from '@apollo/client/react';
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
import { PersonFormModal } from '../features/people/person-form.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { OrganizationPageDocument } from '../graphql/generated.js';

export function OrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const local = useLocalText();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const [dialog, setDialog] = useState<'organization' | 'person' | null>(null);
  const { data, loading, error, refetch } = useQuery(OrganizationPageDocument, { variables: { id } });
  const organization = data?.node?.__typename === 'Organization' ? data.node : null;
  if (!organization) {
    return (
      <RecordPageStates
        query={{ loading, error, data, refetch }}
        notFound={t('organizations.notFound')}
        back={{ to: '/organizations', label: t('organizations.title') }}
      />
    );
  }
  return (
    <>
      <PageHeader
        title={
          <>
            <Local en={organization.name} km={organization.nameKm} fallback={organization.acronym} /> (
            {organization.acronym})
          </>
        }
        documentTitle={local(organization.name, organization.nameKm) || organization.acronym}
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
          {organization.parent ? ` · ${t('organizations.partOf', { parent: organization.parent.acronym })}` : ''}
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
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <PersonName person={p} />
                      </Table.Td>
                      <Table.Td>
                        <Local en={p.position} km={p.positionKm} />
                      </Table.Td>
                      <Table.Td data-testid="person-email">
                        {p.email ? <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> : '—'}
                      </Table.Td>
                      <Table.Td>{p.phone ?? '—'}</Table.Td>
                    </Table.Tr>
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
