import { useMutation, useQuery } from '@apollo/client/react';
import { Paper, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/form-actions.js';
import { ConflictNotice, useMergingDraft } from '../../components/conflict.js';
import { ErrorState, LoadingState, MutationError } from '../../components/states.js';
import {
  type CommitmentDetailFragment,
  CommitmentEditOptionsDocument,
  type UpdateCommitmentInput,
  UpdateCommitmentDocument,
} from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';
import { CommitmentFields, type CommitmentDraft } from './commitment-fields.js';

function draftOf(c: CommitmentDetailFragment): CommitmentDraft {
  return {
    title: c.title ?? '',
    titleKm: c.titleKm ?? '',
    description: c.description ?? '',
    descriptionKm: c.descriptionKm ?? '',
    leadOrganizationId: c.leadOrganization.id,
    supportingOrganizationIds: c.supportingOrganizations.map((o) => o.id),
    assigneeId: c.assignee?.id ?? '',
    dueDate: c.dueDate ?? '',
    priority: c.priority ?? 'MEDIUM',
    gcmObjectives: c.gcmObjectives.map((g) => String(g.number)),
    planObjectiveIds: c.planObjectives.map((o) => o.id),
    visibility: c.visibility,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what this user changed goes to the server, so saving never undoes someone else's edit of another field. */
function changedInput(base: CommitmentDraft, draft: CommitmentDraft): Omit<UpdateCommitmentInput, 'id' | 'version'> {
  const input: Omit<UpdateCommitmentInput, 'id' | 'version'> = {};
  const text = (v: string) => v.trim() || null;
  if (!same(base.title, draft.title)) input.title = text(draft.title);
  if (!same(base.titleKm, draft.titleKm)) input.titleKm = text(draft.titleKm);
  if (!same(base.description, draft.description)) input.description = text(draft.description);
  if (!same(base.descriptionKm, draft.descriptionKm)) input.descriptionKm = text(draft.descriptionKm);
  if (!same(base.leadOrganizationId, draft.leadOrganizationId)) input.leadOrganizationId = draft.leadOrganizationId;
  if (!same(base.supportingOrganizationIds, draft.supportingOrganizationIds))
    input.supportingOrganizationIds = draft.supportingOrganizationIds;
  if (!same(base.assigneeId, draft.assigneeId)) input.assigneeId = draft.assigneeId || null;
  if (!same(base.dueDate, draft.dueDate)) input.dueDate = draft.dueDate || null;
  if (!same(base.priority, draft.priority)) input.priority = draft.priority;
  if (!same(base.gcmObjectives, draft.gcmObjectives)) input.gcmObjectives = draft.gcmObjectives.map(Number);
  if (!same([...base.planObjectiveIds].sort(), [...draft.planObjectiveIds].sort()))
    input.planObjectiveIds = draft.planObjectiveIds;
  if (!same(base.visibility, draft.visibility)) input.visibility = draft.visibility;
  return input;
}

/**
 * The secretariat edits a commitment. On CONFLICT the typed values stay; "load their version" takes the other
 * person's values for every field this user did not touch, and the next save sends only this user's changes.
 */
export function CommitmentEditForm({
  commitment,
  onReload,
  onClose,
}: {
  commitment: CommitmentDetailFragment;
  onReload: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const options = useQuery(CommitmentEditOptionsDocument);
  const meetingVisibility = commitment.meeting?.visibility ?? null;
  const [dueDateReason, setDueDateReason] = useState('');
  const [update, { loading, error, reset }] = useMutation(UpdateCommitmentDocument);
  const { draft, setDraft, base, awaitingTheirs, reloadTheirs } = useMergingDraft(
    draftOf(commitment),
    commitment.version,
    onReload,
    reset,
  );
  const problems = fieldErrors(error);
  const conflict = conflictVersion(error) !== undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes = changedInput(base.current.draft, draft);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    // A moved due date takes its reason along into the due date history.
    if (changes.dueDate !== undefined && dueDateReason.trim()) changes.dueDateReason = dueDateReason.trim();
    try {
      const result = await update({
        variables: { input: { id: commitment.id, version: base.current.version, ...changes } },
      });
      if (result.data) onClose();
    } catch {
      // Shown beside the fields or as a conflict.
    }
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="edit-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="edit-heading">
            {t('commitments.edit')}
          </Title>
          {conflict ? <ConflictNotice reloading={awaitingTheirs} onReload={reloadTheirs} /> : null}
          {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
          {options.loading && !options.data ? <LoadingState /> : null}
          {options.error && !options.data ? <ErrorState error={options.error} /> : null}
          {options.data ? (
            <CommitmentFields
              idPrefix="edit-commitment"
              meetingVisibility={meetingVisibility}
              draft={draft}
              onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
              problems={problems}
              options={options.data}
              supportingOrganizations={commitment.supportingOrganizations}
            />
          ) : null}
          {options.data && draft.dueDate !== base.current.draft.dueDate ? (
            <Textarea
              label={t('dueDates.changeReason')}
              description={t('dueDates.changeReasonHint')}
              autosize
              minRows={2}
              value={dueDateReason}
              onChange={(e) => setDueDateReason(e.currentTarget.value)}
              error={problems.dueDateReason}
              data-testid="edit-due-date-reason"
            />
          ) : null}
          <FormActions onCancel={onClose} busy={loading} submitDisabled={conflict} />
        </Stack>
      </form>
    </Paper>
  );
}
