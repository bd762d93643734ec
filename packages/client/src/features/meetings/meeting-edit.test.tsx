// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeetingDetailFragment } from '../../graphql/generated.js';
import { type SentOperation, badUserInput, renderWithApp } from '../../test/render.js';
import { MeetingEditModal } from './meeting-edit.js';

const chair = {
  __typename: 'Person' as const,
  id: 'p1',
  fullName: 'Chan Dara',
  fullNameKm: null,
  position: null,
  positionKm: null,
};

const meeting: MeetingDetailFragment = {
  __typename: 'Meeting',
  id: 'm1',
  title: 'Quarterly plenary',
  titleKm: null,
  kind: 'PLENARY',
  status: 'PLANNED',
  startsAt: '2026-12-15T02:00:00.000Z',
  endsAt: '2026-12-15T04:00:00.000Z',
  location: 'Phnom Penh',
  visibility: 'INTERNAL',
  version: 3,
  organizer: { __typename: 'Organization', id: 'o1', acronym: 'NCCT', name: 'National Committee', nameKm: null },
  chair,
  series: null,
  commitments: { __typename: 'CommitmentConnection', totalCount: 0 },
  decisions: [],
  agendaItems: [],
} as unknown as MeetingDetailFragment;

const people = [
  { __typename: 'Person', id: 'p1', fullName: 'Chan Dara', fullNameKm: null, organization: null },
  {
    __typename: 'Person',
    id: 'p2',
    fullName: 'Sok Vanna',
    fullNameKm: 'សុខ វណ្ណា',
    organization: { __typename: 'Organization', id: 'o2', acronym: 'MOI' },
  },
];

const series = [
  { __typename: 'MeetingSeries', id: 's1', title: 'Quarterly plenaries', titleKm: null, organizer: null },
  { __typename: 'MeetingSeries', id: 's2', title: 'Working group on data', titleKm: null, organizer: null },
];

/** The server: the series search, the people search, and the update (which answers with the saved meeting). */
function answer(operation: SentOperation) {
  if (operation.operationName === 'MeetingSeriesPicker') {
    const search = String(operation.variables.search ?? '').toLowerCase();
    const found = series.filter((s) => s.title.toLowerCase().includes(search));
    return {
      data: { meetingSeries: { __typename: 'MeetingSeriesConnection', totalCount: found.length, nodes: found } },
    };
  }
  if (operation.operationName === 'PersonPicker') {
    const search = String(operation.variables.search ?? '').toLowerCase();
    const found = people.filter((p) => (p.fullName ?? '').toLowerCase().includes(search));
    return { data: { people: { __typename: 'PersonConnection', totalCount: found.length, nodes: found } } };
  }
  if (operation.operationName === 'UpdateMeeting') {
    const input = operation.variables.input as Record<string, unknown>;
    return {
      data: {
        updateMeeting: {
          __typename: 'UpdateMeetingPayload',
          meeting: {
            ...meeting,
            version: 4,
            location: input.location ?? meeting.location,
            chair: { ...chair, id: 'p2', fullName: 'Sok Vanna', fullNameKm: 'សុខ វណ្ណា' },
            series: null,
          },
        },
      },
    };
  }
  return { data: null };
}

const edit = (props: { onClose?: () => void } = {}) => (
  <MeetingEditModal
    meeting={meeting}
    series={null}
    opened
    onClose={props.onClose ?? (() => {})}
    onReload={async () => {}}
  />
);

describe('editing a meeting’s details', () => {
  it('puts the meeting in a series found by typing its title', async () => {
    const { user, sent } = await renderWithApp(edit(), { answer });
    const field = screen.getByRole('combobox', { name: 'Series' });
    await user.click(field);
    await user.type(field, 'data');
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({ operationName: 'MeetingSeriesPicker', variables: { search: 'data', first: 20 } }),
    );
    await user.click(await screen.findByRole('option', { name: 'Working group on data' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent.filter((op) => op.operationName === 'UpdateMeeting')).toEqual([
        { operationName: 'UpdateMeeting', variables: { input: { id: 'm1', version: 3, seriesId: 's2' } } },
      ]),
    );
  });

  it('shows every problem the browser can find at once, in Khmer, and sends nothing', async () => {
    const { user, sent } = await renderWithApp(edit(), { language: 'km', answer });
    await user.clear(screen.getByLabelText('ចំណងជើង (អង់គ្លេស)'));
    await user.clear(screen.getByLabelText('ចាប់ផ្តើម', { exact: false }));
    await user.type(screen.getByLabelText('ចាប់ផ្តើម', { exact: false }), 'ថ្ងៃស្អែក');
    await user.click(screen.getByRole('button', { name: 'រក្សាទុក' }));

    expect(screen.getAllByText('សរសេរជាភាសាអង់គ្លេស ភាសាខ្មែរ ឬទាំងពីរ។').length).toBeGreaterThan(0);
    expect(screen.getByText('កាលបរិច្ឆេទនេះមិនត្រឹមត្រូវទេ។')).toBeTruthy();
    expect(sent.filter((op) => op.operationName === 'UpdateMeeting')).toEqual([]);
  });

  it('shows the server’s problem beside its field in Khmer', async () => {
    const { user } = await renderWithApp(edit(), {
      language: 'km',
      answer: (op) =>
        op.operationName === 'UpdateMeeting'
          ? badUserInput([{ field: 'input.location', code: 'TOO_LONG', params: { max: 300 } }])
          : answer(op),
    });
    await user.type(screen.getByLabelText('ទីកន្លែង'), ', room 2');
    await user.click(screen.getByRole('button', { name: 'រក្សាទុក' }));
    expect(await screen.findByText('យ៉ាងច្រើន ៣០០ តួអក្សរ។')).toBeTruthy();
  });

  it('sends only what changed, with the chair chosen by typing a name in the picker', async () => {
    let closed = false;
    const { user, sent } = await renderWithApp(
      edit({
        onClose: () => {
          closed = true;
        },
      }),
      { answer },
    );
    const chairField = screen.getByRole('combobox', { name: 'Chair' }) as HTMLInputElement;
    // The current chair is named at once, without a search.
    expect(chairField.value).toBe('Chan Dara');
    expect(sent.some((op) => op.operationName === 'PersonPicker')).toBe(false);

    await user.click(chairField);
    await user.clear(chairField);
    await user.type(chairField, 'sok');
    await waitFor(() =>
      expect(sent.at(-1)).toEqual({
        operationName: 'PersonPicker',
        variables: { search: 'sok', organizationId: null, first: 20 },
      }),
    );
    await user.click(await screen.findByRole('option', { name: 'Sok Vanna (MOI)' }));
    await user.clear(screen.getByLabelText('Location'));
    await user.type(screen.getByLabelText('Location'), 'Siem Reap');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(closed).toBe(true));
    expect(sent.filter((op) => op.operationName === 'UpdateMeeting')).toEqual([
      {
        operationName: 'UpdateMeeting',
        variables: { input: { id: 'm1', version: 3, location: 'Siem Reap', chairId: 'p2' } },
      },
    ]);
  });
});
