import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  MultiSearchPicker,
  type MultiSearchPickerProps,
  type PickerOption,
  SearchPicker,
  type SearchPickerProps,
} from '../../components/search-picker.js';
import { useLocalText } from '../../components/text.js';
import { OrganizationPickerChosenDocument, OrganizationPickerDocument } from '../../graphql/generated.js';

const PAGE = 20;

type Organization = { id: string; acronym: string; name: string | null; nameKm: string | null };

/** An organisation as a picker shows it: "MOLVT — Ministry of Labour…". */
function useOrganizationOption(): (o: Organization) => PickerOption {
  const local = useLocalText();
  return (o) => {
    const name = local(o.name, o.nameKm);
    return { value: o.id, label: name && name !== o.acronym ? `${o.acronym} — ${name}` : o.acronym };
  };
}

/** The `organizations` search behind both pickers: nothing is asked until `onSearch` is first called. */
function useOrganizationSearch(exclude: readonly string[]) {
  const option = useOrganizationOption();
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery(OrganizationPickerDocument, {
    variables: { search: search || null, first: PAGE },
    skip: search === null,
  });
  const page = (found.data ?? found.previousData)?.organizations;
  const options = (page?.nodes ?? []).filter((o) => !exclude.includes(o.id)).map(option);
  return {
    option,
    onSearch: setSearch,
    matches: { options, totalCount: page?.totalCount ?? 0, loading: found.loading },
  };
}

/**
 * Chooses one organisation by typing its acronym or name (the `organizations` search). `selected` is the chosen one
 * when the page has it already; otherwise its name is looked up by id.
 */
export function OrganizationPicker({
  selected,
  exclude = [],
  ...props
}: Omit<SearchPickerProps, 'selected' | 'onSearch' | 'matches'> & {
  selected?: Organization | null;
  /** Organisations not to offer. */
  exclude?: readonly string[];
}) {
  const { option, onSearch, matches } = useOrganizationSearch(exclude);
  const known = selected && selected.id === props.value ? selected : null;
  const chosen = useQuery(OrganizationPickerChosenDocument, {
    variables: { id: props.value ?? '' },
    skip: !props.value || known !== null,
  });
  const chosenNode = chosen.data?.node?.__typename === 'Organization' ? chosen.data.node : null;
  return (
    <SearchPicker
      {...props}
      selected={known ? option(known) : chosenNode ? option(chosenNode) : null}
      onSearch={onSearch}
      matches={matches}
    />
  );
}

/**
 * Chooses several organisations the same way, each shown as a removable chip. `selected` names those already
 * chosen when the form opened (a commitment's supporting organisations); those chosen since are named by the search.
 */
export function OrganizationsPicker({
  selected = [],
  exclude = [],
  ...props
}: Omit<MultiSearchPickerProps, 'selected' | 'onSearch' | 'matches'> & {
  selected?: readonly Organization[];
  /** Organisations not to offer (the lead, in a list of supporting ones). */
  exclude?: readonly string[];
}) {
  const { option, onSearch, matches } = useOrganizationSearch(exclude);
  return <MultiSearchPicker {...props} selected={selected.map(option)} onSearch={onSearch} matches={matches} />;
}
