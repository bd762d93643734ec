import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Observable } from 'rxjs';
import { startI18n } from '../i18n/i18n.js';
import type { Language } from '../lib/format.js';
import { theme } from '../theme.js';

/** One GraphQL operation the component sent. */
export interface SentOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

/** What the fake server answers: `data`, or `errors` as the real server words them (with `extensions.code`). */
export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface RenderOptions {
  /** The reader's language (default English). */
  language?: Language;
  /** Answers each operation; by default every operation gets `{ data: null }`. */
  answer?: (operation: SentOperation) => Answer | Promise<Answer>;
  /** The URL the component is rendered at (search parameters included). */
  url?: string;
}

let started: Promise<unknown> | undefined;

/**
 * Renders a component the way the app does: Mantine with the app's theme, i18n in the given language, a router at
 * `url`, and an Apollo Client whose every operation is recorded in `sent` and answered by `answer`.
 */
export async function renderWithApp(ui: ReactNode, options: RenderOptions = {}) {
  started ??= startI18n();
  await started;
  await i18next.changeLanguage(options.language ?? 'en');
  const sent: SentOperation[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const request = { operationName: operation.operationName ?? '', variables: operation.variables };
        sent.push(request);
        Promise.resolve(options.answer ? options.answer(request) : { data: null })
          .then((result) => {
            observer.next(result as ApolloLink.Result);
            observer.complete();
          })
          .catch((error: unknown) => observer.error(error));
      }),
  );
  // Masked like the app's client (src/apollo.ts): a component reads only what its fragment asks for.
  const client = new ApolloClient({ link, cache: new InMemoryCache(), dataMasking: true });
  // No pause between keystrokes: typing a date or a note stays fast on a loaded machine.
  const user = userEvent.setup({ delay: null });
  const view = render(
    <ApolloProvider client={client}>
      {/* env="test": no transitions or portals, so what opens is there at once. */}
      <MantineProvider theme={theme} env="test">
        <MemoryRouter initialEntries={[options.url ?? '/']}>{ui}</MemoryRouter>
      </MantineProvider>
    </ApolloProvider>,
  );
  return { ...view, user, sent, client };
}

/** A BAD_USER_INPUT answer naming field problems by code, as the server sends them. */
export function badUserInput(fields: { field: string; code: string; params?: Record<string, unknown> }[]): Answer {
  return {
    errors: [
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: fields.map((f) => ({ params: {}, message: `${f.field} is invalid`, ...f })),
        },
      },
    ],
  };
}
