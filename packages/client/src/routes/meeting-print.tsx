import { useQuery } from '@apollo/client/react';
import { Button, Container, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PrintTable } from '../components/list-table.js';
import { useDocumentTitle } from '../components/page.js';
import { QueryStates } from '../components/states.js';
import {
  DateText,
  DateTimeText,
  Local,
  OrganizationName,
  PersonName,
  useLanguage,
  useLocalText,
} from '../components/text.js';
import { MarkdownText } from '../features/meetings/markdown.js';
import { MattersArisingReview } from '../features/meetings/matters-arising.js';
import { MeetingPrintDocument } from '../graphql/generated.js';
import { LanguageSwitch } from '../layout/language-switch.js';

/** The minutes as a document: print it, or save it as PDF from the browser's print dialog. */
export function MeetingPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const language = useLanguage();
  const local = useLocalText();
  const { data, loading, error, refetch } = useQuery(MeetingPrintDocument, { variables: { id } });
  const meeting = data?.node?.__typename === 'Meeting' ? data.node : null;
  useDocumentTitle(meeting ? `${t('print.minutes')} — ${local(meeting.title, meeting.titleKm)}` : t('print.minutes'));

  return (
    <Container size="md" py="lg">
      <main>
        <Group justify="space-between" className="no-print" mb="lg">
          <Button
            component={Link}
            to={`/meetings/${encodeURIComponent(id)}`}
            variant="default"
            leftSection={<IconArrowLeft size={16} aria-hidden />}
          >
            {t('print.back')}
          </Button>
          <Group gap="xs">
            <LanguageSwitch />
            <Button onClick={() => window.print()} leftSection={<IconPrinter size={16} aria-hidden />}>
              {t('print.print')}
            </Button>
          </Group>
        </Group>
        <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
        {meeting ? (
          <Stack gap="lg">
            <header>
              <Text size="sm" c="dimmed">
                {t('app.organization')}
              </Text>
              <Title order={1} size="h2">
                {t('print.minutes')}: <Local en={meeting.title} km={meeting.titleKm} />
              </Title>
              <Text>
                <DateTimeText value={meeting.startsAt} />
                {meeting.location ? ` · ${meeting.location}` : ''}
              </Text>
              <Text size="sm">
                {t('meetings.fields.organizer')}: <OrganizationName organization={meeting.organizer} full />
                {meeting.chair ? (
                  <>
                    {' · '}
                    {t('meetings.fields.chair')}: <PersonName person={meeting.chair} />
                  </>
                ) : null}
              </Text>
              <Text size="sm">
                {t('meetings.fields.status')}: {t(`meetingStatus.${meeting.status}`)}
              </Text>
            </header>

            <section>
              <Title order={2} size="h3" mb="xs">
                {t('attendance.present')}
              </Title>
              <PrintTable
                head={
                  <>
                    <Table.Th>{t('attendance.organization')}</Table.Th>
                    <Table.Th>{t('attendance.person')}</Table.Th>
                    <Table.Th>{t('attendance.role')}</Table.Th>
                    <Table.Th>{t('attendance.attendance')}</Table.Th>
                  </>
                }
              >
                {[...meeting.participations]
                  .sort((a, b) => a.organization.acronym.localeCompare(b.organization.acronym))
                  .map((p) => (
                    <Table.Tr key={p.person.id}>
                      <Table.Td>{p.organization.acronym}</Table.Td>
                      <Table.Td>
                        <PersonName person={p.person} />
                      </Table.Td>
                      <Table.Td>{t(`participationRole.${p.role}`)}</Table.Td>
                      <Table.Td>{t(`attendanceStatus.${p.attendance}`)}</Table.Td>
                    </Table.Tr>
                  ))}
              </PrintTable>
            </section>

            <MattersArisingReview meeting={meeting} />

            <section>
              <Title order={2} size="h3" mb="xs">
                {t('agenda.title')}
              </Title>
              <Stack gap="md">
                {[...meeting.agendaItems]
                  .sort((a, b) => a.position - b.position)
                  .map((item, index) => {
                    const minutes = language === 'km' ? item.minutesKm || item.minutes : item.minutes || item.minutesKm;
                    return (
                      <section key={item.id}>
                        <Title order={3} size="h4">
                          {index + 1}. <Local en={item.title} km={item.titleKm} />
                        </Title>
                        {minutes ? <MarkdownText text={minutes} /> : <Text c="dimmed">{t('minutes.none')}</Text>}
                        {meeting.decisions
                          .filter((d) => d.agendaItem?.id === item.id)
                          .map((decision) => (
                            <Text key={decision.id} mt="xs">
                              <strong>{t('print.decision')}:</strong> <Local en={decision.text} km={decision.textKm} />
                            </Text>
                          ))}
                      </section>
                    );
                  })}
              </Stack>
            </section>

            <section>
              <Title order={2} size="h3" mb="xs">
                {t('print.commitments')}
              </Title>
              <PrintTable
                head={
                  <>
                    <Table.Th>{t('commitments.fields.reference')}</Table.Th>
                    <Table.Th>{t('commitments.fields.title')}</Table.Th>
                    <Table.Th>{t('commitments.fields.leadOrganization')}</Table.Th>
                    <Table.Th>{t('commitments.fields.dueDate')}</Table.Th>
                  </>
                }
              >
                {meeting.decisions.flatMap((d) =>
                  d.commitments.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.reference}</Table.Td>
                      <Table.Td>
                        <Local en={c.title} km={c.titleKm} />
                      </Table.Td>
                      <Table.Td>{c.leadOrganization.acronym}</Table.Td>
                      <Table.Td>
                        <DateText value={c.dueDate} />
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </PrintTable>
            </section>
          </Stack>
        ) : null}
      </main>
    </Container>
  );
}
