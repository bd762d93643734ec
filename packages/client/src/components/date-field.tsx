import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../lib/errors.js';
import { dayInPhnomPenh, formatDate, parseTypedDate } from '../lib/format.js';
import { useLanguage } from './text.js';

/** Whether a DateField value is a date ('YYYY-MM-DD'), rather than empty or text that is not one. */
export const isDateValue = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * A calendar date typed the way Prachum shows dates ("31 Dec 2026", "៣១ ធ្នូ ២០២៦", or 31/12/2026), shown
 * back in that form once read. `onChange` gets 'YYYY-MM-DD', '' when emptied, or the text as typed when it
 * is not a date (so the form can refuse it); the field itself says so when it loses focus.
 */
export function DateField({
  value,
  onChange,
  error,
  description,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange' | 'type'> & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState(() => (isDateValue(value) ? formatDate(value, language) : value));
  const [touched, setTouched] = useState(false);
  // A value set from outside (a reset after saving) or a change of language is shown in the reader's form;
  // text being typed is left alone.
  const lastLanguage = useRef(language);
  useEffect(() => {
    const languageChanged = lastLanguage.current !== language;
    lastLanguage.current = language;
    setText((current) => {
      if (isDateValue(value)) {
        return !languageChanged && parseTypedDate(current) === value ? current : formatDate(value, language);
      }
      if (value === '') return parseTypedDate(current) ? '' : current;
      return current;
    });
  }, [value, language]);
  const invalid = touched && text.trim() !== '' && !parseTypedDate(text);
  return (
    <TextInput
      {...rest}
      value={text}
      // The date as sent ('YYYY-MM-DD'), for scripts and tests that read the field.
      data-value={value}
      inputMode="text"
      autoComplete="off"
      placeholder={formatDate(dayInPhnomPenh(), language)}
      description={
        description === undefined
          ? t('problems.dateHint', { example: formatDate(dayInPhnomPenh(), language) })
          : description
      }
      error={error ?? (invalid ? problemText({ code: 'INVALID_DATE', params: {} }) : undefined)}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        setText(typed);
        setTouched(false);
        onChange(typed.trim() === '' ? '' : (parseTypedDate(typed) ?? typed));
      }}
      onBlur={(event) => {
        setTouched(true);
        const parsed = parseTypedDate(text);
        if (parsed) setText(formatDate(parsed, language));
        rest.onBlur?.(event);
      }}
    />
  );
}
