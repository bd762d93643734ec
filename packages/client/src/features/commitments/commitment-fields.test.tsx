// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../graphql/generated.js';
import { type SentOperation, renderWithApp } from '../../test/render.js';
import { type CommitmentDraft, CommitmentFields, emptyDraft } from './commitment-fields.js';

const organizations = [
  { id: 'o-molvt', acronym: 'MOLVT', name: 'Ministry of Labour', nameKm: 'ក្រសួងការងារ' },
  { id: 'o-moi', acronym: 'MOI', name: 'Ministry of Interior', nameKm: 'ក្រសួងមហាផ្ទៃ' },
  { id: 'o-iom', acronym: 'IOM', name: 'International Organization for Migration', nameKm: null },
];
const people = [
  {
    __typename: 'Person',
    id: 'p-dara',
    fullName: 'Sok Dara',
    fullNameKm: 'សុខ ដារ៉ា',
    organization: { __typename: 'Organization', id: 'o-molvt', acronym: 'MOLVT' },
  },
  {
    __typename: 'Person',
    id: 'p-vanna',
    fullName: 'Chan Vanna',
    fullNameKm: null,
    organization: { __typename: 'Organization', id: 'o-moi', acronym: 'MOI' },
  },
];
const options = { gcmObjectives: [{ number: 6, title: 'Fair recruitment', titleKm: null }] };
/** The server: no plans, and the organisation and people searches (people of one organisation when asked). */
const noPlans = (operation?: SentOperation) => {
  const search = String(operation?.variables.search ?? '').toLowerCase();
  if (operation?.operationName === 'OrganizationPicker') {
    const nodes = organizations
      .filter((o) => `${o.acronym} ${o.name}`.toLowerCase().includes(search))
      .map((o) => ({ __typename: 'Organization', ...o }));
    return { data: { organizations: { __typename: 'OrganizationConnection', totalCount: nodes.length, nodes } } };
  }
  if (operation?.operationName === 'PersonPicker') {
    const nodes = people.filter(
      (p) =>
        (!operation.variables.organizationId || p.organization.id === operation.variables.organizationId) &&
        (p.fullName ?? '').toLowerCase().includes(search),
    );
    return { data: { people: { __typename: 'PersonConnection', totalCount: nodes.length, nodes } } };
  }
  return { data: { plans: { __typename: 'PlanConnection', nodes: [] } } };
};

/** The fields as a form holds them, with the draft shown so a test can read what would be sent. */
function Form({
  start = emptyDraft(),
  problems = {},
  meetingVisibility = null,
  supporting,
}: {
  start?: CommitmentDraft;
  supporting?: typeof organizations;
  problems?: Record<string, string>;
  meetingVisibility?: Visibility | null;
}) {
  const [draft, setDraft] = useState(start);
  return (
    <>
      <CommitmentFields
        draft={draft}
        onChange={(changes) => setDraft((d) => ({ ...d, ...changes }))}
        problems={problems}
        options={options}
        supportingOrganizations={supporting}
        idPrefix="c"
        meetingVisibility={meetingVisibility}
      />
      <output data-testid="draft">{JSON.stringify(draft)}</output>
    </>
  );
}
const draft = (): CommitmentDraft => JSON.parse(screen.getByTestId('draft').textContent ?? '{}');
const optionTexts = (label: string) =>
  Array.from((screen.getByLabelText(label) as HTMLSelectElement).options).map((o) => o.text);

describe('CommitmentFields', () => {
  it('offers as assignee only the people of the lead organisation, both searched as one types', async () => {
    const { user, sent } = await renderWithApp(<Form />, { answer: noPlans });
    await user.click(screen.getByRole('combobox', { name: /^Lead organisation/ }));
    await user.type(screen.getByRole('combobox', { name: /^Lead organisation/ }), 'interior');
    await user.click(await screen.findByRole('option', { name: 'MOI — Ministry of Interior' }));
    await user.click(screen.getByRole('combobox', { name: 'Focal point' }));
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({
        operationName: 'PersonPicker',
        variables: { search: null, organizationId: 'o-moi', first: 20 },
      }),
    );
    const vanna = await screen.findByRole('option', { name: 'Chan Vanna (MOI)' });
    expect(screen.queryByRole('option', { name: /Sok Dara/ })).toBeNull();
    await user.click(vanna);
    expect(draft()).toMatchObject({ leadOrganizationId: 'o-moi', assigneeId: 'p-vanna' });
  });

  it('searches supporting organisations as one types, without the lead, and names those chosen before', async () => {
    const start = { ...emptyDraft(), leadOrganizationId: 'o-molvt', supportingOrganizationIds: ['o-iom'] };
    const { user, sent } = await renderWithApp(<Form start={start} supporting={[organizations[2]]} />, {
      answer: noPlans,
    });
    expect(screen.getByText('IOM — International Organization for Migration')).toBeTruthy();
    const input = screen.getByRole('combobox', { name: 'Supporting organisations' });
    await user.click(input);
    await user.type(input, 'ministry');
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({
        operationName: 'OrganizationPicker',
        variables: { search: 'ministry', first: 20 },
      }),
    );
    await user.click(await screen.findByRole('option', { name: 'MOI — Ministry of Interior' }));
    expect(screen.queryByRole('option', { name: /MOLVT/ })).toBeNull();
    expect(draft()).toMatchObject({ supportingOrganizationIds: ['o-iom', 'o-moi'] });
  });

  it('keeps the values typed and chosen, for the form to send', async () => {
    const { user } = await renderWithApp(<Form />, { answer: noPlans });
    await user.type(screen.getByLabelText('Title (English)'), 'Adopt the SOP');
    await user.selectOptions(screen.getByLabelText('Priority'), 'High');
    await user.type(screen.getByLabelText('Due date'), '31 Dec 2026');
    await user.tab();
    expect(draft()).toMatchObject({ title: 'Adopt the SOP', priority: 'HIGH', dueDate: '2026-12-31' });
    expect(optionTexts('Priority')).toEqual(['Low', 'Medium', 'High']);
  });

  it('warns, in Khmer, when the commitment would be shown wider than its meeting', async () => {
    const { user } = await renderWithApp(<Form meetingVisibility="PARTNERS" />, { language: 'km', answer: noPlans });
    const visibility = screen.getByTestId('commitment-visibility') as HTMLSelectElement;
    expect(Array.from(visibility.options).map((o) => o.text)).toEqual(['ផ្ទៃក្នុង', 'ដៃគូ', 'សាធារណៈ (ទូលាយជាងកិច្ចប្រជុំ)']);
    expect(screen.queryByTestId('visibility-warning')).toBeNull();
    await user.selectOptions(visibility, 'PUBLIC');
    const warning = screen.getByTestId('visibility-warning');
    expect(warning.textContent).toContain('គ្មាននរណាម្នាក់ខាងក្រៅនឹងមើលឃើញវាទេ');
    expect(visibility.getAttribute('aria-describedby')).toContain('c-visibility-warning');
  });

  it("shows each of the server's problems beside its field", async () => {
    await renderWithApp(<Form problems={{ leadOrganizationId: 'សូមបំពេញ។', dueDate: 'កាលបរិច្ឆេទមិនត្រឹមត្រូវ។' }} />, {
      language: 'km',
      answer: noPlans,
    });
    const lead = screen.getByRole('combobox', { name: /^ស្ថាប័នដឹកនាំ/ });
    expect(lead.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('សូមបំពេញ។')).toBeTruthy();
    expect(screen.getByText('កាលបរិច្ឆេទមិនត្រឹមត្រូវ។')).toBeTruthy();
  });
});
