import { ActionIcon, Button, Card, Group, NativeSelect, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconUserCheck, IconUserMinus } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { Local, PersonName, useLanguage } from '../../components/text.js';
import type { ApolloCache, FragmentType } from '@apollo/client';
import { useApolloClient, useFragment } from '@apollo/client/react';
import {
  type Attendance,
  AttendanceSectionMeetingFragmentDoc,
  CheckInOrganizationFragmentDoc,
  CheckInPersonFragmentDoc,
  type AttendanceSectionMeetingFragment,
  type ParticipationRole,
} from '../../graphql/generated.js';
import { type FieldErrors, fieldErrors, hasProblems } from '../../lib/errors.js';
import { formatNumber } from '../../lib/format.js';
import type { ParticipantLabel } from '../offline/offline-db.js';
import { useOutboxMutation } from '../offline/use-outbox-mutation.js';
import { OrganizationPicker } from '../organizations/organization-picker.js';
import { PersonPicker } from '../people/person-picker.js';
import {
  attendances,
  checkParticipation,
  type ParticipationDraft,
  ParticipationDetailsModal,
  ParticipationFields,
  participationInput,
  participationRoles,
  RemoveParticipantModal,
  sexes,
} from './participation-dialogs.js';

type Participation = AttendanceSectionMeetingFragment['participations'][number];

/** Who was invited and who came, grouped by the organisation they represented; check-in is one change. */
export function AttendanceSection({
  meeting,
  ...props
}: {
  meeting: FragmentType<typeof AttendanceSectionMeetingFragmentDoc>;
  editable: boolean;
}) {
  const { data, complete } = useFragment({
    fragment: AttendanceSectionMeetingFragmentDoc,
    fragmentName: 'AttendanceSectionMeeting',
    from: meeting,
  });
  return complete ? <AttendanceList meeting={data} {...props} /> : null;
}

function AttendanceList({ meeting, editable }: { meeting: AttendanceSectionMeetingFragment; editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [setParticipation, { error }] = useOutboxMutation('participation');
  const [dialog, setDialog] = useState<{ kind: 'details' | 'remove'; personId: string } | null>(null);
  const dialogFor = meeting.participations.find((p) => p.person.id === dialog?.personId);
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
          {t('attendance.summary', {
            people: formatNumber(present.length, language),
            organizations: formatNumber(presentOrganizations, language),
          })}
        </Text>
      </Group>
      <AttendanceBySex counts={meeting.attendanceBySex} />
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
                        <ParticipantFacts participation={participation} />
                        {editable ? (
                          <div className="no-print">
                            <Group gap={4} wrap="nowrap" mt={4}>
                              <Tooltip label={t('corrections.participantDetails', { name })}>
                                <ActionIcon
                                  variant="default"
                                  size="sm"
                                  aria-label={t('corrections.participantDetails', { name })}
                                  onClick={() => setDialog({ kind: 'details', personId: participation.person.id })}
                                  data-testid="participant-details"
                                >
                                  <IconPencil size={14} aria-hidden />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={t('corrections.removeParticipant', { name })}>
                                <ActionIcon
                                  variant="default"
                                  color="red"
                                  size="sm"
                                  aria-label={t('corrections.removeParticipant', { name })}
                                  onClick={() => setDialog({ kind: 'remove', personId: participation.person.id })}
                                  data-testid="remove-participant"
                                >
                                  <IconUserMinus size={14} aria-hidden />
                                </ActionIcon>
                              </Tooltip>
                            </Group>
                          </div>
                        ) : null}
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
      {editable ? <CheckInForm meeting={meeting} /> : null}
      {editable && dialog && dialogFor && dialog.kind === 'details' ? (
        <ParticipationDetailsModal meeting={meeting} participation={dialogFor} onClose={() => setDialog(null)} />
      ) : null}
      {editable && dialog && dialogFor && dialog.kind === 'remove' ? (
        <RemoveParticipantModal meeting={meeting} participation={dialogFor} onClose={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}

/** Adds someone to the meeting (by default as present), choosing their organisation first. */
function CheckInForm({ meeting }: { meeting: AttendanceSectionMeetingFragment }) {
  const { t } = useTranslation();
  const { cache } = useApolloClient();
  const [organizationId, setOrganizationId] = useState('');
  const [personId, setPersonId] = useState('');
  const [draft, setDraft] = useState<ParticipationDraft>({
    role: 'PARTICIPANT',
    attendance: 'ATTENDED',
    positionHeld: '',
    onBehalfOfId: '',
    sex: '',
  });
  const [checked, setChecked] = useState<FieldErrors>({});
  const [setParticipation, { loading, error }] = useOutboxMutation('participation');
  const problems = { ...fieldErrors(error), ...checked };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkParticipation(draft);
    if (!personId) found.personId = t('problems.REQUIRED');
    setChecked(found);
    if (hasProblems(found)) return;
    // Once saved, only what was sent is emptied: what was chosen meanwhile (the next person) stays.
    const sent = { personId, ...draft };
    try {
      await setParticipation({
        shown: labelOf(cache, personId, organizationId),
        variables: {
          input: {
            meetingId: meeting.id,
            personId,
            organizationId: organizationId || null,
            ...participationInput(draft),
          },
        },
      });
      setPersonId((current) => (current === sent.personId ? '' : current));
      setDraft((d) => ({
        ...d,
        positionHeld: d.positionHeld === sent.positionHeld ? '' : d.positionHeld,
        onBehalfOfId: d.onBehalfOfId === sent.onBehalfOfId ? '' : d.onBehalfOfId,
        sex: d.sex === sent.sex ? '' : d.sex,
      }));
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
        <MutationError
          error={error}
          fields={['organizationId', 'personId', 'role', 'attendance', 'positionHeld', 'onBehalfOfId', 'sex']}
        />
        <Group grow align="flex-start">
          <OrganizationPicker
            label={t('attendance.organization')}
            value={organizationId || null}
            onChange={(id) => {
              setOrganizationId(id ?? '');
              setPersonId('');
            }}
            error={problems.organizationId}
            placeholder={t('filters.any')}
            clearable
            data-testid="checkin-organization"
          />
          <PersonPicker
            label={t('attendance.person')}
            value={personId || null}
            onChange={(id) => setPersonId(id ?? '')}
            organizationId={organizationId || null}
            error={problems.personId}
            clearable
            data-testid="checkin-person"
          />
        </Group>
        <ParticipationFields
          meeting={meeting}
          personId={personId}
          draft={draft}
          onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
          problems={problems}
          idPrefix="checkin"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} leftSection={<IconUserCheck size={16} aria-hidden />}>
            {t('attendance.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The newcomer's name and organisation as the pickers found them (they are in the cache from the search), kept with
 * the check-in so the page can show it before the server answers, offline too.
 */
function labelOf(cache: ApolloCache, personId: string, organizationId: string): ParticipantLabel | undefined {
  const person = cache.readFragment({
    fragment: CheckInPersonFragmentDoc,
    id: cache.identify({ __typename: 'Person', id: personId }),
  });
  if (!person) return undefined;
  const chosenId = organizationId || person.organization?.id;
  const chosen = chosenId
    ? cache.readFragment({
        fragment: CheckInOrganizationFragmentDoc,
        id: cache.identify({ __typename: 'Organization', id: chosenId }),
      })
    : null;
  const home = person.organization;
  const organization = chosen
    ? { id: chosen.id, acronym: chosen.acronym, name: chosen.name, nameKm: chosen.nameKm }
    : home && home.id === chosenId
      ? { id: home.id, acronym: home.acronym, name: null, nameKm: null }
      : null;
  return { person: { id: person.id, fullName: person.fullName, fullNameKm: person.fullNameKm }, organization };
}

/** What was recorded about one participant beyond role and attendance: position held, substitute for whom, sex. */
function ParticipantFacts({ participation }: { participation: Participation }) {
  const { t } = useTranslation();
  const parts: { key: string; node: ReactNode }[] = [];
  if (participation.positionHeld) parts.push({ key: 'position', node: participation.positionHeld });
  if (participation.onBehalfOf) {
    parts.push({
      key: 'behalf',
      node: (
        <>
          {t('attendance.onBehalfOfShort')} <PersonName person={participation.onBehalfOf} />
        </>
      ),
    });
  }
  if (participation.sex) parts.push({ key: 'sex', node: t(`attendance.sexes.${participation.sex}`) });
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="participant-facts">
      {parts.map((part, i) => (
        <span key={part.key}>
          {i > 0 ? ' · ' : ''}
          {part.node}
        </span>
      ))}
    </Text>
  );
}

/** The gender-disaggregated attendance partners report: how many attended, by sex (counts in the reader's digits). */
function AttendanceBySex({ counts }: { counts: AttendanceSectionMeetingFragment['attendanceBySex'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return null;
  const ordered = [...sexes.map((sex) => counts.find((c) => c.sex === sex)), counts.find((c) => c.sex === null)].filter(
    (c): c is AttendanceSectionMeetingFragment['attendanceBySex'][number] => c !== undefined && c.count > 0,
  );
  return (
    <Text size="sm" mb="sm" data-testid="attendance-by-sex">
      <Text component="span" size="sm" fw={600}>
        {t('attendance.bySex')}:
      </Text>{' '}
      {ordered
        .map((c) =>
          t('attendance.sexCount', {
            sex: c.sex ? t(`attendance.sexes.${c.sex}`) : t('attendance.sexNotRecorded'),
            number: formatNumber(c.count, language),
          }),
        )
        .join(' · ')}
    </Text>
  );
}
