import { useSyncExternalStore } from 'react';
import { Workbox } from 'workbox-window';

let waiting: Workbox | null = null;
const listeners = new Set<() => void>();

/**
 * Registers the service worker that vite-plugin-pwa generates (the app shell, precached), in production builds
 * only: `vite dev` has none, so nothing stale is ever served while developing. A new version waits until the
 * user chooses to reload (useUpdateReady), so a page being typed on is never swapped underneath them.
 */
export function registerServiceWorker(): void {
  // By mode, not PROD: a build made under NODE_ENV=test (the journeys' own build) is still a `vite build`.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    waiting = workbox;
    for (const listener of listeners) listener();
  });
  void workbox.register().catch(() => undefined);
}

/** Whether a new version of the app is installed and waits for a reload. */
export function useUpdateReady(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting !== null,
  );
}

/** Activates the waiting version and reloads once it controls the page. */
export function applyUpdate(): void {
  if (!waiting) return;
  waiting.addEventListener('controlling', () => window.location.reload());
  waiting.messageSkipWaiting();
}
