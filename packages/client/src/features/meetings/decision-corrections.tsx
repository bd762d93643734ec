import { useMutation } from '@apollo/client/react';
import { Button, Group, NativeSelect, Text, Textarea } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalForm, useFormProblems } from '../../components/modal-form.js';
import { Local, useLocalText } from '../../components/text.js';
import {
  type DecisionFieldsFragment,
  type DecisionsSectionMeetingFragment,
  RemoveDecisionDocument,
  UpdateDecisionDocument,
} from '../../graphql/generated.js';
import { checkTexts, type FieldErrors, hasProblems, TEXT_MAX } from '../../lib/errors.js';

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
  const local = useLocalText();
  const [agendaItemId, setAgendaItemId] = useState(decision.agendaItem?.id ?? '');
  const [text, setText] = useState(decision.text ?? '');
  const [textKm, setTextKm] = useState(decision.textKm ?? '');
  const [checked, setChecked] = useState<FieldErrors>({});
  const [update, { loading, error }] = useMutation(UpdateDecisionDocument);
  const problems = useFormProblems(error, checked);
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);

  const submit = async () => {
    const found = checkTexts(
      { text: { value: text, max: TEXT_MAX.text }, textKm: { value: textKm, max: TEXT_MAX.textKm } },
      { either: [['text', 'textKm']] },
    );
    setChecked(found);
    if (hasProblems(found)) return;
    try {
      await update({
        variables: {
          input: {
            id: decision.id,
            agendaItemId: agendaItemId || null,
            text: text.trim() || null,
            textKm: textKm.trim() || null,
          },
        },
      });
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

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
      <NativeSelect
        label={t('decisions.agendaItem')}
        value={agendaItemId}
        onChange={(e) => setAgendaItemId(e.currentTarget.value)}
        error={problems.agendaItemId}
        data={[
          { value: '', label: t('forms.none') },
          ...items.map((item, index) => ({
            value: item.id,
            label: `${index + 1}. ${local(item.title, item.titleKm)}`,
          })),
        ]}
      />
      <Textarea
        label={t('decisions.text')}
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={problems.text}
        data-autofocus
        data-testid="edit-decision-text"
      />
      <Textarea
        label={t('decisions.textKm')}
        autosize
        minRows={2}
        value={textKm}
        onChange={(e) => setTextKm(e.currentTarget.value)}
        error={problems.textKm}
        lang="km"
        data-testid="edit-decision-text-km"
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
