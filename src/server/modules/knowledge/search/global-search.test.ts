import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { loadActor, runAsActor } from '../../../db/access.js';
import { knowledgeSearchProvider } from './search-provider.js';
import { refreshSearchStats } from './search.service.js';

let t: TestApp;
let rep: TestClient;
let expert: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  // These tests are about search, not review: one expert may publish alone here (notify.test.ts covers review).
  await t.db.query(`update knowledge_settings set second_expert = 'never'`);
  [rep, expert] = await Promise.all([t.login('rep@relais.demo'), t.login('expert@relais.demo')]);
  await t.db.transaction((tx) => refreshSearchStats(tx));
});
afterAll(() => t.close());

const globalSearch = async (q: string, types?: string) => {
  const response = await rep.get(
    `/api/v1/search?q=${encodeURIComponent(q)}${types ? `&types=${types}` : ''}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { type: string; title: string; score: number }[];
};

/** The provider itself, as the rep: the scores the registry compares across types. */
const provider = async (q: string) => {
  const actor = (await loadActor(t.db, rep.userId!))!;
  return runAsActor(t.db, actor, (tx) =>
    knowledgeSearchProvider({ actor, tx, deps: t.deps, requestId: 'test', locale: 'fr' }, q, 8),
  );
};

describe('knowledge in the global search (Ctrl+K)', () => {
  it('puts the person "Anne Brémont" first for "anne brem", above any knowledge item', async () => {
    const items = await globalSearch('anne brem');
    expect(items[0], JSON.stringify(items.slice(0, 6))).toMatchObject({
      type: 'person',
      title: 'Anne Brémont',
    });
  });

  it('returns only items matching every term (prefix on the last), never typo or any-word matches', async () => {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'procedure',
      title: 'Calibrer la sonde du pasteurisateur',
      body: 'Étalonnage annuel.',
      status: 'published',
    });
    expect(created.statusCode, created.body).toBe(201);
    const one = await globalSearch('pasteurisateur', 'knowledge');
    expect(one.map((i) => i.title)).toContain('Calibrer la sonde du pasteurisateur');
    // "pasteurisateur zzzqqq": the second word matches nothing, so nothing at all.
    expect(await globalSearch('pasteurisateur zzzqqq', 'knowledge')).toEqual([]);
    // Typo: the knowledge page corrects it, the palette does not invent matches.
    expect(await globalSearch('pasteurisatuer', 'knowledge')).toEqual([]);
    // Prefix on the last word while typing.
    expect((await globalSearch('sonde pasteuris', 'knowledge')).map((i) => i.title)).toContain(
      'Calibrer la sonde du pasteurisateur',
    );
    for (const hit of await provider('livraison four')) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(0.95);
    }
  });

  it('scores a title match above a body-only match, without rescaling the best hit to 1', async () => {
    await expert.post('/api/v1/knowledge', {
      type: 'procedure',
      title: 'Ornithorynque : procédure',
      body: 'Texte.',
      status: 'published',
    });
    await expert.post('/api/v1/knowledge', {
      type: 'procedure',
      title: 'Autre procédure',
      body: 'Il est question d’un ornithorynque ici.',
      status: 'published',
    });
    const hits = await provider('ornithorynque');
    expect(hits.map((h) => h.title)).toEqual(['Ornithorynque : procédure', 'Autre procédure']);
    expect(hits[1].score).toBeLessThan(0.5);
    expect(hits[0].score).toBeGreaterThan(0.8);
    const bodyOnly = await provider('question ornithorynque');
    expect(bodyOnly.map((h) => h.title)).toEqual(['Autre procédure']);
    expect(bodyOnly[0].score).toBeLessThan(0.5);
  });
});
