import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconGavel, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/form-actions.js';
import { MutationError } from '../../components/states.js';
import { Local } from '../../components/text.js';
import {
  CreateCommitmentFromDecisionDocument,
  type DecisionFieldsFragment,
  DecisionsSectionMeetingFragmentDoc,
  type DecisionsSectionMeetingFragment,
} from '../../graphql/generated.js';
import { errorCode, type FieldErrors, fieldErrors, hasProblems } from '../../lib/errors.js';
import { CommitmentFields, type CommitmentDraft, emptyDraft } from '../commitments/commitment-fields.js';
import { CommitmentList } from '../commitments/commitment-list.js';
import { isPendingDecision } from '../offline/pending-view.js';
import { useOutboxMutation } from '../offline/use-outbox-mutation.js';
import { isStaff, useViewer } from '../session/session.js';
import { DecisionCorrections } from './decision-corrections.js';
import { checkDecision, type DecisionDraft, DecisionFields } from './decision-fields.js';
import type { Directory } from './directory.js';

/** Decisions taken in the meeting, and the commitments each gave rise to. */
export function DecisionsSection({
  meeting,
  ...props
}: {
  meeting: FragmentType<typeof DecisionsSectionMeetingFragmentDoc>;
  directory: Directory;
  editable: boolean;
}) {
  const { data, complete } = useFragment({
    fragment: DecisionsSectionMeetingFragmentDoc,
    fragmentName: 'DecisionsSectionMeeting',
    from: meeting,
  });
  return complete ? <DecisionList meeting={data} {...props} /> : null;
}

function DecisionList({
  meeting,
  directory,
  editable,
}: {
  meeting: DecisionsSectionMeetingFragment;
  directory: Directory;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const agendaNumber = new Map(
    [...meeting.agendaItems].sort((a, b) => a.position - b.position).map((item, index) => [item.id, index + 1]),
  );
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="decisions-heading">
      <Title order={2} size="h3" id="decisions-heading" mb="md">
        {t('decisions.title')}
      </Title>
      {meeting.decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('decisions.empty')}
        </Text>
      ) : null}
      <Stack gap="lg" component="ol" style={{ paddingLeft: '1.25rem', margin: 0 }}>
        {meeting.decisions.map((decision, index) => (
          <li key={decision.id} data-testid="decision">
            <DecisionItem
              decision={decision}
              meeting={meeting}
              directory={directory}
              editable={editable}
              agendaNumber={decision.agendaItem ? agendaNumber.get(decision.agendaItem.id) : undefined}
              number={index + 1}
            />
          </li>
        ))}
      </Stack>
      {editable ? <RecordDecisionForm meeting={meeting} /> : null}
    </Card>
  );
}

function DecisionItem({
  decision,
  meeting,
  directory,
  editable,
  agendaNumber,
  number,
}: {
  decision: DecisionFieldsFragment;
  meeting: DecisionsSectionMeetingFragment;
  directory: Directory;
  editable: boolean;
  agendaNumber: number | undefined;
  number: number;
}) {
  const { t } = useTranslation();
  const staff = isStaff(useViewer());
  const [adding, setAdding] = useState(false);
  if (isPendingDecision(decision.id)) {
    // Recorded offline: shown at once; corrected and followed up once the server has it.
    return (
      <Stack gap="xs">
        <Text>
          <Local en={decision.text} km={decision.textKm} />
        </Text>
        <Text size="xs" c="orange.8" data-testid="decision-pending">
          {t('offline.pendingDecision')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Text>
        <Local en={decision.text} km={decision.textKm} />
      </Text>
      {agendaNumber ? (
        <Text size="xs" c="dimmed">
          {t('decisions.underItem', { number: agendaNumber })}
        </Text>
      ) : null}
      {staff && meeting.status !== 'CANCELLED' ? (
        <DecisionCorrections decision={decision} meeting={meeting} number={number} />
      ) : null}
      {decision.commitments.length > 0 ? <CommitmentList commitments={decision.commitments} /> : null}
      {editable && !adding ? (
        <Group className="no-print">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('decisions.addCommitment')}
          </Button>
        </Group>
      ) : null}
      {adding ? (
        <InlineCommitmentForm
          meeting={meeting}
          decision={decision}
          directory={directory}
          onDone={() => setAdding(false)}
        />
      ) : null}
    </Stack>
  );
}

function toInputList(values: string[]): string[] | null {
  return values.length ? values : null;
}

/** A commitment created from a decision, without leaving the meeting screen. */
function InlineCommitmentForm({
  meeting,
  decision,
  directory,
  onDone,
}: {
  meeting: DecisionsSectionMeetingFragment;
  decision: DecisionFieldsFragment;
  directory: Directory;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CommitmentDraft>(() => emptyDraft(meeting.visibility));
  const [create, { loading, error }] = useMutation(CreateCommitmentFromDecisionDocument);
  const problems = fieldErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({
        variables: {
          input: {
            meetingId: meeting.id,
            decisionId: decision.id,
            title: draft.title.trim() || null,
            titleKm: draft.titleKm.trim() || null,
            description: draft.description.trim() || null,
            descriptionKm: draft.descriptionKm.trim() || null,
            leadOrganizationId: draft.leadOrganizationId,
            supportingOrganizationIds: toInputList(draft.supportingOrganizationIds),
            assigneeId: draft.assigneeId || null,
            dueDate: draft.dueDate || null,
            priority: draft.priority,
            gcmObjectives: draft.gcmObjectives.length ? draft.gcmObjectives.map(Number) : null,
            planObjectiveIds: toInputList(draft.planObjectiveIds),
            visibility: draft.visibility,
          },
        },
      });
      onDone();
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <Paper withBorder p="md" bg="gray.0" className="no-print">
      <form onSubmit={submit} noValidate aria-label={t('decisions.newCommitment')}>
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t('decisions.newCommitment')}
          </Text>
          {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
          <CommitmentFields
            idPrefix={`new-commitment-${decision.id}`}
            draft={draft}
            onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
            problems={problems}
            options={directory}
            meetingVisibility={meeting.visibility}
          />
          <FormActions onCancel={onDone} busy={loading} submitLabel={t('decisions.createCommitment')} />
        </Stack>
      </form>
    </Paper>
  );
}

function RecordDecisionForm({ meeting }: { meeting: DecisionsSectionMeetingFragment }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecisionDraft>({ agendaItemId: '', text: '', textKm: '' });
  const [record, { loading, error }] = useOutboxMutation('decision');
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(error), ...checked };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkDecision(draft);
    setChecked(found);
    if (hasProblems(found)) return;
    // Once saved, only what was sent is emptied: what was typed meanwhile stays.
    const sent = draft;
    try {
      await record({
        variables: {
          input: {
            meetingId: meeting.id,
            agendaItemId: draft.agendaItemId || null,
            text: draft.text.trim() || null,
            textKm: draft.textKm.trim() || null,
          },
        },
      });
      setDraft((d) => ({
        ...d,
        text: d.text === sent.text ? '' : d.text,
        textKm: d.textKm === sent.textKm ? '' : d.textKm,
      }));
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <form onSubmit={submit} noValidate className="no-print" aria-label={t('decisions.record')}>
      <Stack gap="xs" mt="lg" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
        <Text fw={600} size="sm">
          {t('decisions.record')}
        </Text>
        <MutationError error={error} fields={['agendaItemId', 'text', 'textKm']} />
        <DecisionFields
          meeting={meeting}
          draft={draft}
          onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
          problems={problems}
          testIdPrefix="decision"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} leftSection={<IconGavel size={16} aria-hidden />}>
            {t('decisions.recordButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
