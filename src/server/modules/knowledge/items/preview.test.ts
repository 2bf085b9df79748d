import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('POST /api/v1/knowledge/preview', () => {
  it('renders Markdown through the same sanitiser as stored items, and stores nothing', async () => {
    const before = (await rep.get('/api/v1/knowledge?limit=1')).json().total;
    const response = await rep.post('/api/v1/knowledge/preview', {
      body: '## Étapes\n\n1. **Vérifier** [le suivi](https://example.com)\n\n<img src=x onerror=alert(1)><script>alert(2)</script>[x](javascript:alert(3))',
    });
    expect(response.statusCode, response.body).toBe(200);
    const { html } = response.json();
    expect(html).toContain('<h2>Étapes</h2>');
    expect(html).toContain('<strong>Vérifier</strong>');
    expect(html).toContain('href="https://example.com"');
    expect(html).not.toMatch(/onerror|<script|javascript:|alert\(2\)/);
    expect((await rep.post('/api/v1/knowledge/preview', { body: '' })).json()).toEqual({ html: '' });
    expect((await rep.get('/api/v1/knowledge?limit=1')).json().total).toBe(before);
  });

  it('refuses bad input with problem details', async () => {
    expectProblem(await rep.post('/api/v1/knowledge/preview', {}), 400, 'validation_failed');
    expectProblem(await rep.post('/api/v1/knowledge/preview', { body: 42 }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/knowledge/preview', { body: 'x', title: 'extra' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/knowledge/preview', { body: 'x'.repeat(200_001) }),
      400,
      'validation_failed',
    );
    expectProblem(await t.anonymous().post('/api/v1/knowledge/preview', { body: 'x' }), 401);
    const noCsrf = await rep.post(
      '/api/v1/knowledge/preview',
      { body: 'x' },
      { headers: { 'x-csrf-token': 'wrong' } },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.headers['content-type']).toMatch(/problem\+json/);
  });
});
