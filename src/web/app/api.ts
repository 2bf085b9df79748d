/**
 * Thin `fetch` wrapper for the Relais REST API (same origin, JSON, RFC 9457 errors).
 * Kept free of React so it can be unit-tested in node.
 */

import {
  API_PREFIX,
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  toProblem,
  toQueryString,
  notifyUnauthorized,
  type QueryValue,
} from './api/client';

// Transitional: the typed client (api/client.ts) replaces this helper module by module.
export {
  API_PREFIX,
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  isApiError,
  readCookie,
  setUnauthorizedHandler,
  toProblem,
  toQueryString,
  type Problem,
  type ProblemFieldError,
  type QueryValue,
} from './api/client';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** When false a 401 is only thrown, not turned into a redirect to /login (e.g. the login form). */
  redirectOnUnauthorized?: boolean;
}

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

/** Calls `/api/v1<path>` and returns the parsed JSON (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // The reader's chosen language (set on <html> by i18n.ts), not the browser's: server texts follow it.
  const language = typeof document === 'undefined' ? '' : document.documentElement?.lang;
  if (language) headers['accept-language'] = language;
  if (method !== 'GET') {
    const csrf = readCookie(currentCookies(), CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ title: 'Network error', status: 0, code: 'network' });
  }

  const text = response.status === 204 ? '' : await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && options.redirectOnUnauthorized !== false) notifyUnauthorized();
    throw new ApiError(toProblem(response.status, response.statusText, body));
  }
  return body as T;
}

export const api = {
  get: <T>(
    path: string,
    query?: RequestOptions['query'],
    options?: Omit<RequestOptions, 'method' | 'query'>,
  ) => apiRequest<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
