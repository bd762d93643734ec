import { NativeSelect, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalText } from '../../components/text.js';
import type { DecisionsSectionMeetingFragment } from '../../graphql/generated.js';
import { checkTexts, type FieldErrors, TEXT_MAX } from '../../lib/errors.js';

/** What the decision forms edit: the agenda item it was taken under ('' for none) and its text in both languages. */
export interface DecisionDraft {
  agendaItemId: string;
  text: string;
  textKm: string;
}

/** The problems the browser can find in a decision before sending it: too long, or no text in either language. */
export function checkDecision(draft: DecisionDraft): FieldErrors {
  return checkTexts(
    { text: { value: draft.text, max: TEXT_MAX.text }, textKm: { value: draft.textKm, max: TEXT_MAX.textKm } },
    { either: [['text', 'textKm']] },
  );
}

/** A decision's fields, for recording one and for correcting it; `testIdPrefix` names the text inputs. */
export function DecisionFields({
  meeting,
  draft,
  onChange,
  problems,
  testIdPrefix,
  autoFocus = false,
}: {
  meeting: Pick<DecisionsSectionMeetingFragment, 'agendaItems'>;
  draft: DecisionDraft;
  onChange: (changes: Partial<DecisionDraft>) => void;
  problems: FieldErrors;
  testIdPrefix: string;
  /** The English text takes the focus when the dialog opens. */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);
  return (
    <>
      <NativeSelect
        label={t('decisions.agendaItem')}
        value={draft.agendaItemId}
        onChange={(e) => onChange({ agendaItemId: e.currentTarget.value })}
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
        value={draft.text}
        onChange={(e) => onChange({ text: e.currentTarget.value })}
        error={problems.text}
        data-autofocus={autoFocus || undefined}
        data-testid={`${testIdPrefix}-text`}
      />
      <Textarea
        label={t('decisions.textKm')}
        autosize
        minRows={2}
        value={draft.textKm}
        onChange={(e) => onChange({ textKm: e.currentTarget.value })}
        error={problems.textKm}
        lang="km"
        data-testid={`${testIdPrefix}-text-km`}
      />
    </>
  );
}
