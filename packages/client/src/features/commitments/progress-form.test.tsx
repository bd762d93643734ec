// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { badUserInput, renderWithApp } from '../../test/render.js';
import { ProgressForm } from './progress-form.js';

const commitment = { id: 'Q29tbWl0bWVudDox', status: 'NOT_STARTED', progress: 10, version: 3 } as const;
const noReload = async () => undefined;

describe('ProgressForm', () => {
  it('sends the status, progress, notes and evidence links the focal point entered', async () => {
    const { user, sent } = await renderWithApp(<ProgressForm commitment={commitment} onReload={noReload} />, {
      answer: () => badUserInput([]),
    });
    await user.selectOptions(screen.getByLabelText('Status'), 'At risk');
    const progress = screen.getByLabelText('Progress');
    await user.clear(progress);
    await user.type(progress, '40');
    await user.type(screen.getByLabelText('What was done (English)'), '  Drafted the SOP  ');
    await user.type(screen.getByLabelText('Link'), 'https://example.org/sop.pdf');
    await user.type(screen.getByLabelText('Title'), 'Draft SOP');
    await user.click(screen.getByRole('button', { name: 'Post update' }));

    await screen.findByRole('button', { name: 'Post update' });
    expect(sent).toEqual([
      {
        operationName: 'AddProgressUpdate',
        variables: {
          input: {
            commitmentId: commitment.id,
            version: 3,
            status: 'AT_RISK',
            progress: 40,
            note: 'Drafted the SOP',
            noteKm: null,
            evidence: [{ url: 'https://example.org/sop.pdf', title: 'Draft SOP' }],
          },
        },
      },
    ]);
  });

  it('leaves out empty evidence rows and offers only the statuses a focal point may report', async () => {
    const { user, sent } = await renderWithApp(<ProgressForm commitment={commitment} onReload={noReload} />, {
      answer: () => badUserInput([]),
    });
    const options = Array.from((screen.getByLabelText('Status') as HTMLSelectElement).options).map((o) => o.text);
    expect(options).toEqual(['Not started', 'In progress', 'At risk', 'Completed']);
    await user.click(screen.getByRole('button', { name: 'Add another link' }));
    expect(screen.getAllByLabelText('Link')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Post update' }));
    await screen.findByRole('button', { name: 'Post update' });
    expect(sent[0]?.variables.input).toMatchObject({ status: 'NOT_STARTED', progress: 10, evidence: [] });
  });

  it("shows the server's field problems beside the fields, in Khmer for a Khmer reader", async () => {
    const { user } = await renderWithApp(<ProgressForm commitment={commitment} onReload={noReload} />, {
      language: 'km',
      answer: () =>
        badUserInput([
          { field: 'input.progress', code: 'OUT_OF_RANGE', params: { min: 0, max: 100 } },
          { field: 'input.evidence[0].url', code: 'INVALID_FORMAT' },
        ]),
    });
    await user.click(screen.getByRole('button', { name: 'បញ្ជូនបច្ចុប្បន្នភាព' }));
    expect(await screen.findByText('សូមផ្ដល់តម្លៃពី ០ ដល់ ១០០។')).toBeTruthy();
    const progress = screen.getByLabelText('វឌ្ឍនភាព');
    expect(progress.getAttribute('aria-invalid')).toBe('true');
  });
});
