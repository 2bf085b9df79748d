import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { emitEvent } from '../../../platform/events.js';

let t: TestApp;
const users: Record<string, { id: string; team_id: string }> = {};
let rep3: TestClient;

async function process() {
  await t.deps.events.dispatchSoon();
  await t.deps.jobs.drain();
}
async function recipientsOf(sourceId: string) {
  const rows = await t.db.query<{ email: string; reason: string }>(
    `select u.email, n.reason from notifications n join users u on u.id = n.user_id where n.source_id = $1 order by u.email`,
    [sourceId],
  );
  return Object.fromEntries(rows.map((row) => [row.email, row.reason]));
}
async function account(owner: string, extra: { segment?: string; visibility?: string } = {}) {
  const [row] = await t.db.query<{ id: string }>(
    `insert into accounts (name, owner_id, team_id, visibility, segment) values ($1, $2, $3, $4, $5) returning id`,
    [
      `Compte ${Math.random()}`,
      users[owner].id,
      users[owner].team_id,
      extra.visibility ?? 'team',
      extra.segment ?? null,
    ],
  );
  return row.id;
}
async function offer(owner: string, productId: string, stage = 'proposal') {
  const accountId = await account(owner);
  const [row] = await t.db.query<{ id: string }>(
    `insert into offers (title, account_id, stage_id, owner_id, team_id) select 'Offre', $1, id, $2, $3 from offer_stages where key = $4 returning id`,
    [accountId, users[owner].id, users[owner].team_id, stage],
  );
  await t.db.query(
    `insert into offer_lines (offer_id, product_id, quantity, unit_price) values ($1, $2, 1, 100)`,
    [row.id, productId],
  );
}
const follow = (email: string, type: string, id: string) =>
  t.db.query(`insert into follows (user_id, target_type, target_id) values ($1, $2, $3)`, [
    users[email].id,
    type,
    id,
  ]);

beforeAll(async () => {
  t = await createTestApp();
  for (const row of await t.db.query<any>(`select id, team_id, email from users`)) users[row.email] = row;
  rep3 = await t.login('rep3@relais.demo');
});
afterAll(() => t.close());

describe('notifications to those concerned', () => {
  it('a price change reaches owners of open offers with the product and its followers, saying why', async () => {
    const [product] = await t.db.query<{ id: string }>(
      `insert into products (reference, name, unit_price) values ('PUSH-P1', 'Lave-vaisselle X', 1000) returning id`,
    );
    await offer('rep@relais.demo', product.id);
    await offer('rep@relais.demo', product.id, 'negotiation');
    await offer('rep2@relais.demo', product.id);
    await offer('rep3@relais.demo', product.id, 'won'); // closed: not concerned
    await follow('manager@relais.demo', 'product', product.id);
    await follow('admin@relais.demo', 'product', product.id); // the author of the change
    await t.db.query(`update users set active = false where email = 'rep3@relais.demo'`);
    await follow('rep3@relais.demo', 'product', product.id);
    await emitEvent(t.db, {
      type: 'product.updated',
      actorId: users['admin@relais.demo'].id,
      payload: { productId: product.id, changes: { unitPrice: { from: 1000, to: 1100 } } },
    });
    await process();
    expect(await recipientsOf(product.id)).toEqual({
      'manager@relais.demo': 'vous suivez ce produit',
      'rep2@relais.demo': 'vous avez 1 offre en cours avec ce produit',
      'rep@relais.demo': 'vous avez 2 offres en cours avec ce produit',
    });
    // The same event handled again (a retry) sends nothing twice.
    await t.db.query(`update jobs set state = 'pending' where queue = 'event:push.product'`);
    await process();
    expect(Object.keys(await recipientsOf(product.id))).toHaveLength(3);
    await t.db.query(`update users set active = true where email = 'rep3@relais.demo'`);
    // A change of another field concerns nobody.
    await emitEvent(t.db, {
      type: 'product.updated',
      payload: { productId: product.id, changes: { name: { from: 'a', to: 'b' } } },
    });
    await process();
    expect(Object.keys(await recipientsOf(product.id))).toHaveLength(3);
  });

  it('a procedure update reaches followers, tag followers, segment and situation account owners — only those who may see it', async () => {
    const [situation] = await t.db.query<{ id: string }>(
      `insert into situations (name) values ('Fermeture estivale du client') returning id`,
    );
    const [item] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, body_md, status, visibility, owner_id, team_id, tags) values ('procedure', 'Procédure de retour', 'x', 'published', 'team', $1, $2, '{retours,hôtellerie}') returning id`,
      [users['rep@relais.demo'].id, users['rep@relais.demo'].team_id],
    );
    await t.db.query(`insert into situation_knowledge (situation_id, item_id) values ($1, $2)`, [
      situation.id,
      item.id,
    ]);
    const mine = await account('rep@relais.demo');
    await t.db.query(
      `insert into account_situations (account_id, situation_id, status) values ($1, $2, 'confirmed')`,
      [mine, situation.id],
    );
    const other = await account('rep3@relais.demo'); // rep3 may not see a team item of Paris Centre
    await t.db.query(
      `insert into account_situations (account_id, situation_id, status) values ($1, $2, 'confirmed')`,
      [other, situation.id],
    );
    await follow('rep2@relais.demo', 'knowledge', item.id); // cannot see it either
    await follow('manager@relais.demo', 'tag', 'retours'); // manages the region: sees it
    await emitEvent(t.db, {
      type: 'knowledge.updated',
      actorId: users['admin@relais.demo'].id,
      payload: { itemId: item.id, type: 'procedure', status: 'published' },
    });
    await process();
    expect(await recipientsOf(item.id)).toEqual({
      'manager@relais.demo': 'vous suivez un de ses mots-clés',
      'rep@relais.demo': '1 de vos comptes est dans cette situation',
    });

    const [draft] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, status, visibility, owner_id) values ('answer', 'Brouillon', 'draft', 'public', $1) returning id`,
      [users['rep@relais.demo'].id],
    );
    await follow('manager@relais.demo', 'knowledge', draft.id);
    await emitEvent(t.db, {
      type: 'knowledge.updated',
      payload: { itemId: draft.id, type: 'answer', status: 'draft' },
    });
    await process();
    expect(await recipientsOf(draft.id)).toEqual({});

    const [answer] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, status, visibility, owner_id, tags) values ('answer', 'Réponse validée', 'validated', 'public', $1, '{cafés}') returning id`,
      [users['expert@relais.demo'].id],
    );
    await account('rep2@relais.demo', { segment: 'Cafés' });
    await emitEvent(t.db, {
      type: 'knowledge.published',
      actorId: users['expert@relais.demo'].id,
      payload: { itemId: answer.id, type: 'answer', status: 'validated' },
    });
    await process();
    expect(await recipientsOf(answer.id)).toEqual({
      'rep2@relais.demo': '1 de vos comptes est dans ce segment',
    });
  });

  it('a situation update reaches owners of accounts confirmed in it and its followers', async () => {
    const [situation] = await t.db.query<{ id: string }>(
      `insert into situations (name) values ('Rachat par un groupe') returning id`,
    );
    for (const status of ['confirmed', 'confirmed']) {
      await t.db.query(
        `insert into account_situations (account_id, situation_id, status) values ($1, $2, $3)`,
        [await account('rep@relais.demo'), situation.id, status],
      );
    }
    await t.db.query(
      `insert into account_situations (account_id, situation_id, status) values ($1, $2, 'suggested')`,
      [await account('rep2@relais.demo'), situation.id],
    );
    expect(
      (await rep3.post('/api/v1/follows', { targetType: 'situation', targetId: situation.id })).statusCode,
    ).toBe(201);
    await emitEvent(t.db, { type: 'situation.updated', payload: { situationId: situation.id } });
    await process();
    expect(await recipientsOf(situation.id)).toEqual({
      'rep3@relais.demo': 'vous suivez cette situation',
      'rep@relais.demo': '2 de vos comptes sont dans cette situation',
    });
  });

  it('follows: list, follow, unfollow, and refuses unknown or invisible targets', async () => {
    const [product] = await t.db.query<{ id: string }>(
      `insert into products (reference, name, unit_price) values ('PUSH-P2', 'Four', 10) returning id`,
    );
    expect(
      (await rep3.post('/api/v1/follows', { targetType: 'product', targetId: product.id })).statusCode,
    ).toBe(201);
    expect(
      (await rep3.post('/api/v1/follows', { targetType: 'segment', targetId: 'Boulangeries' })).json()
        .targetId,
    ).toBe('boulangeries');
    expect(
      (await rep3.get('/api/v1/follows?targetType=product')).json().items.map((f: any) => f.targetId),
    ).toContain(product.id);
    expect((await rep3.delete(`/api/v1/follows?targetType=product&targetId=${product.id}`)).statusCode).toBe(
      204,
    );
    expectProblem(await rep3.delete(`/api/v1/follows?targetType=product&targetId=${product.id}`), 404);
    expectProblem(
      await rep3.post('/api/v1/follows', {
        targetType: 'product',
        targetId: '00000000-0000-4000-8000-000000000000',
      }),
      404,
    );
    const secret = await account('rep@relais.demo', { visibility: 'secret' });
    expectProblem(await rep3.post('/api/v1/follows', { targetType: 'account', targetId: secret }), 404);
    expectProblem(
      await rep3.post('/api/v1/follows', { targetType: 'planet', targetId: 'x' }),
      400,
      'validation_failed',
    );
    expectProblem(await rep3.post('/api/v1/follows', { targetType: 'tag' }), 400, 'validation_failed');
    expect(
      (await rep3.get('/api/v1/follows'))
        .json()
        .items.map((f: any) => f.targetType)
        .sort(),
    ).toEqual(['product', 'segment', 'situation']);
  });
});
