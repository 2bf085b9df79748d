import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { assertVisibility, bodyProbe, getProbe, listProbe } from '../../../../../test/visibility.js';
import { flagStaleItems } from './lifecycle.service.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let expert: TestClient;
let manager: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, expert, manager, admin] = await Promise.all(
    ['rep', 'rep2', 'expert', 'manager', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
});
afterAll(() => t.close());

const create = async (client: TestClient, body: Record<string, unknown>) => {
  const response = await client.post('/api/v1/knowledge', {
    type: 'answer',
    title: 'Titre',
    body: 'Corps',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};

describe('knowledge items', () => {
  it('creates an item with sanitised HTML and a detected language', async () => {
    const item = await create(rep, {
      title: 'Remise exceptionnelle',
      body: '# Quand accorder une remise\n\nLe client doit **signer** avant la fin du mois. <script>alert(1)</script><a href="javascript:alert(1)">x</a>',
      tags: ['Prix', 'remise'],
    });
    expect(item).toMatchObject({
      type: 'answer',
      status: 'draft',
      lang: 'fr',
      delivery: 'pull',
      visibility: 'public',
      tags: ['prix', 'remise'],
      version: 1,
      canEdit: true,
    });
    expect(item.html).toContain('<strong>signer</strong>');
    expect(item.html).not.toMatch(/script|javascript:/);
    const english = await create(rep, {
      title: 'How to handle a late delivery',
      body: 'When the customer is waiting for the oven, check the tracking and call them.',
    });
    expect(english.lang).toBe('en');
    const forced = await create(rep, {
      title: 'Late delivery',
      body: 'The customer is waiting.',
      lang: 'fr',
    });
    expect(forced.lang).toBe('fr');
  });

  it('refuses bad input with problem details and writes nothing', async () => {
    const before = (await rep.get('/api/v1/knowledge?limit=1')).json().total;
    const problem = expectProblem(
      await rep.post('/api/v1/knowledge', { type: 'memo', title: '', visibility: 'hidden' }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['title', 'type', 'visibility']);
    expectProblem(
      await rep.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'x',
        productIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/knowledge', { type: 'answer', title: 'x', extra: 1 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/knowledge', { type: 'answer', title: 'x', status: 'published' }),
      403,
      'knowledge.publish_forbidden',
    );
    expectProblem(await rep.get('/api/v1/knowledge/not-a-uuid'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/knowledge/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await rep.get('/api/v1/knowledge?sort=bogus'), 400, 'validation_failed');
    expectProblem(await t.anonymous().get('/api/v1/knowledge'), 401);
    expect((await rep.get('/api/v1/knowledge?limit=1')).json().total).toBe(before);
  });

  it('drops NUL characters instead of failing (PostgreSQL text cannot hold them)', async () => {
    const item = await create(rep, {
      title: 'Nul\u0000 char',
      body: '<img src=x onerror=\u0000alert(1)> ok\u0000',
    });
    expect(item.title).toBe('Nul char');
    expect(item.body).not.toContain('\u0000');
    expect(item.html).not.toMatch(/onerror|alert/);
    const patched = await rep.patch(`/api/v1/knowledge/${item.id}`, { body: 'a\u0000b' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().body).toBe('ab');
    expect((await rep.get('/api/openapi.json')).statusCode).toBe(200);
  });

  it('lists, filters and pages', async () => {
    const page = (await rep.get('/api/v1/knowledge?type=answer&limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((i: any) => i.type === 'answer')).toBe(true);
    expect(page.nextCursor).toBeTruthy();
    const next = (await rep.get(`/api/v1/knowledge?type=answer&limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
  });

  it('lets only the owner, experts and admins edit or delete; others get 403', async () => {
    const item = await create(rep, { title: 'À modifier', body: 'v1' });
    // A draft is not even visible to another rep.
    expectProblem(await rep2.patch(`/api/v1/knowledge/${item.id}`, { title: 'Piraté' }), 404);
    await t.db.query(`update knowledge_items set status = 'published' where id = $1`, [item.id]);
    expectProblem(
      await rep2.patch(`/api/v1/knowledge/${item.id}`, { title: 'Piraté' }),
      403,
      'knowledge.edit_forbidden',
    );
    expectProblem(await rep2.delete(`/api/v1/knowledge/${item.id}`), 403, 'knowledge.edit_forbidden');
    await t.db.query(`update knowledge_items set status = 'draft' where id = $1`, [item.id]);
    const edited = (await expert.patch(`/api/v1/knowledge/${item.id}`, { body: 'v2 *gras*' })).json();
    expect(edited).toMatchObject({ version: 2, body: 'v2 *gras*' });
    expect(edited.html).toContain('<em>gras</em>');
    expectProblem(
      await rep.patch(`/api/v1/knowledge/${item.id}`, { visibility: 'nope' }),
      400,
      'validation_failed',
    );
    expect((await rep.delete(`/api/v1/knowledge/${item.id}`)).statusCode).toBe(204);
    expectProblem(await rep.get(`/api/v1/knowledge/${item.id}`), 404);
  });

  it('runs the lifecycle: draft → in review → validated → published, with expert shortcuts', async () => {
    const item = await create(rep, { title: 'Cycle de vie' });
    const go = (client: TestClient, action: string) =>
      client.post(`/api/v1/knowledge/${item.id}/transitions`, { action });
    expectProblem(await go(rep, 'publish'), 403, 'knowledge.validation_required');
    expect((await go(rep, 'submit')).json().status).toBe('in_review');
    expectProblem(await go(rep, 'validate'), 403, 'knowledge.expert_only');
    expectProblem(await go(rep, 'submit'), 409, 'knowledge.invalid_transition');
    expect((await go(expert, 'validate')).json().status).toBe('validated');
    const published = (await go(rep, 'publish')).json();
    expect(published).toMatchObject({ status: 'published' });
    expect(published.publishedAt).toBeTruthy();
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'explode' }),
      400,
      'validation_failed',
    );
    // Publishing one's own text directly is validating it alone: a second expert exists, so no…
    expectProblem(
      await expert.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Publié directement',
        status: 'published',
      }),
      403,
      'knowledge.second_expert_required',
    );
    // …unless the admins decided that one expert suffices.
    expectProblem(await expert.patch('/api/v1/knowledge/settings', { secondExpert: 'never' }), 403);
    expect((await admin.patch('/api/v1/knowledge/settings', { secondExpert: 'never' })).json()).toMatchObject(
      { secondExpert: 'never', secondExpertRequired: false },
    );
    const direct = await create(expert, { title: 'Publié directement', status: 'published' });
    expect(direct.status).toBe('published');
    expect(
      (await admin.patch('/api/v1/knowledge/settings', { secondExpert: 'when_possible' })).json(),
    ).toMatchObject({ secondExpertRequired: true });
    const events = await t.db.query(`select type from outbox_events where payload->>'itemId' = $1`, [
      item.id,
    ]);
    expect(events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['knowledge.created', 'knowledge.status_changed', 'knowledge.published']),
    );
  });

  it('flags stale items daily and asks the owner to re-verify', async () => {
    const item = await create(admin, { title: 'Bientôt périmé', verifyIntervalDays: 1 });
    await expert.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'publish' });
    await t.db.query(`update knowledge_items set verified_at = now() - interval '2 days' where id = $1`, [
      item.id,
    ]);
    expect(await t.db.transaction((tx) => flagStaleItems(tx))).toBeGreaterThanOrEqual(1);
    expect((await expert.get(`/api/v1/knowledge/${item.id}`)).json().status).toBe('stale');
    const [event] = await t.db.query(
      `select recipients from outbox_events where payload->>'itemId' = $1 and payload->>'reverify' = 'true'`,
      [item.id],
    );
    expect(event.recipients).toEqual([admin.userId]);
    expect(
      (await admin.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'verify' })).json().status,
    ).toBe('published');
  });

  it('keeps versions with a readable diff and restores one', async () => {
    const item = await create(rep, { title: 'Versionné', body: 'Première ligne\nDeuxième ligne' });
    await rep.patch(`/api/v1/knowledge/${item.id}`, {
      body: 'Première ligne\nLigne changée',
      note: 'correction',
    });
    await rep.patch(`/api/v1/knowledge/${item.id}`, { title: 'Versionné v3' });
    const versions = (await rep.get(`/api/v1/knowledge/${item.id}/versions`)).json().items;
    expect(versions.map((v: any) => v.version)).toEqual([3, 2, 1]);
    const diff = (await rep.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=3`)).json();
    const body = diff.fields.find((f: any) => f.field === 'body');
    expect(body.changed).toBe(true);
    expect(body.parts.find((p: any) => p.removed).value).toContain('Deuxième ligne');
    expect(body.parts.find((p: any) => p.added).value).toContain('Ligne changée');
    expect(diff.unified).toContain('-Deuxième ligne');
    expectProblem(await rep.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=9`), 404);
    expectProblem(await rep.get(`/api/v1/knowledge/${item.id}/diff?from=x&to=2`), 400);
    const restored = (await rep.post(`/api/v1/knowledge/${item.id}/versions/1/restore`)).json();
    expect(restored).toMatchObject({
      version: 4,
      title: 'Versionné',
      body: 'Première ligne\nDeuxième ligne',
    });
    expectProblem(await rep2.post(`/api/v1/knowledge/${item.id}/versions/1/restore`), 404);
  });

  it('keeps a secret item to its owner and grantees everywhere (ID-3) and audits reads', async () => {
    const item = await create(rep, {
      title: 'Zanzibar confidentiel',
      body: 'Stratégie xylophone secrète',
      visibility: 'secret',
      tags: ['zanzibar'],
      status: 'in_review',
    });
    const probes = [
      getProbe((id) => `/api/v1/knowledge/${id}`),
      listProbe('/api/v1/knowledge?limit=500'),
      bodyProbe('search', '/api/v1/knowledge/search?q=xylophone', (body, id) => body.includes(id)),
      bodyProbe('search total', '/api/v1/knowledge/search?q=xylophone', (body) => JSON.parse(body).total > 0),
      bodyProbe('search facets', '/api/v1/knowledge/search?q=strategie&tag=zanzibar', (body) =>
        body.includes('zanzibar'),
      ),
      bodyProbe('global search', '/api/v1/search?q=Zanzibar&types=knowledge', (body, id) =>
        body.includes(id),
      ),
      bodyProbe('tag filter total', '/api/v1/knowledge?tag=zanzibar', (body) => JSON.parse(body).total > 0),
    ];
    await assertVisibility({
      recordId: item.id,
      probes,
      canSee: { owner: rep },
      cannotSee: { rep2, manager, expert, admin },
    });
    const grant = await rep.post(`/api/v1/knowledge/${item.id}/grants`, { userId: rep2.userId });
    expect(grant.statusCode).toBe(201);
    // In review, a grant is not enough: drafts and items in review stay with the owner (and experts who may see it).
    await assertVisibility({
      recordId: item.id,
      probes,
      canSee: { owner: rep },
      cannotSee: { grantee: rep2, manager },
    });
    await t.db.query(`update knowledge_items set status = 'published' where id = $1`, [item.id]);
    await assertVisibility({
      recordId: item.id,
      probes,
      canSee: { owner: rep, grantee: rep2 },
      cannotSee: { manager, expert },
    });
    const audit = await t.db.query(
      `select actor_id from audit_log where action = 'record.secret_read' and target_id = $1`,
      [item.id],
    );
    expect(audit.length).toBeGreaterThan(0);
    expectProblem(
      await rep2.post(`/api/v1/knowledge/${item.id}/grants`, { userId: expert.userId }),
      403,
      'grant.owner_only',
    );
  });
});
