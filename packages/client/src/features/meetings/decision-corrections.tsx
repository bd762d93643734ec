import { useMutation } from '@apollo/client/react';
import { Button, Group, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useCheckedSubmit } from '../../components/modal-form.js';
import { Local } from '../../components/text.js';
import {
  type DecisionFieldsFragment,
  type DecisionsSectionMeetingFragment,
  RemoveDecisionDocument,
  UpdateDecisionDocument,
} from '../../graphql/generated.js';
import { checkDecision, type DecisionDraft, DecisionFields } from './decision-fields.js';

const FIELDS = ['agendaItemId', 'text', 'textKm', 'id'] as const;

/** Why a decision can no longer be corrected, or null while it still can. */
export function decisionLock(
  decision: DecisionFieldsFragment,
  meeting: Pick<DecisionsSectionMeetingFragment, 'status'>,
): 'approved' | 'cancelled' | 'hasCommitments' | null {
  if (meeting.status === 'MINUTES_APPROVED') return 'approved';
  if (meeting.status === 'CANCELLED') return 'cancelled';
  if (decision.commitments.length > 0) return 'hasCommitments';
  return null;
}

/**
 * Edit and remove for a decision recorded by mistake (staff only). Once it has commitments or the minutes
 * are approved the buttons stay, disabled, with the reason beside them, so nobody wonders where they went.
 */
export function DecisionCorrections({
  decision,
  meeting,
  number,
}: {
  decision: DecisionFieldsFragment;
  meeting: DecisionsSectionMeetingFragment;
  number: number;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'edit' | 'remove' | null>(null);
  const lock = decisionLock(decision, meeting);
  const explanationId = `decision-lock-${decision.id}`;
  return (
    <>
      <Group gap="xs" className="no-print">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPencil size={14} aria-hidden />}
          disabled={lock !== null}
          aria-describedby={lock ? explanationId : undefined}
          aria-label={t('corrections.editDecision', { number })}
          onClick={() => setDialog('edit')}
          data-testid="edit-decision"
        >
          {t('corrections.edit')}
        </Button>
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconTrash size={14} aria-hidden />}
          disabled={lock !== null}
          aria-describedby={lock ? explanationId : undefined}
          aria-label={t('corrections.removeDecision', { number })}
          onClick={() => setDialog('remove')}
          data-testid="remove-decision"
        >
          {t('agenda.remove')}
        </Button>
        {lock ? (
          <Text size="xs" c="dimmed" id={explanationId} data-testid="decision-lock">
            {t(`corrections.decisionLocked.${lock}`)}
          </Text>
        ) : null}
      </Group>
      {dialog === 'edit' ? (
        <EditDecisionModal decision={decision} meeting={meeting} number={number} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'remove' ? (
        <RemoveDecisionModal decision={decision} number={number} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

function EditDecisionModal({
  decision,
  meeting,
  number,
  onClose,
}: {
  decision: DecisionFieldsFragment;
  meeting: DecisionsSectionMeetingFragment;
  number: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecisionDraft>(() => ({
    agendaItemId: decision.agendaItem?.id ?? '',
    text: decision.text ?? '',
    textKm: decision.textKm ?? '',
  }));
  const [update, { loading, error }] = useMutation(UpdateDecisionDocument);
  const { problems, submit } = useCheckedSubmit(
    error,
    () => checkDecision(draft),
    async () => {
      await update({
        variables: {
          input: {
            id: decision.id,
            agendaItemId: draft.agendaItemId || null,
            text: draft.text.trim() || null,
            textKm: draft.textKm.trim() || null,
          },
        },
      });
      onClose();
    },
  );

  return (
    <ModalForm
      title={t('corrections.editDecision', { number })}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={FIELDS}
      busy={loading}
      submitTestId="save-decision"
      size="lg"
    >
      <DecisionFields
        meeting={meeting}
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        testIdPrefix="edit-decision"
        autoFocus
      />
    </ModalForm>
  );
}

function RemoveDecisionModal({
  decision,
  number,
  onClose,
}: {
  decision: DecisionFieldsFragment;
  number: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [remove, { loading, error }] = useMutation(RemoveDecisionDocument);
  return (
    <ModalForm
      title={t('corrections.removeDecision', { number })}
      onClose={onClose}
      onSubmit={() => remove({ variables: { input: { id: decision.id } } }).then(onClose)}
      error={error}
      busy={loading}
      cancelLabel={t('corrections.keep')}
      submitLabel={t('corrections.removeDecisionButton')}
      submitColor="red.9"
      submitTestId="confirm-remove-decision"
    >
      <Text size="sm">{t('corrections.confirmRemoveDecision')}</Text>
      <Text size="sm" fs="italic">
        <Local en={decision.text} km={decision.textKm} />
      </Text>
    </ModalForm>
  );
}
