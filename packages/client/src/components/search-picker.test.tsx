// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../test/render.js';
import { type PickerOption, SearchPicker } from './search-picker.js';

const ministries: PickerOption[] = Array.from({ length: 30 }, (_, i) => ({
  value: `org-${i + 1}`,
  label: `Ministry ${i + 1}`,
}));

/** A server that finds organisations by name, 5 at a time, and records each search it was asked. */
function Harness({ searches, initial = null }: { searches: string[]; initial?: PickerOption | null }) {
  const [value, setValue] = useState<string | null>(initial?.value ?? null);
  const [search, setSearch] = useState<string | null>(null);
  const found = search === null ? [] : ministries.filter((o) => o.label.toLowerCase().includes(search.toLowerCase()));
  return (
    <>
      <SearchPicker
        label="Organisation"
        value={value}
        onChange={setValue}
        selected={initial}
        onSearch={(text) => {
          searches.push(text);
          setSearch(text);
        }}
        matches={{ options: found.slice(0, 5), totalCount: found.length, loading: false }}
      />
      <output data-testid="chosen">{value ?? 'none'}</output>
    </>
  );
}

describe('SearchPicker', () => {
  it('fetches nothing until opened, then says when more match than are shown', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(<Harness searches={searches} />);
    expect(searches).toEqual([]);
    await user.click(screen.getByRole('combobox', { name: 'Organisation' }));
    expect(searches).toEqual(['']);
    expect(await screen.findByRole('option', { name: 'Ministry 1' })).toBeTruthy();
    expect(screen.getAllByRole('option')).toHaveLength(6);
    expect(screen.getByText('5 of 30 shown: type more to narrow the list.')).toBeTruthy();
  });

  it('asks the server for what is typed, and chooses from what it found', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(<Harness searches={searches} />);
    await user.click(screen.getByRole('combobox', { name: 'Organisation' }));
    await user.type(screen.getByRole('combobox', { name: 'Organisation' }), 'Ministry 2');
    await waitFor(() => expect(searches.at(-1)).toBe('Ministry 2'));
    // "Ministry 2" and "Ministry 20"…"29": 11 in all, 5 shown.
    expect(await screen.findByText('5 of 11 shown: type more to narrow the list.')).toBeTruthy();
    await user.click(screen.getByRole('option', { name: 'Ministry 21' }));
    expect(screen.getByTestId('chosen').textContent).toBe('org-21');
    expect((screen.getByRole('combobox', { name: 'Organisation' }) as HTMLInputElement).value).toBe('Ministry 21');
  });

  it('shows the chosen record by name before any search, and says in Khmer when nothing matches', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(
      <Harness searches={searches} initial={{ value: 'org-99', label: 'National Committee' }} />,
      { language: 'km' },
    );
    const input = screen.getByRole('combobox', { name: 'Organisation' }) as HTMLInputElement;
    expect(input.value).toBe('National Committee');
    await user.click(input);
    await user.clear(input);
    await user.type(input, 'zzz');
    expect(await screen.findByText('គ្មានអ្វីត្រូវនឹង «zzz» ទេ។')).toBeTruthy();
    expect(searches.at(-1)).toBe('zzz');
  });
});
