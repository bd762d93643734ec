import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { type PickerOption, SearchPicker, type SearchPickerProps } from '../../components/search-picker.js';
import { useLocalText } from '../../components/text.js';
import { PersonPickerChosenDocument, PersonPickerDocument } from '../../graphql/generated.js';

const PAGE = 20;

type Person = {
  id: string;
  fullName: string | null;
  fullNameKm: string | null;
  organization: { acronym: string } | null;
};

/** A person as a picker shows them: "Sok Dara (MOLVT)". */
function usePersonOption(): (p: Person) => PickerOption {
  const local = useLocalText();
  return (p) => {
    const name = local(p.fullName, p.fullNameKm);
    return { value: p.id, label: p.organization ? `${name} (${p.organization.acronym})` : name };
  };
}

/**
 * Chooses one person by typing their name (the `people` search), optionally among one organisation's people.
 * `selected` is the chosen person when the page has them already; otherwise their name is looked up by id.
 */
export function PersonPicker({
  selected,
  organizationId = null,
  ...props
}: Omit<SearchPickerProps, 'selected' | 'onSearch' | 'matches'> & {
  selected?: Person | null;
  organizationId?: string | null;
}) {
  const option = usePersonOption();
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery(PersonPickerDocument, {
    variables: { search: search || null, organizationId, first: PAGE },
    skip: search === null,
  });
  const known = selected && selected.id === props.value ? selected : null;
  const chosen = useQuery(PersonPickerChosenDocument, {
    variables: { id: props.value ?? '' },
    skip: !props.value || known !== null,
  });
  const chosenNode = chosen.data?.node?.__typename === 'Person' ? chosen.data.node : null;
  const page = (found.data ?? found.previousData)?.people;
  return (
    <SearchPicker
      {...props}
      selected={known ? option(known) : chosenNode ? option(chosenNode) : null}
      onSearch={setSearch}
      matches={{ options: (page?.nodes ?? []).map(option), totalCount: page?.totalCount ?? 0, loading: found.loading }}
    />
  );
}
