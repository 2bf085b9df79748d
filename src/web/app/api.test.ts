import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, readCookie, setUnauthorizedHandler, toProblem, toQueryString } from './api';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; relais_csrf=abc%3D%3D; b=2', 'relais_csrf')).toBe('abc==');
    expect(readCookie('', 'relais_csrf')).toBeUndefined();
    expect(readCookie('relais_csrf_old=x', 'relais_csrf')).toBeUndefined();
  });
});

describe('toQueryString', () => {
  it('drops empty filters and joins arrays', () => {
    expect(
      toQueryString({
        q: '',
        role: null,
        teamId: undefined,
        active: false,
        limit: 25,
        types: ['account', 'offer'],
      }),
    ).toBe('?active=false&limit=25&types=account%2Coffer');
    expect(toQueryString({})).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });
});

describe('toProblem', () => {
  it('keeps a problem body and synthesises one otherwise', () => {
    const problem = { title: 'Conflict', status: 409, code: 'team.not_empty' };
    expect(toProblem(409, 'Conflict', problem)).toBe(problem);
    expect(toProblem(502, 'Bad Gateway', '<html>')).toEqual({
      title: 'Bad Gateway',
      status: 502,
      code: 'http.502',
    });
  });
});

describe('apiRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(() => undefined);
  });

  it('sends the CSRF cookie as a header on writes only', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'relais_csrf=token123' });

    await apiRequest('/me', { method: 'PATCH', body: { locale: 'en' } });
    await apiRequest('/me');

    const [writeUrl, writeInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(writeUrl).toBe('/api/v1/me');
    expect(writeInit.credentials).toBe('same-origin');
    expect((writeInit.headers as Record<string, string>)['x-csrf-token']).toBe('token123');
    expect(writeInit.body).toBe('{"locale":"en"}');
    const readInit = (fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1];
    expect((readInit.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(apiRequest('/me/tokens/1', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('throws an ApiError carrying the problem', async () => {
    const problem = {
      title: 'Conflict',
      status: 409,
      code: 'team.not_empty',
      detail: 'Not empty',
      requestId: 'r1',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(409, problem)),
    );
    const error = await apiRequest('/admin/teams/1', { method: 'DELETE' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('team.not_empty');
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).problem.requestId).toBe('r1');
  });

  it('calls the unauthorized handler on 401 unless told not to', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(401, { title: 'Unauthorized', status: 401, code: 'auth.required' })),
    );
    await expect(apiRequest('/me')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(
      apiRequest('/auth/login', { method: 'POST', body: {}, redirectOnUnauthorized: false }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into code "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(apiRequest('/health')).rejects.toMatchObject({ problem: { status: 0, code: 'network' } });
  });
});
