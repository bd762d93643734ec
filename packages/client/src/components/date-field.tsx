import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../lib/errors.js';
import {
  dayInPhnomPenh,
  formatDate,
  formatWallTime,
  type Language,
  parseTypedDate,
  parseTypedDateTime,
} from '../lib/format.js';
import { useLanguage } from './text.js';

/** Whether a DateField value is a date ('YYYY-MM-DD'), rather than empty or text that is not one. */
export const isDateValue = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Whether a DateTimeField value is a Phnom Penh wall time ('YYYY-MM-DDTHH:MM'). */
export const isWallTimeValue = (value: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value);

type FieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange: (value: string) => void;
};

/** How one kind of typed value is read, recognised and shown. */
type Reading = {
  parse: (text: string) => string | null;
  isValue: (value: string) => boolean;
  format: (value: string, language: Language) => string;
  example: (language: Language) => string;
  hintKey: string;
};

const dates: Reading = {
  parse: parseTypedDate,
  isValue: isDateValue,
  format: formatDate,
  example: (language) => formatDate(dayInPhnomPenh(), language),
  hintKey: 'problems.dateHint',
};

const dateTimes: Reading = {
  parse: parseTypedDateTime,
  isValue: isWallTimeValue,
  format: formatWallTime,
  // Today at 09:00 in Phnom Penh, the usual start of a meeting.
  example: (language) => formatWallTime(`${dayInPhnomPenh()}T09:00`, language),
  hintKey: 'problems.dateTimeHint',
};

/**
 * A calendar date typed the way Prachum shows dates ("31 Dec 2026", "៣១ ធ្នូ ២០២៦", or 31/12/2026), shown
 * back in that form once read. `onChange` gets 'YYYY-MM-DD', '' when emptied, or the text as typed when it
 * is not a date (so the form can refuse it); the field itself says so when it loses focus.
 */
export function DateField(props: FieldProps) {
  return <TypedField reading={dates} {...props} />;
}

/**
 * A Phnom Penh date and time typed the way Prachum shows them ("15 Dec 2026, 09:00", "១៥ ធ្នូ ២០២៦ ម៉ោង ០៩:០០").
 * `onChange` gets the wall time 'YYYY-MM-DDTHH:MM' (see `fromWallTime`), '' when emptied, or the text as
 * typed when it is not a date and time.
 */
export function DateTimeField(props: FieldProps) {
  return <TypedField reading={dateTimes} {...props} />;
}

function TypedField({ reading, value, onChange, error, description, ...rest }: FieldProps & { reading: Reading }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [text, setText] = useState(() => (reading.isValue(value) ? reading.format(value, language) : value));
  const [touched, setTouched] = useState(false);
  // A value set from outside (a reset after saving) or a change of language is shown in the reader's form;
  // text being typed is left alone.
  const lastLanguage = useRef(language);
  useEffect(() => {
    const languageChanged = lastLanguage.current !== language;
    lastLanguage.current = language;
    setText((current) => {
      if (reading.isValue(value)) {
        return !languageChanged && reading.parse(current) === value ? current : reading.format(value, language);
      }
      if (value === '') return reading.parse(current) ? '' : current;
      return current;
    });
  }, [value, language, reading]);
  const invalid = touched && text.trim() !== '' && !reading.parse(text);
  const example = reading.example(language);
  return (
    <TextInput
      {...rest}
      value={text}
      // The value as sent ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'), for scripts and tests that read the field.
      data-value={value}
      inputMode="text"
      autoComplete="off"
      placeholder={example}
      description={description === undefined ? t(reading.hintKey, { example }) : description}
      error={error ?? (invalid ? problemText({ code: 'INVALID_DATE', params: {} }) : undefined)}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        setText(typed);
        setTouched(false);
        onChange(typed.trim() === '' ? '' : (reading.parse(typed) ?? typed));
      }}
      onBlur={(event) => {
        setTouched(true);
        const parsed = reading.parse(text);
        if (parsed) setText(reading.format(parsed, language));
        rest.onBlur?.(event);
      }}
    />
  );
}
