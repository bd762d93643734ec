// @vitest-environment jsdom
import { useMutation } from '@apollo/client/react';
import { TextInput } from '@mantine/core';
import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { UpdateAgendaItemDocument } from '../graphql/generated.js';
import { checkTexts } from '../lib/errors.js';
import { type Answer, badUserInput, renderWithApp } from '../test/render.js';
import { ModalForm, useCheckedSubmit } from './modal-form.js';

/** A small entity form on the scaffold: one field checked in the browser (useCheckedSubmit), the rest left to the server. */
function TitleForm({ onClose, onReload }: { onClose: () => void; onReload?: () => Promise<unknown> }) {
  const [title, setTitle] = useState('Opening');
  const [update, { loading, error, reset }] = useMutation(UpdateAgendaItemDocument);
  const { problems, submit } = useCheckedSubmit(
    error,
    () => checkTexts({ title: { value: title, max: 20 } }),
    async () => {
      await update({ variables: { input: { id: 'item-1', version: 3, title } } });
      onClose();
    },
  );
  return (
    <ModalForm
      title="Edit item 1"
      onClose={onClose}
      onSubmit={submit}
      error={error}
      fields={['title']}
      busy={loading}
      onReload={onReload}
      onReloaded={reset}
      submitTestId="save"
    >
      <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problems.title} />
    </ModalForm>
  );
}

const problemBeside = (label: string) => {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
};

describe('ModalForm', () => {
  it('shows every problem of a refused save at once: beside its field, or listed above with its label', async () => {
    const onClose = vi.fn();
    const { user, sent } = await renderWithApp(<TitleForm onClose={onClose} />, {
      answer: () =>
        badUserInput([
          { field: 'input.title', code: 'TOO_LONG', params: { max: 500 } },
          { field: 'input.presenterId', code: 'NOT_FOUND' },
        ]),
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByRole('alert');
    expect(problemBeside('Title')).toContain('At most 500 characters.');
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toContain('Some fields need attention');
    expect(alert).toContain('Presenter');
    // The title's problem is beside it, not repeated above.
    expect(alert).not.toContain('500');
    expect(onClose).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
  });

  it('checks in the browser first and sends nothing while a field is wrong', async () => {
    const { user, sent } = await renderWithApp(<TitleForm onClose={() => undefined} />);
    await user.type(screen.getByLabelText('Title'), ' and welcome by the chair');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(problemBeside('Title')).not.toBe('');
    expect(sent).toEqual([]);
  });

  it('sends once however often it is submitted while busy, then closes', async () => {
    let answer: (value: Answer) => void = () => undefined;
    const onClose = vi.fn();
    const { user, sent } = await renderWithApp(<TitleForm onClose={onClose} />, {
      answer: () => new Promise<Answer>((resolve) => (answer = resolve)),
    });
    const save = screen.getByTestId('save');
    await user.click(save);
    await user.click(save);
    expect(save.getAttribute('data-loading')).toBe('true');
    answer({
      data: {
        updateAgendaItem: {
          __typename: 'UpdateAgendaItemPayload',
          agendaItem: {
            __typename: 'AgendaItem',
            id: 'item-1',
            position: 1,
            title: 'Opening',
            titleKm: null,
            minutes: null,
            minutesKm: null,
            version: 4,
            presenter: null,
          },
        },
      },
    });
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(sent.map((op) => op.operationName)).toEqual(['UpdateAgendaItem']);
  });

  it('on a stale version offers to load theirs, keeps what was typed, and lets the user save again (in Khmer)', async () => {
    const onReload = vi.fn(async () => undefined);
    const { user } = await renderWithApp(<TitleForm onClose={() => undefined} onReload={onReload} />, {
      language: 'km',
      answer: () => ({ errors: [{ message: 'Stale', extensions: { code: 'CONFLICT', currentVersion: 4 } }] }),
    });
    const title = screen.getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Opening remarks');
    await user.click(screen.getByRole('button', { name: 'រក្សាទុក' }));

    const notice = await screen.findByTestId('conflict');
    expect(notice.textContent).toContain('មានអ្នកផ្សេងបានកែប្រែក្នុងពេលជាមួយគ្នា');
    await user.click(within(notice).getByRole('button'));
    await vi.waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    expect(onReload).toHaveBeenCalledTimes(1);
    expect((title as HTMLInputElement).value).toBe('Opening remarks');
    expect(screen.getByRole('button', { name: 'បោះបង់' })).toBeTruthy();
  });
});
