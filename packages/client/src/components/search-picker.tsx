import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One choice of a picker: the id it stands for and how it reads. */
export interface PickerOption {
  value: string;
  label: string;
}

/** One page of matches for what was typed: the options, how many match in all, and whether it is loading. */
export interface PickerMatches {
  options: readonly PickerOption[];
  totalCount: number;
  loading: boolean;
}

// The value of the disabled line that says more match than are shown: never a record's id.
const MORE = '\u0000more';

export type SearchPickerProps = Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'
> & {
  value: string | null;
  onChange: (value: string | null) => void;
  /** The chosen option as the caller knows it (from its own data), so its name shows before any search finds it. */
  selected?: PickerOption | null;
  /** Runs the search: first when the list opens ('' for the first page), then with what is typed, at most every 300 ms. */
  onSearch: (search: string) => void;
  matches: PickerMatches;
};

/**
 * A choice among records that may be too many to list: the first page shows on opening, typing asks the server
 * (`onSearch`, the connection's `search` filter), and when more match than are shown the list says so instead of
 * stopping silently. Each kind of record has its picker beside its feature (`OrganizationPicker`, `PersonPicker`).
 */
export function SearchPicker({ value, onChange, selected, onSearch, matches, ...rest }: SearchPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const searchLater = useDebouncedCallback(onSearch, 300);
  // Options once found stay known, so a choice keeps its name when the next search no longer lists it.
  const [known, setKnown] = useState(() => new Map<string, PickerOption>());
  const unknown = matches.options.filter((o) => known.get(o.value)?.label !== o.label);
  if (unknown.length) setKnown(new Map([...known, ...unknown.map((o) => [o.value, o] as const)]));
  const chosen = value ? (selected?.value === value ? selected : (known.get(value) ?? null)) : null;
  const shown = matches.options.filter((o) => o.value !== chosen?.value);
  const data = [
    ...(chosen ? [chosen] : []),
    ...shown,
    ...(matches.totalCount > matches.options.length
      ? [
          {
            value: MORE,
            label: t('searchPicker.more', { shown: matches.options.length, total: matches.totalCount }),
            disabled: true,
          },
        ]
      : []),
  ];
  const typed = search.trim();
  return (
    <Select
      placeholder={t('searchPicker.placeholder')}
      {...rest}
      data={data}
      value={value}
      onChange={(next) => onChange(next === MORE ? value : next)}
      searchable
      onDropdownOpen={() => {
        // Nothing is fetched until someone opens the list.
        if (!opened) onSearch(search === chosen?.label ? '' : search.trim());
        setOpened(true);
        rest.onDropdownOpen?.();
      }}
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        // Choosing an option (or Mantine showing the chosen one) writes its label into the box: not a new search.
        if (opened) searchLater(text === chosen?.label ? '' : text.trim());
      }}
      // The server has filtered already. The chosen option is in `data` so that its name shows in the box, but
      // is listed only while nothing else is being looked for.
      filter={({ options }) =>
        typed && typed !== chosen?.label ? options.filter((o) => !('value' in o) || o.value !== chosen?.value) : options
      }
      nothingFoundMessage={
        matches.loading ? t('searchPicker.searching') : typed ? t('searchPicker.nothingFound', { search: typed }) : null
      }
    />
  );
}
