import { Alert, MultiSelect, NativeSelect, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { DateField } from '../../components/date-field.js';
import { useLocalText } from '../../components/text.js';
import { Priority, Visibility } from '../../graphql/generated.js';
import { enumValues } from '../../lib/enums.js';
import type { FieldErrors } from '../../lib/errors.js';
import { aboveMeeting } from '../plans/plan-links.js';
import { PlanObjectivePicker } from '../plans/plan-objective-picker.js';
import { useDigits } from '../plans/digits.js';
import { OrganizationPicker, OrganizationsPicker } from '../organizations/organization-picker.js';
import { PersonPicker } from '../people/person-picker.js';

export const priorities = enumValues(Priority, { LOW: 0, MEDIUM: 1, HIGH: 2 });
export const visibilityOptions = enumValues(Visibility);

/** What a commitment form edits, as the form holds it (strings for inputs, '' for none). */
export interface CommitmentDraft {
  title: string;
  titleKm: string;
  description: string;
  descriptionKm: string;
  leadOrganizationId: string;
  supportingOrganizationIds: string[];
  assigneeId: string;
  dueDate: string;
  priority: Priority;
  gcmObjectives: string[];
  planObjectiveIds: string[];
  visibility: Visibility;
}

export const emptyDraft = (visibility: Visibility = 'INTERNAL'): CommitmentDraft => ({
  title: '',
  titleKm: '',
  description: '',
  descriptionKm: '',
  leadOrganizationId: '',
  supportingOrganizationIds: [],
  assigneeId: '',
  dueDate: '',
  priority: 'MEDIUM',
  gcmObjectives: [],
  planObjectiveIds: [],
  visibility,
});

interface Options {
  gcmObjectives: readonly { number: number; title: string; titleKm: string | null }[];
}

/** The fields of a commitment, with server problems shown beside each (keys are the API's input names). */
export function CommitmentFields({
  draft,
  onChange,
  problems,
  options,
  supportingOrganizations,
  idPrefix,
  meetingVisibility,
}: {
  draft: CommitmentDraft;
  onChange: (changes: Partial<CommitmentDraft>) => void;
  problems: FieldErrors;
  options: Options;
  /** The supporting organisations chosen before the form opened, so that their names show. */
  supportingOrganizations?: readonly { id: string; acronym: string; name: string | null; nameKm: string | null }[];
  idPrefix: string;
  /** The visibility of the meeting the commitment comes from: a commitment may not be shown wider than it. */
  meetingVisibility?: Visibility | null;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const digits = useDigits();
  const tooVisible = aboveMeeting(draft.visibility, meetingVisibility);
  const warningId = `${idPrefix}-visibility-warning`;
  // Mantine sets the field's aria-describedby to its own description and error, so the warning beside the field
  // joins them here (React leaves the attribute alone until Mantine's value changes, and then this runs again).
  const visibilityRef = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => {
    const field = visibilityRef.current;
    if (!field) return;
    const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== warningId);
    if (tooVisible) ids.push(warningId);
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <BilingualTextInputs
        field="title"
        labels={{ en: t('commitments.fields.title'), km: t('commitments.fields.titleKm') }}
        values={draft}
        onChange={(field, value) => onChange({ [field]: value })}
        errors={problems}
        idPrefix={idPrefix}
      />
      <Textarea
        id={`${idPrefix}-description`}
        label={t('commitments.fields.description')}
        autosize
        minRows={2}
        value={draft.description}
        onChange={(e) => onChange({ description: e.currentTarget.value })}
        error={problems.description}
      />
      <Textarea
        id={`${idPrefix}-descriptionKm`}
        label={t('commitments.fields.descriptionKm')}
        autosize
        minRows={2}
        value={draft.descriptionKm}
        onChange={(e) => onChange({ descriptionKm: e.currentTarget.value })}
        error={problems.descriptionKm}
        lang="km"
      />
      <OrganizationPicker
        id={`${idPrefix}-lead`}
        label={t('commitments.fields.leadOrganization')}
        required
        value={draft.leadOrganizationId || null}
        onChange={(id) => onChange({ leadOrganizationId: id ?? '' })}
        error={problems.leadOrganizationId}
        placeholder={t('forms.choose')}
      />
      {/* Among the lead organisation's people once it is chosen. */}
      <PersonPicker
        id={`${idPrefix}-assignee`}
        label={t('commitments.fields.assignee')}
        value={draft.assigneeId || null}
        onChange={(id) => onChange({ assigneeId: id ?? '' })}
        organizationId={draft.leadOrganizationId || null}
        error={problems.assigneeId}
        placeholder={t('forms.none')}
        clearable
      />
      <OrganizationsPicker
        id={`${idPrefix}-supporting`}
        label={t('commitments.fields.supportingOrganizations')}
        value={draft.supportingOrganizationIds}
        onChange={(value) => onChange({ supportingOrganizationIds: value })}
        selected={supportingOrganizations}
        exclude={[draft.leadOrganizationId]}
        error={problems.supportingOrganizationIds}
        clearable
      />
      <DateField
        id={`${idPrefix}-dueDate`}
        label={t('commitments.fields.dueDate')}
        value={draft.dueDate}
        onChange={(dueDate) => onChange({ dueDate })}
        error={problems.dueDate}
      />
      <NativeSelect
        id={`${idPrefix}-priority`}
        label={t('commitments.fields.priority')}
        value={draft.priority}
        onChange={(e) => onChange({ priority: e.currentTarget.value as Priority })}
        error={problems.priority}
        data={priorities.map((value) => ({ value, label: t(`priority.${value}`) }))}
      />
      <Stack gap={6}>
        <NativeSelect
          id={`${idPrefix}-visibility`}
          label={t('commitments.fields.visibility')}
          description={
            meetingVisibility && meetingVisibility !== 'PUBLIC'
              ? t('plan.visibility.limit', { meeting: t(`visibility.${meetingVisibility}`) })
              : undefined
          }
          value={draft.visibility}
          onChange={(e) => onChange({ visibility: e.currentTarget.value as Visibility })}
          error={problems.visibility}
          ref={visibilityRef}
          data={visibilityOptions.map((value) => ({
            value,
            label: aboveMeeting(value, meetingVisibility)
              ? t('plan.visibility.optionAbove', { visibility: t(`visibility.${value}`) })
              : t(`visibility.${value}`),
          }))}
          data-testid="commitment-visibility"
        />
        {tooVisible && meetingVisibility ? (
          <Alert
            id={warningId}
            color="orange"
            variant="light"
            icon={<IconEyeOff size={16} aria-hidden />}
            title={t('plan.visibility.warningTitle')}
            data-testid="visibility-warning"
            p="xs"
          >
            {t(`plan.visibility.warning.${meetingVisibility}`, {
              chosen: t(`visibility.${draft.visibility}`),
              meeting: t(`visibility.${meetingVisibility}`),
            })}
          </Alert>
        ) : null}
      </Stack>
      <MultiSelect
        id={`${idPrefix}-gcm`}
        label={t('commitments.fields.gcmObjectives')}
        value={draft.gcmObjectives}
        onChange={(value) => onChange({ gcmObjectives: value })}
        error={problems.gcmObjectives}
        data={options.gcmObjectives.map((g) => ({
          value: String(g.number),
          label: `${digits(g.number)}. ${local(g.title, g.titleKm)}`,
        }))}
        searchable
        clearable
        style={{ gridColumn: '1 / -1' }}
      />
      <PlanObjectivePicker
        id={`${idPrefix}-planObjectives`}
        value={draft.planObjectiveIds}
        onChange={(value) => onChange({ planObjectiveIds: value })}
        error={problems.planObjectiveIds}
      />
    </SimpleGrid>
  );
}
