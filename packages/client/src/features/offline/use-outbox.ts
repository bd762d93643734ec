import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OutboxEntry } from './offline-db.js';
import { outbox } from './outbox.js';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the browser believes it has a connection. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/** The changes waiting in the outbox, kept current. */
export function useOutboxEntries(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void outbox
        .entries()
        .then((all) => live && setEntries(all))
        .catch(() => undefined);
    load();
    const unsubscribe = outbox.subscribe((event) => {
      if (!event) load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return entries;
}
