import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';

/**
 * CRM-7: the brief brings what the company knows about this client — knowledge on its products,
 * its situations with their advice and products, the alerts that would meet the rep there — and
 * names the colleagues who know it, never the reader themself.
 */
let t: TestApp;
let rep: TestClient;
let expert: TestClient;
let account: { id: string; team_id: string; segment: string };
let product: { id: string; name: string };
let colleague: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  [rep, expert] = await Promise.all([t.login('rep@relais.demo'), t.login('expert@relais.demo')]);
  [account] = await t.db.query(
    `select id, team_id, segment from accounts where name = 'Boulangerie Lemoine & Fils'`,
  );
  [product] = await t.db.query(`select id, name from products where active order by reference limit 1`);
  // The client is offered the product; the expert's published sheet is about it.
  expect(
    (
      await rep.post('/api/v1/offers', {
        title: 'Équipement du fournil',
        accountId: account.id,
        lines: [{ productId: product.id, quantity: 1 }],
      })
    ).statusCode,
  ).toBe(201);
  await t.db.query(
    `insert into knowledge_items (type, title, body_md, html, product_ids, status, owner_id, visibility, published_at)
     values ('product_sheet', 'Fiche : bien choisir son four', 'Texte', '<p>Texte</p>', $1, 'published', $2, 'public', now()),
            ('answer', 'Brouillon non relu sur le four', 'Texte', '<p>Texte</p>', $1, 'draft', $2, 'public', null)`,
    [[product.id], expert.userId],
  );
  // A situation with advice and products, confirmed on the account.
  const situation = (
    await expert.post('/api/v1/situations', {
      name: 'Reprise du fonds de commerce',
      description: 'Le client change de propriétaire.',
      advice: 'Rencontrer **le repreneur** avant la signature.',
      productIds: [product.id],
    })
  ).json();
  expect(
    (await rep.post(`/api/v1/accounts/${account.id}/situations`, { situationId: situation.id })).statusCode,
  ).toBe(201);
  // An alert on visits to this client.
  const rule = await expert.post('/api/v1/push/rules', {
    name: 'Client en redressement',
    action: 'activity.create',
    severity: 'warning',
    conditions: { field: 'accountId', op: 'eq', value: account.id },
    message: { fr: 'Paiement comptant exigé.', en: 'Cash payment required.' },
  });
  expect(rule.statusCode, rule.body).toBe(201);
  // A teammate who visited the client.
  [colleague] = await t.db.query(
    `select id, trim(first_name || ' ' || last_name) as name, email from users where team_id = $1 and role = 'rep' and id <> $2 order by email limit 1`,
    [account.team_id, rep.userId],
  );
  const teammate = await t.login(
    (await t.db.query<{ email: string }>(`select email from users where id = $1`, [colleague.id]))[0].email,
  );
  expect(
    (
      await teammate.post('/api/v1/activities', {
        kind: 'visit',
        accountId: account.id,
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      })
    ).statusCode,
  ).toBe(201);
});
afterAll(() => t.close());

describe('the client brief', () => {
  it('lists the knowledge on the products the client is offered, never drafts', async () => {
    const brief = (await rep.get(`/api/v1/accounts/${account.id}/brief`)).json();
    const titles = brief.knowledge.map((k: any) => k.title);
    expect(titles).toContain('Fiche : bien choisir son four');
    expect(titles).not.toContain('Brouillon non relu sur le four');
    expect(brief.knowledge.find((k: any) => k.title.startsWith('Fiche'))).toMatchObject({
      why: 'product',
      productNames: [product.name],
      url: expect.stringMatching(/^\/knowledge\//),
    });
  });

  it("shows the client's situations with their advice and products", async () => {
    const brief = (await rep.get(`/api/v1/accounts/${account.id}/brief`)).json();
    const situation = brief.situations.find((s: any) => s.name === 'Reprise du fonds de commerce');
    expect(situation.adviceHtml).toContain('<strong>le repreneur</strong>');
    expect(situation.products).toEqual([expect.objectContaining({ id: product.id, name: product.name })]);
    expect(brief.sections.map((s: any) => s.key)).not.toContain('situations');
  });

  it('shows the alerts that would meet the rep at this client', async () => {
    const brief = (await rep.get(`/api/v1/accounts/${account.id}/brief`)).json();
    expect(brief.alerts).toEqual([
      expect.objectContaining({
        name: 'Client en redressement',
        severity: 'warning',
        message: 'Paiement comptant exigé.',
      }),
    ]);
    const text = (await rep.get(`/api/v1/accounts/${account.id}/brief?format=text`)).body;
    expect(text).toContain('Client en redressement');
    expect(text).toContain('Reprise du fonds de commerce : Rencontrer le repreneur');
  });

  it('names colleagues who know the client, with why, and never the reader', async () => {
    const brief = (await rep.get(`/api/v1/accounts/${account.id}/brief`)).json();
    const ids = brief.colleagues.map((c: any) => c.id);
    expect(ids).not.toContain(rep.userId);
    expect(brief.colleagues.find((c: any) => c.id === colleague.id)).toMatchObject({
      name: colleague.name,
      reasons: ['worked_with'],
    });
    const [{ manager_id: managerId }] = await t.db.query<{ manager_id: string }>(
      `select manager_id from teams where id = $1`,
      [account.team_id],
    );
    expect(brief.colleagues.find((c: any) => c.id === managerId)?.reasons).toContain('team_manager');
    expect(brief.colleagues.find((c: any) => c.id === expert.userId)).toMatchObject({
      reasons: ['product_expert'],
      products: [product.name],
    });
    // The owner sees the other colleagues; a colleague sees the owner.
    const seenByManager = (
      await (await t.login('manager@relais.demo')).get(`/api/v1/accounts/${account.id}/brief`)
    ).json();
    expect(seenByManager.colleagues.find((c: any) => c.id === rep.userId)?.reasons).toEqual(
      expect.arrayContaining(['worked_with', 'account_owner']),
    );
  });
});
