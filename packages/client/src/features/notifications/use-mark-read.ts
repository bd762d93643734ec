import { useMutation } from '@apollo/client/react';
import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
} from '../../graphql/generated.js';

/**
 * Marks some notifications (or all) read. The bell takes the count the server returns; the marked items
 * are marked in the cache at once, and after "all" the list is fetched again.
 */
export function useMarkNotificationsRead() {
  const [mutate, state] = useMutation(MarkNotificationsReadDocument);
  const mark = (input: { ids: string[] } | { all: true }) =>
    mutate({
      variables: { input },
      refetchQueries: 'all' in input ? [NotificationsDocument] : [],
      update(cache, { data }) {
        if (!data) return;
        cache.writeQuery({
          query: UnreadNotificationCountDocument,
          data: {
            __typename: 'Query',
            me: { __typename: 'Viewer', unreadNotificationCount: data.markNotificationsRead.unreadCount },
          },
        });
        if ('ids' in input) {
          const now = new Date().toISOString();
          for (const id of input.ids) {
            cache.modify({
              id: cache.identify({ __typename: 'Notification', id }),
              fields: { readAt: (existing) => existing ?? now },
            });
          }
        }
      },
    });
  return [mark, state] as const;
}
