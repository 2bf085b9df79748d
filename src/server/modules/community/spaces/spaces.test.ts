import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let manager: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  rep2 = await t.login('rep2@relais.demo');
  manager = await t.login('manager@relais.demo');
});
afterAll(() => t.close());

const names = async (client: TestClient) =>
  ((await client.get('/api/v1/community/spaces?limit=200')).json().items as { name: string }[]).map(
    (s) => s.name,
  );

describe('community spaces', () => {
  it('creates a space and lists it', async () => {
    const created = await manager.post('/api/v1/community/spaces', {
      name: 'Cuisine centrale',
      description: 'Retours des chefs',
      visibility: 'public',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Cuisine centrale',
      visibility: 'public',
      teamId: expect.any(String),
    });
    expect(await names(rep)).toContain('Cuisine centrale');
    const page = (await rep.get('/api/v1/community/spaces?limit=1')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
  });

  it('keeps a secret space invisible to a non-member', async () => {
    const created = await rep.post('/api/v1/community/spaces', {
      name: 'Projet confidentiel',
      visibility: 'secret',
    });
    expect(created.statusCode).toBe(201);
    expect(await names(rep)).toContain('Projet confidentiel');
    expect(await names(rep2)).not.toContain('Projet confidentiel');
    expect(await names(manager)).not.toContain('Projet confidentiel');
  });

  it('lets only admins and managers open a public space, and refuses bad input', async () => {
    expectProblem(
      await rep.post('/api/v1/community/spaces', { name: 'Tout le monde', visibility: 'public' }),
      403,
      'forbidden',
    );
    expectProblem(await rep.post('/api/v1/community/spaces', { name: '' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/community/spaces', { name: 'x', visibility: 'everyone' }),
      400,
      'validation_failed',
    );
  });
});
