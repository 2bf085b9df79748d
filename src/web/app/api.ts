/**
 * Thin `fetch` wrapper for the Relais REST API (same origin, JSON, RFC 9457 errors).
 * Kept free of React so it can be unit-tested in node.
 */

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

/** Builds `?a=1&b=2`, dropping empty values so filters can be passed as-is. */
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** When false a 401 is only thrown, not turned into a redirect to /login (e.g. the login form). */
  redirectOnUnauthorized?: boolean;
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

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

/** Calls `/api/v1<path>` and returns the parsed JSON (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
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
    if (response.status === 401 && options.redirectOnUnauthorized !== false) unauthorizedHandler();
    throw new ApiError(toProblem(response.status, response.statusText, body));
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], options?: Omit<RequestOptions, 'method' | 'query'>) =>
    apiRequest<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
