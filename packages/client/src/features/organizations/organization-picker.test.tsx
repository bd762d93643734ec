// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type SentOperation, renderWithApp } from '../../test/render.js';
import { OrganizationPicker } from './organization-picker.js';

const org = (id: string, acronym: string, name: string, nameKm: string | null = null) => ({
  __typename: 'Organization',
  id,
  acronym,
  name,
  nameKm,
});
const all = [
  org('o1', 'MOLVT', 'Ministry of Labour and Vocational Training', 'ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ'),
  org('o2', 'MOI', 'Ministry of Interior'),
  org('o3', 'IOM', 'International Organization for Migration'),
];

/** The server's organisations search: by acronym or name, with how many match in all. */
function answer(operation: SentOperation) {
  if (operation.operationName === 'OrganizationPickerChosen') {
    return { data: { node: all.find((o) => o.id === operation.variables.id) ?? null } };
  }
  const search = String(operation.variables.search ?? '').toLowerCase();
  const found = all.filter((o) => `${o.acronym} ${o.name}`.toLowerCase().includes(search));
  return {
    data: { organizations: { __typename: 'OrganizationConnection', totalCount: found.length + 40, nodes: found } },
  };
}

describe('OrganizationPicker', () => {
  it('asks the server for what is typed, 20 at a time, and names what it finds in the reader’s language', async () => {
    const { user, sent } = await renderWithApp(<OrganizationPicker label="ស្ថាប័ន" value={null} onChange={() => {}} />, {
      language: 'km',
      answer,
    });
    expect(sent).toEqual([]);
    const input = screen.getByRole('combobox', { name: 'ស្ថាប័ន' });
    await user.click(input);
    await waitFor(() =>
      expect(sent).toEqual([{ operationName: 'OrganizationPicker', variables: { search: null, first: 20 } }]),
    );
    await user.type(input, 'labour');
    await waitFor(() => expect(sent.at(-1)?.variables).toEqual({ search: 'labour', first: 20 }));
    expect(await screen.findByRole('option', { name: 'MOLVT — ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ' })).toBeTruthy();
    expect(screen.getByText('បង្ហាញ ១ ក្នុងចំណោម ៤១៖ វាយបន្ថែមដើម្បីបង្រួមបញ្ជី។')).toBeTruthy();
  });

  it('names an organisation it knows only by id (a filter in the URL)', async () => {
    const { sent } = await renderWithApp(<OrganizationPicker label="Organisation" value="o2" onChange={() => {}} />, {
      answer,
    });
    const input = screen.getByRole('combobox', { name: 'Organisation' }) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('MOI — Ministry of Interior'));
    expect(sent).toEqual([{ operationName: 'OrganizationPickerChosen', variables: { id: 'o2' } }]);
  });
});
