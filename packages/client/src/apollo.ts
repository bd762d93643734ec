import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import type { GraphQLCodegenDataMasking } from '@apollo/client/masking';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { errorCode } from './lib/errors.js';

// Data masking with GraphQL Codegen's types (codegen.ts: inlineFragmentTypes 'mask'): a query's
// result holds fragment references, which the component that owns the fragment reads with useFragment.
declare module '@apollo/client' {
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}

/** Fired when the server says the session is gone, so the app can send the user to the login page. */
export const UNAUTHENTICATED_EVENT = 'prachum:unauthenticated';

/** Fired (with detail true or false) when the live connection comes up or goes down. */
export const LIVE_STATUS_EVENT = 'prachum:live';

const signedOut = new ErrorLink(({ error, operation }) => {
  if (operation.operationName === 'Login' || operation.operationName === 'Me') return;
  if (errorCode(error) === 'UNAUTHENTICATED') window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
});

/** Waits before reconnecting: 1, 2, 4… seconds, at most 30, with some randomness so a room does not reconnect at once. */
export function retryDelayMs(retries: number): number {
  return Math.min(30_000, 1000 * 2 ** retries) + Math.floor(Math.random() * 1000);
}

/** ws:// or wss:// of the page's own origin: the session cookie goes with the upgrade. */
function liveUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * Subscriptions over WebSocket (graphql-transport-ws, /graphql). The socket opens with the first
 * subscription and closes after the last. When it comes back after a cut, every active query is
 * fetched again: events sent while it was down are not replayed.
 */
function createLiveLink(onReconnected: () => void): ApolloLink {
  const client = createClient({
    url: liveUrl(),
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    on: {
      connected: (_socket, _payload, wasRetry) => {
        window.dispatchEvent(new CustomEvent(LIVE_STATUS_EVENT, { detail: true }));
        if (wasRetry) onReconnected();
      },
      closed: () => window.dispatchEvent(new CustomEvent(LIVE_STATUS_EVENT, { detail: false })),
    },
  });
  return new GraphQLWsLink(client);
}

/** The one Apollo Client of the app: same-origin session cookie, caches normalised by global id. */
export function createApolloClient(): ApolloClient {
  const http = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });
  // Subscriptions go over the socket, everything else over HTTP.
  let apollo: ApolloClient | undefined;
  const transport =
    typeof WebSocket === 'undefined'
      ? http
      : ApolloLink.split(
          ({ query }) => isSubscriptionOperation(query),
          createLiveLink(() => void apollo?.refetchObservableQueries()),
          http,
        );
  apollo = new ApolloClient({
    // A component sees only what its own fragment selects (`@unmask` opts a spread out while migrating).
    dataMasking: true,
    link: ApolloLink.from([signedOut, transport]),
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
        // A presence entry is someone on a page now: no identity to normalise.
        PresenceEntry: { keyFields: false },
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
  return apollo;
}
