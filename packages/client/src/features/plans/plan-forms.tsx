import { useMutation } from '@apollo/client/react';
import { MultiSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BilingualTextInputs } from '../../components/bilingual-fields.js';
import { DateField } from '../../components/date-field.js';
import { ModalForm } from '../../components/modal-form.js';
import { useLocalText } from '../../components/text.js';
import {
  AddPlanGoalDocument,
  AddPlanObjectiveDocument,
  CreatePlanDocument,
  type PlanFieldsFragment,
  type PlanObjectiveFieldsFragment,
  PlanPageDocument,
  UpdatePlanDocument,
  UpdatePlanGoalDocument,
  type UpdatePlanInput,
  UpdatePlanObjectiveDocument,
  type UpdatePlanObjectiveInput,
} from '../../graphql/generated.js';
import { fieldErrors } from '../../lib/errors.js';
import { useDigits } from './digits.js';

const text = (value: string) => value.trim() || null;

/** A GCM objective as the objective form offers it. */
type GcmChoice = { number: number; title: string; titleKm: string | null };

// The input fields each form shows, so that their problems are shown beside them and not listed again above.
const PLAN_FIELDS = ['title', 'titleKm', 'periodStart', 'periodEnd'];
const GOAL_FIELDS = ['title', 'titleKm', 'position'];
const OBJECTIVE_FIELDS = ['code', 'title', 'titleKm', 'gcmObjectives'];

interface Titles {
  title: string;
  titleKm: string;
}

/** Neither title is filled in (a plan record needs one of the two). */
const noTitle = (draft: Titles) => !draft.title.trim() && !draft.titleKm.trim();

/** The titles a new record is sent with. */
const titlesOf = (draft: Titles) => ({ title: text(draft.title), titleKm: text(draft.titleKm) });

/** The titles that changed since the form opened, for an update. */
function changedTitles(draft: Titles, base: Titles): { title?: string | null; titleKm?: string | null } {
  return {
    ...(draft.title !== base.title ? { title: text(draft.title) } : {}),
    ...(draft.titleKm !== base.titleKm ? { titleKm: text(draft.titleKm) } : {}),
  };
}

/** The two title fields every plan record has: either language may be empty, not both (checked before sending). */
function TitleFields({
  draft,
  onChange,
  problems,
  checked,
  label,
}: {
  draft: Titles;
  onChange: (changes: Partial<Titles>) => void;
  problems: Record<string, string>;
  /** Submit was pressed: a missing title is said. */
  checked: boolean;
  label: { en: string; km: string };
}) {
  const { t } = useTranslation();
  const missing = checked && noTitle(draft) ? t('plan.problems.titleRequired') : undefined;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <BilingualTextInputs
        field="title"
        labels={label}
        values={draft}
        onChange={(field, value) => onChange({ [field]: value })}
        errors={{ title: problems.title ?? missing, titleKm: problems.titleKm ?? missing }}
        autoFocus
      />
    </SimpleGrid>
  );
}

/** Creates a plan or changes its title and period (secretariat). */
export function PlanFormModal({
  plan,
  opened,
  onClose,
}: {
  plan?: PlanFieldsFragment | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    // Mounted only while open, so each opening starts afresh.
    opened ? <PlanForm title={plan ? t('plan.editPlan') : t('plan.newPlan')} plan={plan} onClose={onClose} /> : null
  );
}

function PlanForm({ title, plan, onClose }: { title: string; plan?: PlanFieldsFragment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [base] = useState(() => ({
    title: plan?.title ?? '',
    titleKm: plan?.titleKm ?? '',
    periodStart: plan?.periodStart ?? '',
    periodEnd: plan?.periodEnd ?? '',
  }));
  const [draft, setDraft] = useState(base);
  const [checked, setChecked] = useState(false);
  const [create, created] = useMutation(CreatePlanDocument, { refetchQueries: [PlanPageDocument] });
  const [update, updated] = useMutation(UpdatePlanDocument);
  const error = created.error ?? updated.error;
  const problems = fieldErrors(error);
  const endBeforeStart = !!draft.periodStart && !!draft.periodEnd && draft.periodEnd < draft.periodStart;

  const submit = async () => {
    setChecked(true);
    if (noTitle(draft) || endBeforeStart) return;
    if (plan) {
      const input: UpdatePlanInput = { id: plan.id, ...changedTitles(draft, base) };
      if (draft.periodStart !== base.periodStart) input.periodStart = draft.periodStart || null;
      if (draft.periodEnd !== base.periodEnd) input.periodEnd = draft.periodEnd || null;
      if (Object.keys(input).length > 1) await update({ variables: { input } });
    } else {
      const input = { ...titlesOf(draft), periodStart: draft.periodStart || null, periodEnd: draft.periodEnd || null };
      await create({ variables: { input } });
    }
    // A failed save throws past this line: ModalForm shows why and stays open.
    onClose();
  };

  return (
    <ModalForm
      title={title}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={PLAN_FIELDS}
      busy={created.loading || updated.loading}
      size="lg"
    >
      <TitleFields
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        checked={checked}
        label={{ en: t('plan.fields.title'), km: t('plan.fields.titleKm') }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label={t('plan.fields.periodStart')}
          value={draft.periodStart}
          onChange={(value) => setDraft((d) => ({ ...d, periodStart: value }))}
          error={problems.periodStart}
        />
        <DateField
          label={t('plan.fields.periodEnd')}
          value={draft.periodEnd}
          onChange={(value) => setDraft((d) => ({ ...d, periodEnd: value }))}
          error={problems.periodEnd ?? (checked && endBeforeStart ? t('plan.problems.endBeforeStart') : undefined)}
        />
      </SimpleGrid>
    </ModalForm>
  );
}

/** Adds a goal to a plan, at the end or at a chosen place (later goals move down), or renames one. */
export function GoalFormModal({
  plan,
  goal,
  opened,
  onClose,
}: {
  plan: PlanFieldsFragment;
  goal?: PlanFieldsFragment['goals'][number] | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return opened ? (
    <GoalForm title={goal ? t('plan.editGoal') : t('plan.addGoal')} plan={plan} goal={goal} onClose={onClose} />
  ) : null;
}

function GoalForm({
  title,
  plan,
  goal,
  onClose,
}: {
  title: string;
  plan: PlanFieldsFragment;
  goal?: PlanFieldsFragment['goals'][number] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const last = plan.goals.length + 1;
  const [base] = useState(() => ({ title: goal?.title ?? '', titleKm: goal?.titleKm ?? '', position: last }));
  const [draft, setDraft] = useState(base);
  const [checked, setChecked] = useState(false);
  const [add, added] = useMutation(AddPlanGoalDocument, { refetchQueries: [PlanPageDocument] });
  const [update, updated] = useMutation(UpdatePlanGoalDocument);
  const error = added.error ?? updated.error;
  const loading = added.loading || updated.loading;
  const problems = fieldErrors(error);

  const submit = async () => {
    setChecked(true);
    if (noTitle(draft)) return;
    if (goal) {
      const input = { id: goal.id, ...changedTitles(draft, base) };
      if (Object.keys(input).length > 1) await update({ variables: { input } });
    } else {
      await add({ variables: { input: { planId: plan.id, ...titlesOf(draft), position: draft.position } } });
    }
    // A failed save throws past this line: ModalForm shows why and stays open.
    onClose();
  };

  return (
    <ModalForm
      title={title}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={GOAL_FIELDS}
      busy={loading}
      submitLabel={goal ? t('actions.save') : t('plan.addGoal')}
      size="lg"
    >
      <TitleFields
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        checked={checked}
        label={{ en: t('plan.fields.goalTitle'), km: t('plan.fields.goalTitleKm') }}
      />
      {goal ? null : (
        <NumberInput
          label={t('plan.fields.position')}
          description={t('plan.fields.positionHint')}
          min={1}
          max={last}
          allowDecimal={false}
          value={draft.position}
          onChange={(value) =>
            setDraft((d) => ({ ...d, position: Math.min(last, Math.max(1, Number(value) || last)) }))
          }
          error={problems.position}
        />
      )}
    </ModalForm>
  );
}

/** Adds an objective under a goal, or changes one: code, bilingual title and the GCM objectives it serves. */
export function ObjectiveFormModal({
  goalId,
  objective,
  gcmChoices,
  opened,
  onClose,
}: {
  goalId: string;
  objective?: PlanObjectiveFieldsFragment | null;
  /** The GCM's 23 objectives to choose from (the plan page has them). */
  gcmChoices: readonly GcmChoice[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return opened ? (
    <ObjectiveForm
      title={objective ? t('plan.editObjective', { code: objective.code }) : t('plan.addObjective')}
      goalId={goalId}
      objective={objective}
      gcmChoices={gcmChoices}
      onClose={onClose}
    />
  ) : null;
}

function ObjectiveForm({
  title,
  goalId,
  objective,
  gcmChoices,
  onClose,
}: {
  title: string;
  goalId: string;
  objective?: PlanObjectiveFieldsFragment | null;
  gcmChoices: readonly GcmChoice[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const digits = useDigits();
  const [base] = useState(() => ({
    code: objective?.code ?? '',
    title: objective?.title ?? '',
    titleKm: objective?.titleKm ?? '',
    gcmObjectives: (objective?.gcmObjectives ?? []).map((g) => String(g.number)),
  }));
  const [draft, setDraft] = useState(base);
  const [checked, setChecked] = useState(false);
  const [add, added] = useMutation(AddPlanObjectiveDocument, { refetchQueries: [PlanPageDocument] });
  const [update, updated] = useMutation(UpdatePlanObjectiveDocument);
  const error = added.error ?? updated.error;
  const problems = fieldErrors(error);
  const missingCode = checked && !draft.code.trim();

  const submit = async () => {
    setChecked(true);
    if (!draft.code.trim() || noTitle(draft)) return;
    const gcmObjectives = draft.gcmObjectives.map(Number).sort((a, b) => a - b);
    if (objective) {
      const input: UpdatePlanObjectiveInput = { id: objective.id, ...changedTitles(draft, base) };
      if (draft.code !== base.code) input.code = draft.code.trim();
      if (draft.gcmObjectives.join() !== base.gcmObjectives.join()) input.gcmObjectives = gcmObjectives;
      if (Object.keys(input).length > 1) await update({ variables: { input } });
    } else {
      await add({ variables: { input: { goalId, code: draft.code.trim(), ...titlesOf(draft), gcmObjectives } } });
    }
    // A failed save throws past this line: ModalForm shows why and stays open.
    onClose();
  };

  return (
    <ModalForm
      title={title}
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={OBJECTIVE_FIELDS}
      busy={added.loading || updated.loading}
      size="lg"
    >
      <TextInput
        label={t('plan.fields.code')}
        description={t('plan.fields.codeHint')}
        required
        maw={200}
        value={draft.code}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setDraft((d) => ({ ...d, code: value }));
        }}
        error={problems.code ?? (missingCode ? t('forms.required') : undefined)}
        data-autofocus
      />
      <TitleFields
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        checked={checked}
        label={{ en: t('plan.fields.objectiveTitle'), km: t('plan.fields.objectiveTitleKm') }}
      />
      <MultiSelect
        label={t('plan.fields.gcmObjectives')}
        description={t('plan.fields.gcmObjectivesHint')}
        value={draft.gcmObjectives}
        onChange={(value) => setDraft((d) => ({ ...d, gcmObjectives: value }))}
        error={problems.gcmObjectives}
        data={gcmChoices.map((g) => ({
          value: String(g.number),
          label: `${digits(g.number)}. ${local(g.title, g.titleKm)}`,
        }))}
        searchable
        clearable
        nothingFoundMessage={t('plan.nothingFound')}
        data-testid="objective-gcm"
        comboboxProps={{ withinPortal: true }}
      />
    </ModalForm>
  );
}
