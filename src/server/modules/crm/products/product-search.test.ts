import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let product: { id: string; reference: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('admin@relais.demo');
  product = (
    await admin.post('/api/v1/products', {
      reference: 'CUI-914',
      name: 'Four mixte 10 niveaux GN 1/1',
      unitPrice: 14250.5,
      category: 'Cuisson',
    })
  ).json();
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

const search = async (q: string) =>
  (await rep.get(`/api/v1/search?q=${encodeURIComponent(q)}&types=product`)).json().items as {
    type: string;
    id: string;
    title: string;
    subtitle: string;
    url: string;
  }[];

describe('products in the Ctrl+K search', () => {
  it('finds a product by its reference, exactly or typed loosely, first', async () => {
    for (const q of ['CUI-914', 'cui914', 'cui-9']) {
      const [first] = await search(q);
      expect(first, q).toMatchObject({ type: 'product', id: product.id, url: `/products/${product.id}` });
    }
  });

  it("finds a product by the words of its name, accents and case ignored, with its price in the reader's language", async () => {
    const hits = await search('four mixte');
    const hit = hits.find((h) => h.id === product.id);
    expect(hit?.title).toBe('CUI-914 · Four mixte 10 niveaux GN 1/1');
    expect(hit?.subtitle.replace(/[\u202f\u00a0]/g, ' ')).toBe('Cuisson · 14 250,50 €');
    expect((await search('MIXTE niveaux')).some((h) => h.id === product.id)).toBe(true);
    expect((await search('four lave-vaisselle')).some((h) => h.id === product.id)).toBe(false);
  });
});
