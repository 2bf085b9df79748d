/**
 * The one typed client of the Relais REST API (same origin, JSON, RFC 9457 errors), built with
 * openapi-fetch on the types generated from the server's OpenAPI document (`schema.ts`).
 * Modules call it only from their `queries.ts`, through `call()`, which returns the answer's data
 * or throws an `ApiError` the UI already knows how to show and translate.
 * Kept free of React so it can be unit-tested in node.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { offlineAgeMiddleware } from '../offline/data-age';
import type { paths } from './schema';

export type { paths } from './schema';
export const API_PREFIX = '/api/v1';
export const CSRF_COOKIE = 'relais_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A field error inside a validation problem. */
export interface ProblemFieldError {
  field: string;
  message: string;
  code?: string;
}

/** RFC 9457 problem details as returned by the server (extension members allowed). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

/** Error thrown for every non-2xx answer, and for network failures (status 0, code `network`). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Reads one cookie from a `document.cookie`-style string. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const [rawKey, ...rest] = part.split('=');
    if (rawKey?.trim() === name) return decodeURIComponent(rest.join('=').trim());
  }
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;

/** Builds `?a=1&b=2`, dropping empty values so filters can be passed as-is; arrays are joined by commas. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
      continue;
    }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Normalises whatever came back into a Problem, even from a proxy's HTML error page. */
export function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body && 'title' in body) {
    return body as Problem;
  }
  return { title: statusText || `HTTP ${status}`, status, code: `http.${status}` };
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler = () => {
  if (typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`/login?next=${next}`);
  }
};

/** Lets the app replace the default full-page redirect by a router navigation. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

/** Runs the 401 handler (a redirect to the login page by default). */
export function notifyUnauthorized(): void {
  unauthorizedHandler();
}

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

/** Headers every call carries: JSON answers, the reader's language, the CSRF token on writes. */
const relaisHeaders: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('accept')) request.headers.set('accept', 'application/json');
    // The reader's chosen language (set on <html> by i18n.ts), not the browser's: server texts follow it.
    const language = typeof document === 'undefined' ? '' : document.documentElement?.lang;
    if (language) request.headers.set('accept-language', language);
    if (request.method !== 'GET') {
      const csrf = readCookie(currentCookies(), CSRF_COOKIE);
      if (csrf) request.headers.set(CSRF_HEADER, csrf);
    }
    return request;
  },
};

/** The typed client: paths are the OpenAPI paths (`/api/v1/...`), params and bodies are checked. */
export const client = createClient<paths>({
  // Same origin; an absolute base because requests are built as `Request` objects (node tests have no page).
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  credentials: 'same-origin',
  // Late-bound so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
  querySerializer: (query) => toQueryString(query as Record<string, QueryValue>).slice(1),
});
client.use(relaisHeaders, offlineAgeMiddleware);

export interface CallOptions {
  /** When false a 401 is only thrown, not turned into a redirect to /login (e.g. the login form). */
  redirectOnUnauthorized?: boolean;
}

/**
 * Awaits a client call and returns its data (undefined for 204); throws an `ApiError` carrying
 * the problem for a non-2xx answer, or `{ status: 0, code: 'network' }` when the server is not
 * reached. An aborted call rethrows the AbortError untouched.
 */
export async function call<D>(
  pending: Promise<{ data?: D; error?: unknown; response: Response }>,
  options: CallOptions = {},
): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ title: 'Network error', status: 0, code: 'network' });
  }
  const { response } = result;
  if (!response.ok) {
    if (response.status === 401 && options.redirectOnUnauthorized !== false) notifyUnauthorized();
    throw new ApiError(toProblem(response.status, response.statusText, result.error));
  }
  return result.data as D;
}

/** Sends a raw body (text/csv, text/vcard, multipart FormData) as it is, instead of JSON. */
export function rawBody(contentType?: string) {
  return {
    bodySerializer: (body: unknown) => body as BodyInit,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  };
}

/** A browser URL of an API file (CSV, vCard, JSON) for a link or a download, with the session cookie. */
export function downloadUrl(path: string, query?: Record<string, QueryValue>): string {
  return `${API_PREFIX}${path}${toQueryString(query)}`;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type SuccessOf<R> = 200 extends keyof R ? R[200] : 201 extends keyof R ? R[201] : never;

/** The JSON answer of `method path`, e.g. `ApiResponse<'/api/v1/accounts/{id}', 'get'>`. */
export type ApiResponse<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonContent<SuccessOf<R>>
  : never;

/** The JSON body `method path` takes. */
export type ApiBody<P extends keyof paths, M extends Method = 'post'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters `method path` takes. */
export type ApiQuery<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** One item of a list answer (`{ items, nextCursor, total? }`). */
export type ApiItem<P extends keyof paths, M extends Method = 'get'> =
  ApiResponse<P, M> extends { items: Array<infer I> } ? I : never;
