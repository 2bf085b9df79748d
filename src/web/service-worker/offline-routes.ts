/**
 * The API answers a rep reads on the road (UX-2), kept by the service worker for offline reading:
 * who is signed in, "my day", the account briefs, the recent accounts quick capture starts
 * from, and the planned visits whose report quick capture writes. Only these: every other answer goes to the network as usual. Shared by the service
 * worker (what it keeps) and the page (what it forgets on sign-out).
 */
export const OFFLINE_API_ROUTES: RegExp[] = [
  /^\/api\/v1\/me$/,
  /^\/api\/v1\/agenda$/,
  /^\/api\/v1\/accounts\/[0-9a-f-]{36}\/brief$/,
  /^\/api\/v1\/activities\/recent-accounts$/,
  /^\/api\/v1\/activities\/[0-9a-f-]{36}$/,
];

/** The Cache Storage cache holding those answers (per user: emptied on sign-out). */
export const OFFLINE_DATA_CACHE = 'relais-data-v1';

/** Header the service worker adds to an answer it keeps: when it came from the server. */
export const FETCHED_AT_HEADER = 'x-relais-fetched-at';

export const isOfflineApiRoute = (pathname: string) =>
  OFFLINE_API_ROUTES.some((route) => route.test(pathname));
