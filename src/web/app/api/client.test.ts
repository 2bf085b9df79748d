import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  call,
  client,
  rawBody,
  readCookie,
  setUnauthorizedHandler,
  toProblem,
  toQueryString,
} from './client';

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

describe('the typed client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(() => undefined);
  });

  it('sends the CSRF cookie as a header on writes only', async () => {
    const fetchMock = vi.fn(async (_request: Request) => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'relais_csrf=token123' });

    await call(client.PATCH('/api/v1/me', { body: { locale: 'en' } }));
    await call(client.GET('/api/v1/me'));

    const write = fetchMock.mock.calls[0]![0];
    expect(new URL(write.url).pathname).toBe('/api/v1/me');
    expect(write.credentials).toBe('same-origin');
    expect(write.headers.get('x-csrf-token')).toBe('token123');
    expect(await write.text()).toBe('{"locale":"en"}');
    const read = fetchMock.mock.calls[1]![0];
    expect(read.headers.get('x-csrf-token')).toBeNull();
  });

  it('drops empty filters from the query and joins arrays', async () => {
    const fetchMock = vi.fn(async (_request: Request) => jsonResponse(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await call(client.GET('/api/v1/accounts', { params: { query: { q: '', kind: 'customer', limit: 20 } } }));
    expect(new URL(fetchMock.mock.calls[0]![0].url).search).toBe('?kind=customer&limit=20');
  });

  it('sends an upload (multipart) as it is, with the CSRF header like every other write', async () => {
    const fetchMock = vi.fn(async (_request: Request) => jsonResponse(201, { id: 'd1' }));
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'relais_csrf=token123' });
    const form = new FormData();
    form.append('parentType', 'account');
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');

    await call(client.POST('/api/v1/documents', { body: form as never, ...rawBody() }));

    const upload = fetchMock.mock.calls[0]![0];
    expect(upload.headers.get('x-csrf-token')).toBe('token123');
    expect(upload.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await upload.text()).toContain('hello');
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(
      call(client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: '1' } } })),
    ).resolves.toBeUndefined();
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
    const error = await call(
      client.DELETE('/api/v1/admin/teams/{id}', { params: { path: { id: '1' } } }),
    ).catch((caught: unknown) => caught);
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
    await expect(call(client.GET('/api/v1/me'))).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(
      call(client.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } }), {
        redirectOnUnauthorized: false,
      }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into code "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(call(client.GET('/api/v1/health'))).rejects.toMatchObject({
      problem: { status: 0, code: 'network' },
    });
  });
});
