import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { PersonName, useLocalText } from '../../components/text.js';
import {
  type Attendance,
  type MeetingDetailFragment,
  type ParticipationRole,
  RemoveParticipationDocument,
  SetParticipationDocument,
  type Sex,
} from '../../graphql/generated.js';
import { checkTexts, type FieldErrors, fieldErrors, hasProblems, TEXT_MAX } from '../../lib/errors.js';

export type Participation = MeetingDetailFragment['participations'][number];

/** The sexes a participant may be recorded with, in the order the counts show them. */
export const sexes: Sex[] = ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'];

/** The server's limit for the position held at a meeting (the same as a person's position). */
export const POSITION_HELD_MAX = TEXT_MAX.positionHeld;

const FIELDS = ['role', 'attendance', 'positionHeld', 'onBehalfOfId', 'sex', 'organizationId'] as const;

/** Who a participant may stand in for: the other people on the meeting's list. */
export function substituteOptions(meeting: MeetingDetailFragment, personId: string) {
  return meeting.participations.filter((p) => p.person.id !== personId).map((p) => p.person);
}

/** Corrects one participant's record: role, attendance, position held at this meeting, "on behalf of", sex. */
export function ParticipationDetailsModal({
  meeting,
  participation,
  onClose,
}: {
  meeting: MeetingDetailFragment;
  participation: Participation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [role, setRole] = useState<ParticipationRole>(participation.role);
  const [attendance, setAttendance] = useState<Attendance>(participation.attendance);
  const [positionHeld, setPositionHeld] = useState(participation.positionHeld ?? '');
  const [onBehalfOfId, setOnBehalfOfId] = useState(participation.onBehalfOf?.id ?? '');
  const [sex, setSex] = useState<Sex | ''>(participation.sex ?? '');
  const [checked, setChecked] = useState<FieldErrors>({});
  const [save, { loading, error }] = useMutation(SetParticipationDocument);
  const problems = { ...fieldErrors(error), ...checked };
  const name = local(participation.person.fullName, participation.person.fullNameKm);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts({ positionHeld: { value: positionHeld, max: POSITION_HELD_MAX } });
    setChecked(found);
    if (hasProblems(found)) return;
    try {
      await save({
        variables: {
          input: {
            meetingId: meeting.id,
            personId: participation.person.id,
            organizationId: participation.organization.id,
            role,
            attendance,
            positionHeld: positionHeld.trim() || null,
            onBehalfOfId: onBehalfOfId || null,
            sex: sex || null,
          },
        },
      });
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('corrections.participantDetails', { name })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <form onSubmit={submit} noValidate aria-label={t('corrections.participantDetails', { name })}>
        <Stack gap="sm">
          <MutationError error={error} fields={FIELDS} />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('attendance.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as ParticipationRole)}
              error={problems.role}
              data={(['CHAIR', 'RAPPORTEUR', 'PARTICIPANT', 'OBSERVER'] as const).map((value) => ({
                value,
                label: t(`participationRole.${value}`),
              }))}
            />
            <NativeSelect
              label={t('attendance.attendance')}
              value={attendance}
              onChange={(e) => setAttendance(e.currentTarget.value as Attendance)}
              error={problems.attendance}
              data={(['INVITED', 'CONFIRMED', 'ATTENDED', 'APOLOGIES', 'ABSENT'] as const).map((value) => ({
                value,
                label: t(`attendanceStatus.${value}`),
              }))}
            />
          </Group>
          <ParticipantExtraFields
            meeting={meeting}
            personId={participation.person.id}
            positionHeld={positionHeld}
            onBehalfOfId={onBehalfOfId}
            sex={sex}
            onChange={(changes) => {
              if (changes.positionHeld !== undefined) setPositionHeld(changes.positionHeld);
              if (changes.onBehalfOfId !== undefined) setOnBehalfOfId(changes.onBehalfOfId);
              if (changes.sex !== undefined) setSex(changes.sex);
            }}
            problems={problems}
            idPrefix={`participant-${participation.person.id}`}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid="save-participant">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Position held at this meeting, "on behalf of" (a substitute for an invited person) and sex. */
export function ParticipantExtraFields({
  meeting,
  personId,
  positionHeld,
  onBehalfOfId,
  sex,
  onChange,
  problems,
  idPrefix,
}: {
  meeting: MeetingDetailFragment;
  personId: string;
  positionHeld: string;
  onBehalfOfId: string;
  sex: Sex | '';
  onChange: (changes: { positionHeld?: string; onBehalfOfId?: string; sex?: Sex | '' }) => void;
  problems: FieldErrors;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  return (
    <>
      <TextInput
        id={`${idPrefix}-position`}
        label={t('attendance.positionHeld')}
        description={t('attendance.positionHeldHint')}
        value={positionHeld}
        onChange={(e) => onChange({ positionHeld: e.currentTarget.value })}
        error={problems.positionHeld}
        data-testid="participant-position"
      />
      <Group grow align="flex-start">
        <NativeSelect
          id={`${idPrefix}-on-behalf-of`}
          label={t('attendance.onBehalfOf')}
          description={t('attendance.onBehalfOfHint')}
          value={onBehalfOfId}
          onChange={(e) => onChange({ onBehalfOfId: e.currentTarget.value })}
          error={problems.onBehalfOfId}
          data={[
            { value: '', label: t('forms.none') },
            ...substituteOptions(meeting, personId).map((p) => ({
              value: p.id,
              label: local(p.fullName, p.fullNameKm),
            })),
          ]}
          data-testid="participant-on-behalf-of"
        />
        <NativeSelect
          id={`${idPrefix}-sex`}
          label={t('attendance.sex')}
          description={t('attendance.sexHint')}
          value={sex}
          onChange={(e) => onChange({ sex: e.currentTarget.value as Sex | '' })}
          error={problems.sex}
          data={[
            { value: '', label: t('attendance.sexNotRecorded') },
            ...sexes.map((value) => ({ value, label: t(`attendance.sexes.${value}`) })),
          ]}
          data-testid="participant-sex"
        />
      </Group>
    </>
  );
}

/** Confirms removing someone checked in or invited by mistake; the audit trail keeps the record. */
export function RemoveParticipantModal({
  meeting,
  participation,
  onClose,
}: {
  meeting: MeetingDetailFragment;
  participation: Participation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [remove, { loading, error }] = useMutation(RemoveParticipationDocument);
  const name = local(participation.person.fullName, participation.person.fullNameKm);
  const standsIn = meeting.participations.filter((p) => p.onBehalfOf?.id === participation.person.id);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('corrections.removeParticipant', { name })}
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="sm">
        <MutationError error={error} fields={[]} />
        <Text size="sm">{t('corrections.confirmRemoveParticipant', { name })}</Text>
        {standsIn.length > 0 ? (
          <Text size="sm" c="orange.8">
            {t('corrections.substituteWarning')}{' '}
            {standsIn.map((p, i) => (
              <span key={p.person.id}>
                {i > 0 ? ', ' : ''}
                <PersonName person={p.person} />
              </span>
            ))}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('corrections.keep')}
          </Button>
          <Button
            color="red.9"
            loading={loading}
            data-testid="confirm-remove-participant"
            onClick={() =>
              void remove({
                variables: { input: { meetingId: meeting.id, personId: participation.person.id } },
              }).then(onClose, () => undefined)
            }
          >
            {t('corrections.removeParticipantButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
