/**
 * The service worker of the installable app (UX-2: the phone without a network). Built by
 * vite-plugin-pwa (injectManifest) into dist/web/sw.js:
 * - precaches the app shell (HTML, scripts, styles, icons) so the app opens without a network;
 * - page loads go to the network first and fall back to the precached index.html (the server
 *   still answers client routes with it when online, so a new build is seen at once);
 * - a few GET API answers (offline-routes.ts) are kept, network first, for offline reading; the
 *   copy carries the time it was fetched, which the page shows as the age of what it reads;
 * - web push (PUSH-6): the handlers of /push-sw.js, imported so one worker serves the scope.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { FETCHED_AT_HEADER, isOfflineApiRoute, OFFLINE_DATA_CACHE } from './offline-routes';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

importScripts('/push-sw.js');

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

cleanupOutdatedCaches();
// No directory index: `/` is a page load like any other (network first, below), so a page never
// starts from an old index.html whose scripts a new build has replaced.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '' });

registerRoute(
  new NavigationRoute(
    async ({ request }) => {
      try {
        return await fetch(request);
      } catch {
        return (await matchPrecache('index.html')) ?? Response.error();
      }
    },
    { denylist: [/^\/api\//, /^\/push-sw\.js$/, /^\/sw\.js$/] },
  ),
);

/**
 * Sign-outs seen so far. An answer asked for before a sign-out and arriving after it is not kept:
 * the page erases the kept data once the sign-out answers, and such a late answer (a refetch in
 * flight) would otherwise write the person's data back for the next one to read.
 */
let signOuts = 0;
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method === 'POST' &&
    url.origin === self.location.origin &&
    url.pathname === '/api/v1/auth/logout'
  )
    signOuts += 1;
});

type PluginState = { signOutsAtRequest?: number };

/** Stamps the kept copy with the time it was fetched (the phone's clock, as the page's). */
const stampFetchTime = {
  requestWillFetch: async ({ request, state }: { request: Request; state?: PluginState }) => {
    if (state) state.signOutsAtRequest = signOuts;
    return request;
  },
  cacheWillUpdate: async ({ response, state }: { response: Response; state?: PluginState }) => {
    if (response.status !== 200) return null;
    if (state?.signOutsAtRequest !== signOuts) return null;
    const headers = new Headers(response.headers);
    headers.set(FETCHED_AT_HEADER, new Date().toISOString());
    return new Response(await response.blob(), { status: 200, statusText: response.statusText, headers });
  },
};

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && isOfflineApiRoute(url.pathname),
  new NetworkFirst({
    cacheName: OFFLINE_DATA_CACHE,
    // The copy is this user's answer whatever language header asked for it.
    matchOptions: { ignoreVary: true },
    plugins: [stampFetchTime, new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 14 * 86_400 })],
  }),
);
