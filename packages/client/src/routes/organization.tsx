import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { Local, PersonName, useLocalText } from '../components/text.js';
import { CommitmentList } from '../features/commitments/commitment-list.js';
import { OrganizationPageDocument } from '../graphql/generated.js';

export function OrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const local = useLocalText();
  const { data, loading, error, refetch } = useQuery(OrganizationPageDocument, { variables: { id } });
  const organization = data?.node?.__typename === 'Organization' ? data.node : null;
  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!organization) {
    return (
      <EmptyState
        title={t('organizations.notFound')}
        action={
          <Button component={Link} to="/organizations" variant="default">
            {t('organizations.title')}
          </Button>
        }
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
      >
        <Text c="dimmed">
          {t(`organizationKind.${organization.kind}`)}
          {organization.parent ? ` · ${t('organizations.partOf', { parent: organization.parent.acronym })}` : ''}
        </Text>
      </PageHeader>
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="focal-heading">
          <Title order={2} size="h4" id="focal-heading" mb="sm">
            {t('organizations.focalPoints')}
          </Title>
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
