// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../test/render.js';
import { MultiSearchPicker, type PickerOption, SearchPicker } from './search-picker.js';

const ministries: PickerOption[] = Array.from({ length: 30 }, (_, i) => ({
  value: `org-${i + 1}`,
  label: `Ministry ${i + 1}`,
}));

/** A server that finds organisations by name, 5 at a time, and records each search it was asked. */
function useServer(searches: string[]) {
  const [search, setSearch] = useState<string | null>(null);
  const found = search === null ? [] : ministries.filter((o) => o.label.toLowerCase().includes(search.toLowerCase()));
  return {
    onSearch: (text: string) => {
      searches.push(text);
      setSearch(text);
    },
    matches: { options: found.slice(0, 5), totalCount: found.length, loading: false },
  };
}

function Harness({ searches, initial = null }: { searches: string[]; initial?: PickerOption | null }) {
  const [value, setValue] = useState<string | null>(initial?.value ?? null);
  return (
    <>
      <SearchPicker
        label="Organisation"
        value={value}
        onChange={setValue}
        selected={initial}
        {...useServer(searches)}
      />
      <output data-testid="chosen">{value ?? 'none'}</output>
    </>
  );
}

/** The same server behind a picker of several organisations. */
function MultiHarness({ searches, initial = [] }: { searches: string[]; initial?: PickerOption[] }) {
  const [value, setValue] = useState<string[]>(initial.map((o) => o.value));
  return (
    <>
      <MultiSearchPicker
        label="Supporting organisations"
        value={value}
        onChange={setValue}
        selected={initial}
        {...useServer(searches)}
      />
      <output data-testid="chosen">{value.join(' ') || 'none'}</output>
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

describe('MultiSearchPicker', () => {
  it('searches as one types, shows each choice as a named chip, and offers only what is not chosen', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(<MultiHarness searches={searches} />);
    expect(searches).toEqual([]);
    const input = screen.getByRole('combobox', { name: 'Supporting organisations' });
    await user.click(input);
    expect(searches).toEqual(['']);
    expect(await screen.findByText('5 of 30 shown: type more to narrow the list.')).toBeTruthy();
    await user.type(input, 'Ministry 2');
    await waitFor(() => expect(searches.at(-1)).toBe('Ministry 2'));
    await user.click(await screen.findByRole('option', { name: 'Ministry 21' }));
    await user.type(input, 'Ministry 3');
    await waitFor(() => expect(searches.at(-1)).toBe('Ministry 3'));
    await user.click(await screen.findByRole('option', { name: 'Ministry 3' }));
    expect(screen.getByTestId('chosen').textContent).toBe('org-21 org-3');
    // The typed text is cleared once an option is chosen: the first page again, without the chosen ones.
    await waitFor(() => expect(searches.at(-1)).toBe(''));
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Ministry 3' })).toBeNull());
    expect(screen.getByRole('option', { name: 'Ministry 1' })).toBeTruthy();
    expect(screen.getByText('Ministry 21')).toBeTruthy();
  });

  it('removes a choice by its named button or, from the empty box, by Backspace', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(
      <MultiHarness
        searches={searches}
        initial={[
          { value: 'org-98', label: 'National Committee' },
          { value: 'org-99', label: 'Provincial Committee' },
        ]}
      />,
    );
    expect(screen.getByText('National Committee')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove National Committee' }));
    expect(screen.getByTestId('chosen').textContent).toBe('org-99');
    await user.click(screen.getByRole('combobox', { name: 'Supporting organisations' }));
    await user.keyboard('{Backspace}');
    expect(screen.getByTestId('chosen').textContent).toBe('none');
  });

  it('chooses by keys only, and names the remove button in Khmer', async () => {
    const searches: string[] = [];
    const { user } = await renderWithApp(<MultiHarness searches={searches} />, { language: 'km' });
    await user.tab();
    expect(searches).toEqual(['']);
    await user.keyboard('Ministry 7');
    await waitFor(() => expect(searches.at(-1)).toBe('Ministry 7'));
    await screen.findByRole('option', { name: 'Ministry 7' });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('chosen').textContent).toBe('org-7');
    expect(screen.getByRole('button', { name: 'ដក Ministry 7 ចេញ' })).toBeTruthy();
  });
});
