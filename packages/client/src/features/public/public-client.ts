import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

let client: ApolloClient | undefined;

/**
 * The public page's own Apollo Client: it never sends the session cookie, so a signed-in member of staff sees on
 * /public exactly what an anonymous visitor sees (PUBLIC records only), never their own internal view.
 */
export function publicApolloClient(): ApolloClient {
  client ??= new ApolloClient({
    // Like the app's client: a component reads only what its fragment asks for.
    dataMasking: true,
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
