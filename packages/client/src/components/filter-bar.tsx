import { Checkbox, Group, MultiSelect, Paper, SegmentedControl } from '@mantine/core';
import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEnumValue } from '../lib/enums.js';
import { DateField, isDateValue } from './date-field.js';
import { useFilterParams } from './pager.js';

/**
 * The filters above a list (commitments, meetings…). Each filter below is bound to one URL parameter, so a filtered
 * list can be bookmarked and shared, and changing one goes back to the first page.
 */
export function FilterBar({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mb="md" component="search" aria-label={t('filters.title')}>
      <Group align="flex-end" gap="md">
        {children}
      </Group>
    </Paper>
  );
}

/** Free text (`search`), sent once typing pauses. */
export function SearchFilter({ w = 220 }: { w?: number }) {
  const { t } = useTranslation();
  const [params, update] = useFilterParams();
  const [text, setText] = useState(params.get('search') ?? '');
  const commit = useDebouncedCallback((value: string) => update({ search: value.trim() || null }), 400);
  return (
    <TextInput
      label={t('filters.search')}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      w={w}
    />
  );
}

/** The values of an enum chosen in a URL parameter (`status=HELD,PLANNED`); unknown ones are dropped. */
export function useChoices<T extends string>(param: string, values: readonly T[]): T[] {
  const [params] = useFilterParams();
  return (params.get(param) ?? '').split(',').filter((value) => isEnumValue(values, value));
}

/** Any of an enum's values (`status`), in the order given, named by `labelOf`. */
export function ChoicesFilter<T extends string>({
  label,
  param,
  values,
  labelOf,
  w = 260,
}: {
  label: string;
  param: string;
  values: readonly T[];
  labelOf: (value: T) => string;
  w?: number;
}) {
  const [, update] = useFilterParams();
  const chosen = useChoices(param, values);
  return (
    <MultiSelect
      label={label}
      data={values.map((value) => ({ value, label: labelOf(value) }))}
      value={chosen}
      onChange={(value) => update({ [param]: value.join(',') || null })}
      clearable
      w={w}
    />
  );
}

/** A yes-only filter (`overdue=1`). */
export function CheckFilter({ label, param }: { label: string; param: string }) {
  const [params, update] = useFilterParams();
  return (
    <Checkbox
      label={label}
      checked={params.get(param) === '1'}
      onChange={(event) => update({ [param]: event.currentTarget.checked ? '1' : null })}
      mb={8}
    />
  );
}

/** A calendar day (`dueFrom=2026-12-31`), typed the way dates are shown; kept in the URL once it reads as one. */
export function DateFilter({ label, param }: { label: string; param: string }) {
  const [params, update] = useFilterParams();
  return (
    <DateField
      label={label}
      description={null}
      value={params.get(param) ?? ''}
      onChange={(value) => {
        if (value === '' || isDateValue(value)) update({ [param]: value || null });
      }}
    />
  );
}

/** How the list is shown (`view`): the first option is the default and leaves the URL without one. */
export function ViewSwitch({
  label,
  options,
}: {
  label: string;
  options: readonly { value: string; label: string; icon: ReactNode }[];
}) {
  const [params, update] = useFilterParams();
  const first = options[0]?.value ?? '';
  const view = options.some((o) => o.value === params.get('view')) ? (params.get('view') ?? first) : first;
  return (
    <SegmentedControl
      aria-label={label}
      value={view}
      onChange={(value) => update({ view: value === first ? null : value })}
      data={options.map((option) => ({
        value: option.value,
        label: (
          <Group gap={4} wrap="nowrap">
            {option.icon}
            {option.label}
          </Group>
        ),
      }))}
    />
  );
}
