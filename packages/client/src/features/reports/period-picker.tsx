import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PickerOption, SearchPicker, type SearchPickerProps } from '../../components/search-picker.js';
import { useLocalText } from '../../components/text.js';
import { ReportingPeriodPickerDocument } from '../../graphql/generated.js';

const PAGE = 20;

type Period = { id: string; title: string | null; titleKm: string | null; closedAt?: string | null };

/**
 * Chooses a reporting period by typing its title (the `reportingPeriods` search); a closed one says so. `selected`
 * is the period the page shows.
 */
export function ReportingPeriodPicker({
  selected,
  ...props
}: Omit<SearchPickerProps, 'selected' | 'onSearch' | 'matches'> & { selected?: Period | null }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const option = (p: Period): PickerOption => ({
    value: p.id,
    label: `${local(p.title, p.titleKm)}${p.closedAt ? ` (${t('reports.closed')})` : ''}`,
  });
  const [search, setSearch] = useState<string | null>(null);
  const found = useQuery(ReportingPeriodPickerDocument, {
    variables: { search: search || null, first: PAGE },
    skip: search === null,
  });
  const page = (found.data ?? found.previousData)?.reportingPeriods;
  return (
    <SearchPicker
      {...props}
      selected={selected && selected.id === props.value ? option(selected) : null}
      onSearch={setSearch}
      matches={{ options: (page?.nodes ?? []).map(option), totalCount: page?.totalCount ?? 0, loading: found.loading }}
    />
  );
}
