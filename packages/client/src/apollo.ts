import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { errorCode } from './lib/errors.js';

/** Fired when the server says the session is gone, so the app can send the user to the login page. */
export const UNAUTHENTICATED_EVENT = 'prachum:unauthenticated';

const signedOut = new ErrorLink(({ error, operation }) => {
  if (operation.operationName === 'Login' || operation.operationName === 'Me') return;
  if (errorCode(error) === 'UNAUTHENTICATED') window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
});

/** The one Apollo Client of the app: same-origin session cookie, caches normalised by global id. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([signedOut, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Participations and stats groups have no id of their own: they live inside their parent.
        Participation: { keyFields: false },
        CommitmentStatsGroup: { keyFields: false },
        // A report has no id: it lives inside its meeting, period or query, filled by several queries.
        ProgressReport: { keyFields: false, merge: true },
        ProgressReportGroup: { keyFields: false },
        // One viewer, filled by several queries (the session, the bell's count, the settings): merge them.
        Viewer: { keyFields: false, merge: true },
        Meeting: {
          fields: {
            agendaItems: { merge: false },
            participations: { merge: false },
            decisions: { merge: false },
          },
        },
        Decision: { fields: { commitments: { merge: false } } },
      },
    }),
  });
}
