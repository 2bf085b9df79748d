/**
 * When the answers on screen were fetched, when they came from the service worker's offline copy
 * (UX-2). The copy carries the `x-relais-fetched-at` header (service-worker/sw.ts); the client's
 * middleware below notes it per API path, and forgets it when a fresh answer arrives.
 */
import type { Middleware } from 'openapi-fetch';
import { FETCHED_AT_HEADER } from '../../service-worker/offline-routes';

const fetchedAt = new Map<string, string>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

/** openapi-fetch middleware: remembers which paths were answered from the offline copy, and its age. */
export const offlineAgeMiddleware: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    const at = response.headers.get(FETCHED_AT_HEADER);
    if (at) fetchedAt.set(path, at);
    else if (fetchedAt.delete(path)) changed();
    if (at) changed();
    return response;
  },
};

/** The oldest fetch time of these paths' offline copies on screen, or null when all are fresh. */
export function offlineFetchedAt(paths: string[]): string | null {
  const times = paths.map((path) => fetchedAt.get(path)).filter((at): at is string => Boolean(at));
  return times.sort()[0] ?? null;
}

export function subscribeOfflineAges(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function forgetOfflineAges() {
  fetchedAt.clear();
  changed();
}
