import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import { expectProblem } from '../client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => t.close());

describe('API conventions (API-1)', () => {
  it('answers health with the database kind and version', async () => {
    const response = await t.anonymous().get('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: t.db.kind, version: expect.any(String) });
  });

  it('describes every route in an OpenAPI 3.1 document with problem answers', async () => {
    const document = (await t.anonymous().get('/api/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries<any>(document.paths)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = t.deps.routes;
    const apiRoutes = routes.filter((route) => route.url.startsWith('/api/v1'));
    expect(apiRoutes.length).toBeGreaterThan(15);
    for (const route of apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(documented.has(`${route.method} ${path}`), `${route.method} ${route.url} is documented`).toBe(
        true,
      );
      const spec = document.paths[path][route.method.toLowerCase()];
      expect(spec.responses['4XX'].content['application/problem+json']).toBeDefined();
      expect(
        Object.keys(spec.responses).some((status) => /^2/.test(status)),
        `${route.method} ${route.url} has a success response`,
      ).toBe(true);
    }
    expect(documented.has('POST /api/v1/auth/login')).toBe(true);
    expect(documented.has('GET /api/v1/audit')).toBe(true);
    expect(documented.has('DELETE /api/v1/me/tokens/{id}')).toBe(true);
    const login = document.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  });

  it('serves a browsable reference at /api/docs', async () => {
    const response = await t.anonymous().get('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const problem = expectProblem(await t.anonymous().get('/api/v1/nowhere'), 404, 'route_not_found');
    expect(problem.detail).not.toContain('/api/v1/nowhere');
  });

  it('answers 413 for a body over the size limit', async () => {
    const big = JSON.stringify({ email: 'rep@relais.demo', password: 'x'.repeat(5000) });
    expectProblem(
      await t
        .anonymous()
        .post('/api/v1/auth/login', undefined, { rawBody: big, contentType: 'application/json' }),
      413,
      'payload_too_large',
    );
  });

  it('answers 400 for malformed JSON', async () => {
    expectProblem(
      await t
        .anonymous()
        .post('/api/v1/auth/login', undefined, { rawBody: '{"email": ', contentType: 'application/json' }),
      400,
      'malformed_json',
    );
  });

  it('answers 415 for a body type a route does not take', async () => {
    expectProblem(
      await t
        .anonymous()
        .post('/api/v1/auth/login', undefined, { rawBody: 'email=a', contentType: 'application/xml' }),
      415,
    );
  });

  it('names every bad field and never leaks internals', async () => {
    const admin = await t.login('admin@relais.demo');
    const problem = expectProblem(
      await admin.get('/api/v1/admin/users?limit=0&sort=password'),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((error) => error.field)).toContain('querystring.limit');
    const sorted = expectProblem(
      await admin.get('/api/v1/admin/users?sort=password'),
      400,
      'validation_failed',
    );
    expect(sorted.errors[0]).toMatchObject({ field: 'sort', code: 'invalid_sort' });
    expect(JSON.stringify(sorted)).not.toMatch(/select|stack|node_modules/i);
    expectProblem(await admin.get('/api/v1/admin/users?cursor=%%%'), 400, 'validation_failed');
  });

  it('shares one list convention: items, nextCursor, total, following cursors to the end', async () => {
    const admin = await t.login('admin@relais.demo');
    const seen = new Set<string>();
    let url: string | null = '/api/v1/admin/users?limit=7&sort=email';
    let total = 0;
    while (url) {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = (
        await admin.get(url)
      ).json();
      total = page.total;
      for (const user of page.items) seen.add(user.id);
      url = page.nextCursor ? `/api/v1/admin/users?limit=7&sort=email&cursor=${page.nextCursor}` : null;
    }
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(6);
  });
});
