import { MultiSelect, type MultiSelectProps, Pill, Select, type SelectProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { TFunction } from 'i18next';
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

/** The disabled line that says more match than are shown, when they do. */
function moreLine(t: TFunction, matches: PickerMatches) {
  return matches.totalCount > matches.options.length
    ? [
        {
          value: MORE,
          label: t('searchPicker.more', { shown: matches.options.length, total: matches.totalCount }),
          disabled: true,
        },
      ]
    : [];
}

/** What the open list says when it has no option: searching, or nothing matches what was typed. */
function nothingFound(t: TFunction, matches: PickerMatches, typed: string) {
  return matches.loading
    ? t('searchPicker.searching')
    : typed
      ? t('searchPicker.nothingFound', { search: typed })
      : null;
}

/** Options once found stay known, so a choice keeps its name when the next search no longer lists it. */
function useKnownOptions(options: readonly PickerOption[]): ReadonlyMap<string, PickerOption> {
  const [known, setKnown] = useState(() => new Map<string, PickerOption>());
  const unknown = options.filter((o) => known.get(o.value)?.label !== o.label);
  if (unknown.length) setKnown(new Map([...known, ...unknown.map((o) => [o.value, o] as const)]));
  return known;
}

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
  const known = useKnownOptions(matches.options);
  const chosen = value ? (selected?.value === value ? selected : (known.get(value) ?? null)) : null;
  const shown = matches.options.filter((o) => o.value !== chosen?.value);
  const data = [...(chosen ? [chosen] : []), ...shown, ...moreLine(t, matches)];
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
      nothingFoundMessage={nothingFound(t, matches, typed)}
    />
  );
}

export type MultiSearchPickerProps = Omit<
  MultiSelectProps,
  | 'data'
  | 'value'
  | 'onChange'
  | 'searchable'
  | 'searchValue'
  | 'onSearchChange'
  | 'filter'
  | 'hidePickedOptions'
  | 'renderPill'
> & {
  value: string[];
  onChange: (value: string[]) => void;
  /** The chosen options as the caller knows them (from its own data), so their names show before any search. */
  selected?: readonly PickerOption[];
  /** Runs the search, as `SearchPicker`'s does. */
  onSearch: (search: string) => void;
  matches: PickerMatches;
};

/**
 * `SearchPicker` for several records: each chosen one shows as a chip with its name and a remove button (named for
 * screen readers; Backspace in the empty box removes the last), and the list offers only those not chosen yet.
 */
export function MultiSearchPicker({
  value,
  onChange,
  selected = [],
  onSearch,
  matches,
  ...rest
}: MultiSearchPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const searchLater = useDebouncedCallback(onSearch, 300);
  const known = useKnownOptions(matches.options);
  // Each chosen one is in the data, so that its chip shows its name.
  const chosen = value.map((id) => selected.find((o) => o.value === id) ?? known.get(id) ?? { value: id, label: id });
  const data = [...chosen, ...matches.options.filter((o) => !value.includes(o.value)), ...moreLine(t, matches)];
  return (
    <MultiSelect
      placeholder={t('searchPicker.placeholder')}
      {...rest}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      hidePickedOptions
      onDropdownOpen={() => {
        // Nothing is fetched until someone opens the list.
        if (!opened) onSearch(search.trim());
        setOpened(true);
        rest.onDropdownOpen?.();
      }}
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        if (opened) searchLater(text.trim());
      }}
      // The server has filtered already.
      filter={({ options }) => options}
      renderPill={({ option, onRemove, disabled }) => (
        <Pill
          withRemoveButton={!disabled && !rest.readOnly}
          onRemove={onRemove}
          disabled={disabled}
          // Mantine hides the remove button from screen readers and the Tab key; this one is named and reachable.
          removeButtonProps={{
            'aria-hidden': false,
            tabIndex: 0,
            'aria-label': t('searchPicker.remove', { label: option.label }),
          }}
        >
          {option.label}
        </Pill>
      )}
      nothingFoundMessage={nothingFound(t, matches, search.trim())}
    />
  );
}
