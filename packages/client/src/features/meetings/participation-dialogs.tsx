import { useMutation } from '@apollo/client/react';
import { Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useCheckedSubmit } from '../../components/modal-form.js';
import { PersonName, useLocalText } from '../../components/text.js';
import {
  Attendance,
  type AttendanceSectionMeetingFragment,
  ParticipationRole,
  RemoveParticipationDocument,
  SetParticipationDocument,
  Sex,
} from '../../graphql/generated.js';
import { enumValues } from '../../lib/enums.js';
import { checkTexts, type FieldErrors, TEXT_MAX } from '../../lib/errors.js';

export type Participation = AttendanceSectionMeetingFragment['participations'][number];

/** In the order of a meeting's life, and of precedence (the schema's order is alphabetical). */
export const attendances = enumValues(Attendance, { INVITED: 0, CONFIRMED: 1, ATTENDED: 2, APOLOGIES: 3, ABSENT: 4 });
export const participationRoles = enumValues(ParticipationRole, {
  CHAIR: 0,
  RAPPORTEUR: 1,
  PARTICIPANT: 2,
  OBSERVER: 3,
});

/** The sexes a participant may be recorded with, in the order the counts show them. */
export const sexes = enumValues(Sex, { FEMALE: 0, MALE: 1, OTHER: 2, UNDISCLOSED: 3 });

/** The server's limit for the position held at a meeting (the same as a person's position). */
export const POSITION_HELD_MAX = TEXT_MAX.positionHeld;

const FIELDS = ['role', 'attendance', 'positionHeld', 'onBehalfOfId', 'sex', 'organizationId'] as const;

/** Who a participant may stand in for: the other people on the meeting's list. */
export function substituteOptions(meeting: AttendanceSectionMeetingFragment, personId: string) {
  return meeting.participations.filter((p) => p.person.id !== personId).map((p) => p.person);
}

/** What the participation forms edit about one participant (`''` for none). */
export interface ParticipationDraft {
  role: ParticipationRole;
  attendance: Attendance;
  positionHeld: string;
  onBehalfOfId: string;
  sex: Sex | '';
}

/** The problems the browser can find in a participation before sending it (the position held too long). */
export function checkParticipation(draft: ParticipationDraft): FieldErrors {
  return checkTexts({ positionHeld: { value: draft.positionHeld, max: POSITION_HELD_MAX } });
}

/** A draft as the participation mutation takes it. */
export function participationInput(draft: ParticipationDraft) {
  return {
    role: draft.role,
    attendance: draft.attendance,
    positionHeld: draft.positionHeld.trim() || null,
    onBehalfOfId: draft.onBehalfOfId || null,
    sex: draft.sex || null,
  };
}

interface ParticipationDialogProps {
  meeting: AttendanceSectionMeetingFragment;
  participation: Participation;
  onClose: () => void;
}

/** Corrects one participant's record: role, attendance, position held at this meeting, "on behalf of", sex. */
export function ParticipationDetailsModal({ meeting, participation, onClose }: ParticipationDialogProps) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [draft, setDraft] = useState<ParticipationDraft>(() => ({
    role: participation.role,
    attendance: participation.attendance,
    positionHeld: participation.positionHeld ?? '',
    onBehalfOfId: participation.onBehalfOf?.id ?? '',
    sex: participation.sex ?? '',
  }));
  const [save, { loading, error }] = useMutation(SetParticipationDocument);
  const { problems, submit } = useCheckedSubmit(
    error,
    () => checkParticipation(draft),
    async () => {
      await save({
        variables: {
          input: {
            meetingId: meeting.id,
            personId: participation.person.id,
            organizationId: participation.organization.id,
            ...participationInput(draft),
          },
        },
      });
      onClose();
    },
  );
  const name = local(participation.person.fullName, participation.person.fullNameKm);

  return (
    <ModalForm
      title={t('corrections.participantDetails', { name })}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={FIELDS}
      busy={loading}
      submitTestId="save-participant"
    >
      <ParticipationFields
        meeting={meeting}
        personId={participation.person.id}
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        idPrefix={`participant-${participation.person.id}`}
      />
    </ModalForm>
  );
}

/** Role and attendance, position held at this meeting, "on behalf of" (a substitute for an invited person) and sex. */
export function ParticipationFields({
  meeting,
  personId,
  draft,
  onChange,
  problems,
  idPrefix,
}: {
  meeting: AttendanceSectionMeetingFragment;
  personId: string;
  draft: ParticipationDraft;
  onChange: (changes: Partial<ParticipationDraft>) => void;
  problems: FieldErrors;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  return (
    <>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('attendance.role')}
          value={draft.role}
          onChange={(e) => onChange({ role: e.currentTarget.value as ParticipationRole })}
          error={problems.role}
          data={participationRoles.map((value) => ({ value, label: t(`participationRole.${value}`) }))}
        />
        <NativeSelect
          label={t('attendance.attendance')}
          value={draft.attendance}
          onChange={(e) => onChange({ attendance: e.currentTarget.value as Attendance })}
          error={problems.attendance}
          data={attendances.map((value) => ({ value, label: t(`attendanceStatus.${value}`) }))}
        />
      </Group>
      <TextInput
        id={`${idPrefix}-position`}
        label={t('attendance.positionHeld')}
        description={t('attendance.positionHeldHint')}
        value={draft.positionHeld}
        onChange={(e) => onChange({ positionHeld: e.currentTarget.value })}
        error={problems.positionHeld}
        data-testid="participant-position"
      />
      <Group grow align="flex-start">
        <NativeSelect
          id={`${idPrefix}-on-behalf-of`}
          label={t('attendance.onBehalfOf')}
          description={t('attendance.onBehalfOfHint')}
          value={draft.onBehalfOfId}
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
          value={draft.sex}
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
export function RemoveParticipantModal({ meeting, participation, onClose }: ParticipationDialogProps) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [remove, { loading, error }] = useMutation(RemoveParticipationDocument);
  const name = local(participation.person.fullName, participation.person.fullNameKm);
  const standsIn = meeting.participations.filter((p) => p.onBehalfOf?.id === participation.person.id);
  return (
    <ModalForm
      title={t('corrections.removeParticipant', { name })}
      onClose={onClose}
      onSubmit={() =>
        remove({ variables: { input: { meetingId: meeting.id, personId: participation.person.id } } }).then(onClose)
      }
      error={error}
      busy={loading}
      cancelLabel={t('corrections.keep')}
      submitLabel={t('corrections.removeParticipantButton')}
      submitColor="red.9"
      submitTestId="confirm-remove-participant"
    >
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
    </ModalForm>
  );
}
