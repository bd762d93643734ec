import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { SearchPicker, type SearchPickerProps } from '../../components/search-picker.js';
import { useLocalText } from '../../components/text.js';
import { type MeetingSeriesPickerQuery, MeetingSeriesPickerDocument } from '../../graphql/generated.js';

const PAGE = 20;

/** A series as the picker found it: what a new meeting takes from it. */
export type SeriesChoice = MeetingSeriesPickerQuery['meetingSeries']['nodes'][number];

type SeriesLabel = { id: string; title: string | null; titleKm: string | null };

/**
 * Chooses a meeting series by typing its title (the `meetingSeries` search). `selected` is the meeting's series when
 * the form opens; `onChange` has the series as found too, for a new meeting to fill its titles and organiser.
 */
export function MeetingSeriesPicker({
  selected,
  onChange,
  ...props
}: Omit<SearchPickerProps, 'selected' | 'onSearch' | 'matches' | 'onChange'> & {
  selected?: SeriesLabel | null;
  onChange: (id: string | null, series: SeriesChoice | null) => void;
}) {
  const local = useLocalText();
  const option = (s: SeriesLabel) => ({ value: s.id, label: local(s.title, s.titleKm) });
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery(MeetingSeriesPickerDocument, {
    variables: { search: search || null, first: PAGE },
    skip: search === null,
  });
  const page = (found.data ?? found.previousData)?.meetingSeries;
  const nodes = page?.nodes ?? [];
  return (
    <SearchPicker
      {...props}
      selected={selected && selected.id === props.value ? option(selected) : null}
      onChange={(id) => onChange(id, nodes.find((s) => s.id === id) ?? null)}
      onSearch={setSearch}
      matches={{ options: nodes.map(option), totalCount: page?.totalCount ?? 0, loading: found.loading }}
    />
  );
}
