import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

let client: ApolloClient | undefined;

/**
 * The public page's own Apollo Client: it never sends the session cookie, so a signed-in member of staff sees on
 * /public exactly what an anonymous visitor sees (PUBLIC records only), never their own internal view.
 */
export function publicApolloClient(): ApolloClient {
  client ??= new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'omit' }),
    cache: new InMemoryCache({
      typePolicies: {
        CommitmentStatsGroup: { keyFields: false },
        Meeting: { fields: { agendaItems: { merge: false }, decisions: { merge: false } } },
      },
    }),
  });
  return client;
}
