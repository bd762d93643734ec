// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { useFragment } from '@apollo/client/react';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgendaItemFieldsFragment, AgendaItemFieldsFragmentDoc, MeDocument } from '../../graphql/generated.js';
import { type Answer, renderWithApp, type SentOperation } from '../../test/render.js';
import { closeOfflineDb, OFFLINE_DB_NAME } from '../offline/offline-db.js';
import { startOutbox } from '../offline/sync.js';
import { MinutesEditor } from './minutes-editor.js';

const item: AgendaItemFieldsFragment = {
  __typename: 'AgendaItem',
  id: 'QWdlbmRhSXRlbTox',
  position: 1,
  title: 'Opening',
  titleKm: null,
  minutes: 'The chair opened the meeting.',
  minutesKm: '',
  version: 4,
  presenter: null,
};

const noReload = async () => undefined;
let stopOutbox: (() => void) | undefined;

afterEach(async () => {
  stopOutbox?.();
  stopOutbox = undefined;
  await closeOfflineDb();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(OFFLINE_DB_NAME);
    request.onsuccess = request.onerror = () => resolve();
  });
});

/** The editor fed from the cache, as on the meeting page: what the server answers reaches it. */
function EditorFromCache() {
  const { data, complete } = useFragment({
    fragment: AgendaItemFieldsFragmentDoc,
    fragmentName: 'AgendaItemFields',
    from: { __typename: 'AgendaItem', id: item.id },
  });
  return complete ? <MinutesEditor item={data} editable onReloadMeeting={noReload} /> : null;
}

/** Renders an editable editor with the outbox running for a signed-in secretary, as the meeting page does. */
async function renderEditor(answer: (operation: SentOperation) => Answer) {
  const view = await renderWithApp(<EditorFromCache />, { answer });
  view.client.writeFragment({ fragment: AgendaItemFieldsFragmentDoc, fragmentName: 'AgendaItemFields', data: item });
  view.client.writeQuery({
    query: MeDocument,
    data: {
      __typename: 'Query',
      me: {
        __typename: 'Viewer',
        role: 'SECRETARIAT',
        locale: 'EN',
        person: {
          __typename: 'Person',
          id: 'UGVyc29uOjE=',
          fullName: 'Sok Dara',
          fullNameKm: null,
          position: null,
          positionKm: null,
        },
        organization: null,
      },
    },
  });
  stopOutbox = startOutbox(view.client);
  return view;
}

const saved = (minutes: string, version: number): Answer => ({
  data: {
    updateAgendaItem: { __typename: 'UpdateAgendaItemPayload', agendaItem: { ...item, minutes, version } },
  },
});

describe('MinutesEditor', { timeout: 15_000 }, () => {
  it('saves what was typed on leaving the field, based on the version it was loaded at', async () => {
    const { user, sent } = await renderEditor((op) =>
      op.operationName === 'UpdateAgendaItem'
        ? saved('The chair opened the meeting. Quorum reached.', 5)
        : { data: null },
    );
    const english = await screen.findByLabelText('Minutes (English)');
    expect((english as HTMLTextAreaElement).value).toBe('The chair opened the meeting.');
    await user.type(english, ' Quorum reached.');
    expect(screen.getByTestId('save-state').textContent).toBe('Not saved yet');
    await user.tab();

    await screen.findByText(/^Saved at /);
    const saves = sent.filter((op) => op.operationName === 'UpdateAgendaItem');
    expect(saves).toHaveLength(1);
    expect(saves[0]?.variables.input).toMatchObject({
      id: item.id,
      version: 4,
      minutes: 'The chair opened the meeting. Quorum reached.',
      minutesKm: '',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('stops on a stale version: keeps what was typed and shows the other version beside it', async () => {
    const { user, sent } = await renderEditor((op) => {
      if (op.operationName === 'UpdateAgendaItem') {
        return { errors: [{ message: 'Stale version', extensions: { code: 'CONFLICT', currentVersion: 5 } }] };
      }
      if (op.operationName === 'OfflineAgendaItem') {
        return { data: { node: { ...item, minutes: 'Their minutes, saved first.', version: 5 } } };
      }
      return { data: null };
    });
    const english = await screen.findByLabelText('Minutes (English)');
    await user.clear(english);
    await user.type(english, 'My minutes');
    await user.tab();

    expect((await screen.findByTestId('their-version')).textContent).toContain('Their minutes, saved first.');
    expect(screen.getByTestId('conflict').textContent).toContain('Someone changed this meanwhile');
    expect(screen.getByTestId('save-state').textContent).toBe('Not saved: someone changed these minutes');
    expect((english as HTMLTextAreaElement).value).toBe('My minutes');
    expect(sent.map((op) => op.operationName)).toEqual(['UpdateAgendaItem', 'OfflineAgendaItem']);
  });

  it('shows the minutes read-only, in the reader’s language first, when they may not be edited', async () => {
    const khmer = { ...item, minutesKm: 'ប្រធានបានបើកកិច្ចប្រជុំ។' };
    await renderWithApp(<MinutesEditor item={khmer} editable={false} onReloadMeeting={noReload} />, { language: 'km' });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText('ប្រធានបានបើកកិច្ចប្រជុំ។')).toBeTruthy();
  });
});
