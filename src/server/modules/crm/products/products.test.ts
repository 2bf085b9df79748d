import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let admin: TestClient;
let rep: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('products', () => {
  it('creates, reads, lists and renders Markdown safely', async () => {
    const created = await admin.post('/api/v1/products', {
      reference: 'FRI-900',
      name: 'Friteuse électrique 2×10 L',
      unitPrice: 1890.5,
      discountPercent: 5,
      category: 'Cuisson',
      descriptionMd:
        '# Friteuse\n\n**Robuste** <script>alert(1)</script> [site](javascript:alert(1)) <img src=x onerror=alert(1)>',
    });
    expect(created.statusCode).toBe(201);
    const product = created.json();
    expect(product).toMatchObject({
      reference: 'FRI-900',
      unitPrice: 1890.5,
      discountPercent: 5,
      active: true,
      currency: 'EUR',
    });
    expect(product.descriptionHtml).toContain('<strong>Robuste</strong>');
    expect(product.descriptionHtml).not.toMatch(/script|onerror|javascript:/);
    expect((await rep.get(`/api/v1/products/${product.id}`)).json().name).toBe('Friteuse électrique 2×10 L');
    const list = (await rep.get('/api/v1/products?q=friteuse&limit=5')).json();
    expect(list.items.map((p: any) => p.id)).toContain(product.id);
    expect(list.total).toBeGreaterThanOrEqual(1);
  });

  it('keeps the price history (who, when, old → new) and emits product.updated with changes', async () => {
    const product = (
      await admin.post('/api/v1/products', {
        reference: 'LAV-100',
        name: 'Lave-vaisselle à capot',
        unitPrice: 3200,
      })
    ).json();
    const expert = await t.login('expert@relais.demo');
    const patched = await expert.patch(`/api/v1/products/${product.id}`, {
      unitPrice: 3350,
      discountPercent: 8,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ unitPrice: 3350, discountPercent: 8 });
    await expert.patch(`/api/v1/products/${product.id}`, { name: 'Lave-vaisselle à capot XL' });
    const history = (await rep.get(`/api/v1/products/${product.id}/price-history`)).json().items;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      oldPrice: 3200,
      newPrice: 3350,
      oldDiscount: 0,
      newDiscount: 8,
      changedByName: 'Estelle Vasseur',
    });
    const events = await t.db.query<any>(
      `select payload from outbox_events where type = 'product.updated' and payload->>'productId' = $1 order by id`,
      [product.id],
    );
    expect(events[0].payload.changes).toEqual({
      unitPrice: { from: 3200, to: 3350 },
      discountPercent: { from: 0, to: 8 },
    });
  });

  it('lets reps read only', async () => {
    expectProblem(
      await rep.post('/api/v1/products', { reference: 'X-1', name: 'X', unitPrice: 1 }),
      403,
      'forbidden',
    );
    const [any] = (await rep.get('/api/v1/products?limit=1')).json().items;
    expectProblem(await rep.patch(`/api/v1/products/${any.id}`, { unitPrice: 1 }), 403, 'forbidden');
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = (await admin.get('/api/v1/products?limit=1')).json().total;
    expectProblem(
      await admin.post('/api/v1/products', { reference: '', name: 'X', unitPrice: -1 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/products', {
        reference: 'OK-1',
        name: 'X',
        unitPrice: 10,
        discountPercent: 150,
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await admin.post('/api/v1/products', { reference: 'OK-1', name: 'X', unitPrice: 10, extra: 1 }),
      400,
      'validation_failed',
    );
    await admin.post('/api/v1/products', { reference: 'DUP-1', name: 'X', unitPrice: 10 });
    expectProblem(
      await admin.post('/api/v1/products', { reference: 'DUP-1', name: 'Y', unitPrice: 10 }),
      409,
      'product.reference_taken',
    );
    expect((await admin.get('/api/v1/products?limit=1')).json().total).toBe(before + 1);
    expectProblem(await admin.get('/api/v1/products/not-a-uuid'), 400, 'validation_failed');
    expectProblem(await admin.get('/api/v1/products/00000000-0000-0000-0000-000000000000'), 404, 'not_found');
    expectProblem(await admin.get('/api/v1/products?sort=bogus'), 400, 'validation_failed');
    expectProblem(
      await admin.patch('/api/v1/products/00000000-0000-0000-0000-000000000000', { name: 'Z' }),
      404,
    );
  });

  it('exports the catalogue as CSV', async () => {
    const response = await rep.get('/api/v1/products/export.csv?q=LAV');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.body).toContain('LAV-100');
  });
});
