import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { refreshSearchStats } from '../search/search.service.js';

/** KB-3 item 4: the experts' synonym groups, and what they do to the knowledge search. */
let t: TestApp;
let rep: TestClient;
let expert: TestClient;
let admin: TestClient;

const URL = '/api/v1/knowledge/synonyms';
type Group = { id: string; terms: string[]; updatedAt: string };

async function createGroup(who: TestClient, terms: string[]): Promise<Group> {
  const response = await who.post(URL, { terms });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
async function item(title: string, body: string) {
  const response = await expert.post('/api/v1/knowledge', {
    type: 'answer',
    title,
    body,
    status: 'published',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}
async function search(q: string, who: TestClient = rep, typing = false) {
  const response = await who.get(
    `/api/v1/knowledge/search?q=${encodeURIComponent(q)}${typing ? '&typing=true' : ''}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { id: string; title: string; score: number }[] }).items;
}
const titlesOf = async (q: string, typing = false) => (await search(q, rep, typing)).map((i) => i.title);

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(`update knowledge_settings set second_expert = 'never'`);
  [rep, expert, admin] = await Promise.all(
    ['rep', 'expert', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
});
afterAll(() => t.close());

describe('synonyms: the API', () => {
  it('lists, filters, creates, replaces and deletes groups (experts and admins), audited', async () => {
    const created = await createGroup(expert, ['Bidulophone', ' gizmo  phone ']);
    expect(created.terms).toEqual(['Bidulophone', 'gizmo phone']);
    const byAdmin = await createGroup(admin, ['trucmuche', 'whatchamacallit']);
    const list = (await rep.get(URL)).json();
    expect(list.items.map((g: Group) => g.id)).toEqual(expect.arrayContaining([created.id, byAdmin.id]));
    // Demo groups are there too (lave-vaisselle ↔ dishwasher…).
    expect(list.items.some((g: Group) => g.terms.includes('dishwasher'))).toBe(true);
    const filtered = (await rep.get(`${URL}?q=${encodeURIComponent('BIDULÔ')}`)).json();
    expect(filtered.items.map((g: Group) => g.id)).toEqual([created.id]);
    const replaced = await expert.put(`${URL}/${created.id}`, { terms: ['bidulophone', 'gadget', 'gizmo'] });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().terms).toEqual(['bidulophone', 'gadget', 'gizmo']);
    expect((await expert.delete(`${URL}/${created.id}`)).statusCode).toBe(204);
    expect((await rep.get(`${URL}?q=bidulo`)).json().items).toEqual([]);
    const audit = await t.db.query<{ action: string }>(
      `select action from audit_log where target_type = 'knowledge_synonyms' and target_id = $1 order by id`,
      [created.id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'knowledge.synonyms_created',
      'knowledge.synonyms_updated',
      'knowledge.synonyms_deleted',
    ]);
  });

  it('lets reps read but not write; anonymous nothing', async () => {
    const group = await createGroup(expert, ['zinzin', 'loony']);
    expect((await rep.get(URL)).statusCode).toBe(200);
    expectProblem(await rep.post(URL, { terms: ['a1b', 'c2d'] }), 403, 'forbidden');
    expectProblem(await rep.put(`${URL}/${group.id}`, { terms: ['zinzin', 'nuts'] }), 403, 'forbidden');
    expectProblem(await rep.delete(`${URL}/${group.id}`), 403, 'forbidden');
    expectProblem(await t.anonymous().get(URL), 401);
    // Row-level security holds without the route's check too.
    const rows = await t.db.query<{ policyname: string }>(
      `select policyname from pg_policies where tablename = 'knowledge_synonym_groups'`,
    );
    expect(rows.length).toBe(4);
  });

  it('refuses bad input with problem+json', async () => {
    const bad = async (body: unknown, field?: string, code?: string) => {
      const problem = expectProblem(await expert.post(URL, body), 400, 'validation_failed');
      if (field)
        expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    };
    await bad({});
    await bad({ terms: [] });
    await bad({ terms: ['seul'] });
    await bad({ terms: ['ok', ''] });
    await bad({ terms: ['ok', 'x'.repeat(61)] });
    await bad({ terms: Array.from({ length: 21 }, (_, i) => `mot${i}`) });
    await bad({ terms: ['devis', 42] });
    await bad({ terms: ['devis', 'quote'], lang: 'fr' });
    await bad({ terms: ['Devis', 'quote', 'dévis '] }, 'terms.2', 'duplicate');
    await bad({ terms: ['lave-vaisselle', 'Lave vaisselle'] }, 'terms.1', 'duplicate');
    await bad({ terms: ['the', 'dishwasher'] }, 'terms.0', 'empty');
    await bad({ terms: ['--', 'dishwasher'] }, 'terms.0', 'empty');
    expectProblem(await expert.get(`${URL}?limit=0`), 400, 'validation_failed');
    expectProblem(await expert.get(`${URL}?q=${'x'.repeat(61)}`), 400, 'validation_failed');
    expectProblem(await expert.put(`${URL}/nope`, { terms: ['a1', 'b2'] }), 400, 'validation_failed');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await expert.put(`${URL}/${unknown}`, { terms: ['ab', 'cd'] }), 404, 'not_found');
    expectProblem(await expert.delete(`${URL}/${unknown}`), 404, 'not_found');
    const group = await createGroup(expert, ['abricot', 'apricot']);
    const problem = expectProblem(
      await expert.put(`${URL}/${group.id}`, { terms: ['abricot', 'Abricots'] }),
      400,
      'validation_failed',
    );
    expect(problem.errors[0]).toMatchObject({ field: 'terms.1', code: 'duplicate' });
  });
});

describe('synonyms in the search', () => {
  let quotation: string;
  beforeAll(async () => {
    await item('Dishwasher rinse aid dosing', 'Set the rinse aid pump of the dishwasher to 2 ml per cycle.');
    quotation = await item(
      'Quotation for a school kitchen',
      'Send the quotation within two days, signed by the manager.',
    );
    await t.db.transaction((tx) => refreshSearchStats(tx));
  });

  it('finds French items with an English word and English items with a French one (demo groups)', async () => {
    const lave = 'Lave-vaisselle : code erreur E12 en plein service';
    expect(await titlesOf('dishwasher')).toContain(lave);
    expect(await titlesOf('dishwasher', true)).toContain(lave); // the word being typed
    expect(await titlesOf('dishwashers')).toContain(lave);
    for (const q of ['lave-vaisselle', 'lave vaisselle', 'Lave-Vaisselles']) {
      const titles = await titlesOf(q);
      expect(titles, q).toContain('Dishwasher rinse aid dosing');
      expect(titles, q).toContain(lave);
    }
    // "vaisselle" alone is the dishes, not the machine.
    expect(await titlesOf('vaisselle')).not.toContain('Dishwasher rinse aid dosing');
    expect((await search('devis')).map((i) => i.id)).toContain(quotation);
    expect((await search('refrigerator breakdown')).length).toBeGreaterThan(0);
  });

  it('ranks a synonym below the word itself, and a deleted group no longer counts', async () => {
    const own = await item('Le grumplex du restaurant', 'Régler le grumplex avant le service du soir.');
    const other = await item(
      'The vortiflan of the restaurant',
      'Set the vortiflan before the evening service.',
    );
    await t.db.transaction((tx) => refreshSearchStats(tx));
    expect((await search('grumplex')).map((i) => i.id)).toEqual([own]);
    const group = await createGroup(expert, ['grumplex', 'vortiflan']);
    const found = await search('grumplex');
    expect(found.map((i) => i.id)).toEqual([own, other]);
    expect(found[1].score).toBeLessThan(found[0].score);
    expect((await search('vortiflan')).map((i) => i.id)).toEqual([other, own]);
    // A rarer synonym does not outweigh the word asked: "delivery" is in one item, "livraison" in many.
    expect((await titlesOf('livraison'))[0]).toMatch(/livraison/i);
    expect((await titlesOf('livraison')).join('|')).toContain('Delivery delay on a combi oven');
    expect((await expert.delete(`${URL}/${group.id}`)).statusCode).toBe(204);
    expect((await search('grumplex')).map((i) => i.id)).toEqual([own]);
  });

  it('widens the Ctrl+K palette too, still holding every word', async () => {
    const palette = async (q: string) => {
      const response = await rep.get(`/api/v1/search?q=${encodeURIComponent(q)}&types=knowledge`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as { title: string }[]).map((i) => i.title);
    };
    const lave = 'Lave-vaisselle : code erreur E12 en plein service';
    expect(await palette('dishwasher')).toContain(lave);
    expect(await palette('dishwasher E12')).toContain(lave);
    expect(await palette('dishwasher chambre')).not.toContain(lave);
  });

  it('serves similar cases too', async () => {
    const response = await rep.post('/api/v1/knowledge/similar', { text: 'dishwasher error E12' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((i: { title: string }) => i.title)).toContain(
      'Lave-vaisselle : code erreur E12 en plein service',
    );
  });
});
