import { TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The English and Khmer inputs of one text (a title, a name), side by side in the caller's grid: `field` is
 * the English one's name and `${field}Km` the Khmer one's. Unless `bothOptional`, either language may be empty,
 * not both, which the English input says.
 */
export function BilingualTextInputs<F extends string>({
  field,
  labels,
  values,
  onChange,
  errors,
  idPrefix,
  autoFocus = false,
  disabled,
  bothOptional = false,
}: {
  field: F;
  labels: { en: string; km: string };
  values: Record<NoInfer<F> | `${NoInfer<F>}Km`, string>;
  onChange: (field: NoInfer<F> | `${NoInfer<F>}Km`, value: string) => void;
  errors: Partial<Record<NoInfer<F> | `${NoInfer<F>}Km`, ReactNode>>;
  /** Gives the inputs the ids `${idPrefix}-${field}` and `${idPrefix}-${field}Km`. */
  idPrefix?: string;
  /** The English input takes the focus when the dialog opens. */
  autoFocus?: boolean;
  disabled?: boolean;
  /** Neither is needed: no "either language" hint. */
  bothOptional?: boolean;
}) {
  const { t } = useTranslation();
  const fieldKm = `${field}Km` as const;
  return (
    <>
      <TextInput
        id={idPrefix ? `${idPrefix}-${field}` : undefined}
        label={labels.en}
        description={bothOptional ? undefined : t('forms.eitherLanguage')}
        value={values[field]}
        onChange={(e) => onChange(field, e.currentTarget.value)}
        error={errors[field]}
        disabled={disabled}
        data-autofocus={autoFocus || undefined}
      />
      <TextInput
        id={idPrefix ? `${idPrefix}-${fieldKm}` : undefined}
        label={labels.km}
        value={values[fieldKm]}
        onChange={(e) => onChange(fieldKm, e.currentTarget.value)}
        error={errors[fieldKm]}
        disabled={disabled}
        lang="km"
      />
    </>
  );
}
