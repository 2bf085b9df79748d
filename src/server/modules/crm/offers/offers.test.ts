import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { anyProduct, teamAccountOf } from './test-fixtures.js';

let t: TestApp;
let rep: TestClient;
let accountId: string;
let product: Awaited<ReturnType<typeof anyProduct>>;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  accountId = await teamAccountOf(t, 'rep@relais.demo');
  product = await anyProduct(t);
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>) =>
  rep.post('/api/v1/offers', { title: 'Équipement cuisine', accountId, ...body });

describe('offers', () => {
  it('creates an offer with lines defaulting to the product price and computes the amount', async () => {
    const response = await create({
      lines: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 1, unitPrice: 100, discountPercent: 10 },
      ],
    });
    expect(response.statusCode).toBe(201);
    const offer = response.json();
    const expected = Math.round(2 * product.unitPrice * (100 - product.discount)) / 100 + 90;
    expect(offer.amount).toBeCloseTo(expected, 2);
    expect(offer.lines[0]).toMatchObject({
      unitPrice: product.unitPrice,
      discountPercent: product.discount,
      quantity: 2,
    });
    expect(offer).toMatchObject({
      stage: 'qualification',
      outcome: 'open',
      visibility: 'team',
      ownerName: 'Romain Lemoine',
    });
    expect(offer.stageHistory).toHaveLength(1);
    const types = (
      await t.db.query<any>(`select type from outbox_events where payload->>'offerId' = $1 order by id`, [
        offer.id,
      ])
    ).map((e) => e.type);
    expect(types).toEqual(['offer.created', 'offer.line_added', 'offer.line_added']);
  });

  it('edits lines and keeps the amount server-side', async () => {
    const offer = (await create({})).json();
    expect(offer.amount).toBe(0);
    const added = await rep.post(`/api/v1/offers/${offer.id}/lines`, {
      productId: product.id,
      quantity: 3,
      unitPrice: 50,
      discountPercent: 0,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().amount).toBe(150);
    const lineId = added.json().lines[0].id;
    expect(
      (await rep.patch(`/api/v1/offers/${offer.id}/lines/${lineId}`, { quantity: 4 })).json().amount,
    ).toBe(200);
    expect((await rep.delete(`/api/v1/offers/${offer.id}/lines/${lineId}`)).json().amount).toBe(0);
    expectProblem(await rep.patch(`/api/v1/offers/${offer.id}/lines/${lineId}`, { quantity: 4 }), 404);
    expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/lines`, { productId: product.id, quantity: 0 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/lines`, {
        productId: '00000000-0000-0000-0000-000000000000',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/lines`, { productId: product.id, amount: 5 }),
      400,
      'validation_failed',
    );
  });

  it('moves through stages, requires reason and competitor to lose, and keeps the history', async () => {
    const offer = (await create({ lines: [{ productId: product.id }] })).json();
    expect((await rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'proposal' })).json().stage).toBe(
      'proposal',
    );
    const problem = expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'lost' }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['competitor', 'reason']);
    expect((await rep.get(`/api/v1/offers/${offer.id}`)).json().stage).toBe('proposal');
    expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'nowhere' }),
      400,
      'validation_failed',
    );
    const lost = (
      await rep.post(`/api/v1/offers/${offer.id}/stage`, {
        stage: 'lost',
        reason: 'Prix trop élevé',
        competitor: 'Concurrent SA',
      })
    ).json();
    expect(lost).toMatchObject({
      outcome: 'lost',
      closeReason: 'Prix trop élevé',
      competitor: 'Concurrent SA',
    });
    expect(lost.closedAt).toBeTruthy();
    expect(lost.stageHistory.map((h: any) => h.to)).toEqual(['qualification', 'proposal', 'lost']);
    expectProblem(
      await rep.post(`/api/v1/offers/${offer.id}/lines`, { productId: product.id }),
      409,
      'offer.closed',
    );
    const event = await t.db.query<any>(
      `select payload from outbox_events where type = 'offer.stage_changed' and payload->>'offerId' = $1 order by id desc limit 1`,
      [offer.id],
    );
    expect(event[0].payload).toMatchObject({ from: 'proposal', to: 'lost', accountId });
    const won = (
      await rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'won', reason: 'Reprise' })
    ).json();
    expect(won).toMatchObject({ outcome: 'won', competitor: null });
  });

  it('validates creation and writes nothing half-way', async () => {
    const before = (await rep.get('/api/v1/offers?limit=1')).json().total;
    expectProblem(await rep.post('/api/v1/offers', { title: '' }), 400, 'validation_failed');
    expectProblem(
      await create({ accountId: '00000000-0000-0000-0000-000000000000' }),
      400,
      'validation_failed',
    );
    expectProblem(await create({ stage: 'won' }), 400, 'validation_failed');
    expectProblem(await create({ amount: 10 }), 400, 'validation_failed');
    expectProblem(await create({ expectedCloseDate: '2025-13-45' }), 400, 'validation_failed');
    const bad = expectProblem(
      await create({
        lines: [{ productId: product.id }, { productId: '00000000-0000-0000-0000-000000000000' }],
      }),
      400,
      'validation_failed',
    );
    expect(bad.errors[0].field).toBe('lines.1.productId');
    expect((await rep.get('/api/v1/offers?limit=1')).json().total).toBe(before);
  });

  it('lists with filters, sorts, a board, a CSV export, and deletes', async () => {
    const offer = (
      await create({ title: 'Chambre froide positive', expectedCloseDate: '2030-01-15' })
    ).json();
    const list = (
      await rep.get('/api/v1/offers?q=chambre%20froide&ownerId=me&outcome=open&sort=-amount')
    ).json();
    expect(list.items.map((o: any) => o.id)).toContain(offer.id);
    expectProblem(await rep.get('/api/v1/offers?sort=nope'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/offers?outcome=maybe'), 400, 'validation_failed');
    const board = (await rep.get('/api/v1/offers/board?ownerId=me')).json();
    expect(board.columns.map((c: any) => c.stage.key)).toEqual([
      'qualification',
      'proposal',
      'negotiation',
      'commitment',
      'won',
      'lost',
    ]);
    expect(board.columns[0].items.map((o: any) => o.id)).toContain(offer.id);
    const csv = await rep.get('/api/v1/offers/export.csv?q=chambre');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Chambre froide positive');
    const patched = (
      await rep.patch(`/api/v1/offers/${offer.id}`, {
        title: 'Chambre froide négative',
        expectedCloseDate: null,
      })
    ).json();
    expect(patched).toMatchObject({ title: 'Chambre froide négative', expectedCloseDate: null });
    expectProblem(await rep.patch(`/api/v1/offers/${offer.id}`, { stage: 'won' }), 400, 'validation_failed');
    const rep2 = await t.login('rep2@relais.demo');
    expectProblem(await rep2.delete(`/api/v1/offers/${offer.id}`), 404);
    expect((await rep.delete(`/api/v1/offers/${offer.id}`)).statusCode).toBe(204);
    expectProblem(await rep.get(`/api/v1/offers/${offer.id}`), 404);
  });

  it('manages stages (admin only)', async () => {
    const admin = await t.login('admin@relais.demo');
    expectProblem(
      await rep.post('/api/v1/offer-stages', {
        key: 'demo',
        nameFr: 'Démo',
        nameEn: 'Demo',
        probability: 40,
        position: 3,
      }),
      403,
    );
    const created = await admin.post('/api/v1/offer-stages', {
      key: 'demo',
      nameFr: 'Démo',
      nameEn: 'Demo',
      probability: 40,
      position: 3,
    });
    expect(created.statusCode).toBe(201);
    expectProblem(
      await admin.post('/api/v1/offer-stages', {
        key: 'demo',
        nameFr: 'Démo',
        nameEn: 'Demo',
        probability: 40,
        position: 3,
      }),
      409,
      'stage.key_taken',
    );
    expectProblem(
      await admin.post('/api/v1/offer-stages', {
        key: 'Bad Key',
        nameFr: 'x',
        nameEn: 'x',
        probability: 140,
        position: 3,
      }),
      400,
      'validation_failed',
    );
    expect(
      (await admin.patch(`/api/v1/offer-stages/${created.json().id}`, { probability: 45 })).json()
        .probability,
    ).toBe(45);
    expect((await rep.get('/api/v1/offer-stages')).json().items.map((s: any) => s.key)).toContain('demo');
  });

  it('finds offers in the global search', async () => {
    const offer = (await create({ title: 'Cellule de refroidissement rapide' })).json();
    const hits = (await rep.get('/api/v1/search?q=refroidissement&types=offer')).json();
    expect(JSON.stringify(hits)).toContain(offer.id);
  });
});
