// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../test/render.js';
import { commitmentStatuses } from './badges.js';
import { CheckFilter, ChoicesFilter, DateFilter, FilterBar, SearchFilter, ViewSwitch } from './filter-bar.js';

/** The URL's query, as the list page would read it. */
function Query() {
  return <output data-testid="query">{useLocation().search}</output>;
}
const query = () => new URLSearchParams(screen.getByTestId('query').textContent ?? '');

function Filters() {
  return (
    <>
      <FilterBar>
        <SearchFilter />
        <ChoicesFilter label="Status" param="status" values={commitmentStatuses} labelOf={(s) => `status ${s}`} />
        <DateFilter label="Due from" param="dueFrom" />
        <CheckFilter label="Overdue only" param="overdue" />
        <ViewSwitch
          label="View"
          options={[
            { value: 'table', label: 'Table', icon: null },
            { value: 'board', label: 'Board', icon: null },
          ]}
        />
      </FilterBar>
      <Query />
    </>
  );
}

describe('FilterBar', () => {
  it('is a labelled search region that reads its filters from the URL', async () => {
    await renderWithApp(<Filters />, { url: '/commitments?search=screening&overdue=1&view=board&status=AT_RISK,NOPE' });
    expect(screen.getByLabelText('Filters').tagName).toBe('SEARCH');
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('screening');
    expect((screen.getByLabelText('Overdue only') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Board' }) as HTMLInputElement).checked).toBe(true);
    // Only known statuses are kept; the rest of the URL is ignored.
    const chosen = document.querySelector<HTMLInputElement>('input[type="hidden"]');
    expect(chosen?.value).toBe('AT_RISK');
  });

  it('writes each change to the URL and goes back to the first page', async () => {
    const { user } = await renderWithApp(<Filters />, { url: '/commitments?after=abc' });
    await user.click(screen.getByLabelText('Overdue only'));
    expect(query().get('overdue')).toBe('1');
    expect(query().get('after')).toBeNull();

    await user.type(screen.getByLabelText('Search'), '  border  ');
    await waitFor(() => expect(query().get('search')).toBe('border'));

    await user.click(screen.getByRole('radio', { name: 'Board' }));
    expect(query().get('view')).toBe('board');
    await user.click(screen.getByRole('radio', { name: 'Table' }));
    // The first view is the default: no parameter for it.
    expect(query().has('view')).toBe(false);

    await user.click(screen.getByLabelText('Overdue only'));
    expect(query().has('overdue')).toBe(false);
    expect(query().get('search')).toBe('border');
  });

  it('keeps a due date once it reads as one, typed the way dates are shown', async () => {
    const { user } = await renderWithApp(<Filters />, { url: '/commitments' });
    await user.type(screen.getByLabelText('Due from'), '31 Dec 2026');
    await user.tab();
    await waitFor(() => expect(query().get('dueFrom')).toBe('2026-12-31'));
  });

  it('offers the statuses in the order a commitment goes through them', async () => {
    const { user } = await renderWithApp(<Filters />, { url: '/commitments' });
    await user.click(screen.getAllByLabelText('Status')[0] as HTMLElement);
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(commitmentStatuses.map((s) => `status ${s}`));
    expect(options[0]).toBe('status NOT_STARTED');
    await user.click(screen.getByRole('option', { name: 'status AT_RISK' }));
    expect(query().get('status')).toBe('AT_RISK');
  });
});
