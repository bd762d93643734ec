import { useMutation } from '@apollo/client/react';
import { Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { Local, PersonName, useLocalText } from '../../components/text.js';
import {
  type Attendance,
  type MeetingDetailFragment,
  type ParticipationRole,
  SetParticipationDocument,
} from '../../graphql/generated.js';
import { errorCode, fieldErrors } from '../../lib/errors.js';
import type { Directory } from './directory.js';

export const attendances: Attendance[] = ['INVITED', 'CONFIRMED', 'ATTENDED', 'APOLOGIES', 'ABSENT'];
export const participationRoles: ParticipationRole[] = ['CHAIR', 'RAPPORTEUR', 'PARTICIPANT', 'OBSERVER'];

type Participation = MeetingDetailFragment['participations'][number];

/** Who was invited and who came, grouped by the organisation they represented; check-in is one change. */
export function AttendanceSection({
  meeting,
  directory,
  editable,
}: {
  meeting: MeetingDetailFragment;
  directory: Directory;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [setParticipation, { error }] = useMutation(SetParticipationDocument);
  const groups = new Map<string, { organization: Participation['organization']; people: Participation[] }>();
  for (const participation of meeting.participations) {
    const key = participation.organization.id;
    const group = groups.get(key) ?? { organization: participation.organization, people: [] };
    group.people.push(participation);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.organization.acronym.localeCompare(b.organization.acronym));
  const present = meeting.participations.filter((p) => p.attendance === 'ATTENDED');
  const presentOrganizations = new Set(present.map((p) => p.organization.id)).size;

  const change = (participation: Participation, changes: { role?: ParticipationRole; attendance?: Attendance }) =>
    setParticipation({
      variables: {
        input: {
          meetingId: meeting.id,
          personId: participation.person.id,
          organizationId: participation.organization.id,
          role: changes.role ?? participation.role,
          attendance: changes.attendance ?? participation.attendance,
        },
      },
    }).catch(() => undefined);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="attendance-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="attendance-heading">
          {t('attendance.title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="attendance-summary">
          {t('attendance.summary', { people: present.length, organizations: presentOrganizations })}
        </Text>
      </Group>
      <MutationError error={error} />
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('attendance.empty')}
        </Text>
      ) : null}
      <Stack gap="md">
        {sorted.map((group) => (
          <div key={group.organization.id} data-testid="attendance-group">
            <Text fw={600} size="sm" mb={4}>
              {group.organization.acronym} ·{' '}
              <Local en={group.organization.name} km={group.organization.nameKm} fallback="" />
            </Text>
            <Table verticalSpacing={4} withRowBorders={false}>
              <Table.Thead className="visually-hidden">
                <Table.Tr>
                  <Table.Th>{t('attendance.person')}</Table.Th>
                  <Table.Th>{t('attendance.role')}</Table.Th>
                  <Table.Th>{t('attendance.attendance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.people.map((participation) => {
                  const name = participation.person.fullName ?? participation.person.fullNameKm ?? '';
                  return (
                    <Table.Tr key={participation.person.id}>
                      <Table.Td>
                        <Text size="sm">
                          <PersonName person={participation.person} />
                        </Text>
                      </Table.Td>
                      <Table.Td w={150}>
                        {editable ? (
                          <NativeSelect
                            size="xs"
                            aria-label={t('attendance.roleOf', { name })}
                            value={participation.role}
                            onChange={(e) =>
                              void change(participation, { role: e.currentTarget.value as ParticipationRole })
                            }
                            data={participationRoles.map((value) => ({
                              value,
                              label: t(`participationRole.${value}`),
                            }))}
                          />
                        ) : (
                          <Text size="sm">{t(`participationRole.${participation.role}`)}</Text>
                        )}
                      </Table.Td>
                      <Table.Td w={160}>
                        {editable ? (
                          <NativeSelect
                            size="xs"
                            aria-label={t('attendance.attendanceOf', { name })}
                            value={participation.attendance}
                            onChange={(e) =>
                              void change(participation, { attendance: e.currentTarget.value as Attendance })
                            }
                            data={attendances.map((value) => ({ value, label: t(`attendanceStatus.${value}`) }))}
                          />
                        ) : (
                          <Text size="sm">{t(`attendanceStatus.${participation.attendance}`)}</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </Stack>
      {editable ? <CheckInForm meeting={meeting} directory={directory} /> : null}
    </Card>
  );
}

/** Adds someone to the meeting (by default as present), choosing their organisation first. */
function CheckInForm({ meeting, directory }: { meeting: MeetingDetailFragment; directory: Directory }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [organizationId, setOrganizationId] = useState('');
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<ParticipationRole>('PARTICIPANT');
  const [attendance, setAttendance] = useState<Attendance>('ATTENDED');
  const [setParticipation, { loading, error }] = useMutation(SetParticipationDocument);
  const problems = fieldErrors(error);
  const already = new Set(meeting.participations.map((p) => p.person.id));
  const people = directory.people.filter(
    (p) => !already.has(p.id) && (!organizationId || p.organization?.id === organizationId),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await setParticipation({
        variables: {
          input: { meetingId: meeting.id, personId, organizationId: organizationId || null, role, attendance },
        },
      });
      setPersonId('');
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <form onSubmit={submit} noValidate className="no-print" aria-label={t('attendance.checkIn')}>
      <Stack gap="xs" mt="lg" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
        <Text fw={600} size="sm">
          {t('attendance.checkIn')}
        </Text>
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Group grow align="flex-start">
          <NativeSelect
            label={t('attendance.organization')}
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.currentTarget.value);
              setPersonId('');
            }}
            error={problems.organizationId}
            data={[
              { value: '', label: t('filters.any') },
              ...directory.organizations.map((o) => ({ value: o.id, label: o.acronym })),
            ]}
            data-testid="checkin-organization"
          />
          <NativeSelect
            label={t('attendance.person')}
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            error={problems.personId}
            data={[
              { value: '', label: t('forms.choose') },
              ...people.map((p) => ({ value: p.id, label: local(p.fullName, p.fullNameKm) })),
            ]}
            data-testid="checkin-person"
          />
        </Group>
        <Group grow align="flex-start">
          <NativeSelect
            label={t('attendance.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as ParticipationRole)}
            error={problems.role}
            data={participationRoles.map((value) => ({ value, label: t(`participationRole.${value}`) }))}
          />
          <NativeSelect
            label={t('attendance.attendance')}
            value={attendance}
            onChange={(e) => setAttendance(e.currentTarget.value as Attendance)}
            error={problems.attendance}
            data={attendances.map((value) => ({ value, label: t(`attendanceStatus.${value}`) }))}
          />
        </Group>
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={loading}
            disabled={!personId}
            leftSection={<IconUserCheck size={16} aria-hidden />}
          >
            {t('attendance.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
