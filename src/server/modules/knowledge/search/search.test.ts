import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { parseQuery } from './search.query.js';
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

const search = async (query: string) => {
  const response = await rep.get(`/api/v1/knowledge/search?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const titles = (result: any) => result.items.map((i: any) => i.title);

describe('knowledge search', () => {
  it('parses prefixes, phrases and exclusions', () => {
    expect(parseQuery('retard livr')).toMatchObject({ text: 'retard', prefix: 'livr' });
    expect(parseQuery('retard livr ')).toMatchObject({ prefix: null });
    expect(parseQuery('"four mixte')).toMatchObject({ prefix: null });
  });

  it('stems French and ignores accents, with highlighted snippets and facets', async () => {
    const result = await search('q=livraisons%20retardees');
    expect(titles(result)[0]).toMatch(/Retard de livraison|Livraison/);
    expect(result.items[0].titleHtml).toContain('<mark>');
    expect(result.facets.type.length).toBeGreaterThan(0);
    expect(result.total).toBeGreaterThan(0);
    const accents = await search('q=delais');
    const withAccents = await search(`q=${encodeURIComponent('délais')}`);
    expect(titles(accents)).toEqual(titles(withAccents));
  });

  it('stems English and filters by language', async () => {
    const result = await search('q=delivered&lang=en');
    expect(titles(result)).toContain('Delivery delay on a combi oven (export client)');
    expect(result.items.every((i: any) => i.lang === 'en')).toBe(true);
  });

  it('tolerates typos and matches prefixes while typing', async () => {
    const typo = await search('q=lave-vaiselle%20eror');
    expect(typo.total).toBeGreaterThan(0);
    const corrected = await search('q=livrason');
    expect(corrected.correctedQuery).toBe('livraison');
    expect(corrected.total).toBeGreaterThan(0);
    // Each unknown word is corrected, even when the others find items; a known word never is.
    const oneWord = await search('q=livrason%20retard');
    expect(oneWord.correctedQuery).toBe('livraison retard');
    expect((await search('q=livraison%20retard')).correctedQuery).toBeNull();
    // A prefix only for the word being typed (typing=true), not for a whole question.
    const prefix = await search('q=transpor&typing=true');
    expect(titles(prefix)).toContain('Procédure de déclaration d’un litige transporteur');
    expect(titles(await search('q=transpor'))).not.toContain(
      'Procédure de déclaration d’un litige transporteur',
    );
  });

  it('supports phrases and exclusions', async () => {
    const phrase = await search(`q=${encodeURIComponent('"chambre froide" -modulaire')}&limit=50`);
    expect(phrase.total).toBeGreaterThan(0);
    expect(titles(phrase).some((title: string) => /modulaire/i.test(title))).toBe(false);
  });

  it('filters by type and tag, and escapes snippets', async () => {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'procedure',
      title: 'Procédure quokka',
      body: 'Le quokka <img src=x onerror=alert(1)> est <b>rare</b>.',
      status: 'published',
      tags: ['faune'],
    });
    expect(created.statusCode).toBe(201);
    const result = await search('q=quokka&type=procedure&tag=faune');
    expect(result.items).toHaveLength(1);
    expect(result.items[0].snippet).not.toMatch(/<img|<b>/);
    expect(result.facets.tag).toEqual(expect.arrayContaining([{ value: 'faune', count: 1 }]));
    expect((await search('q=quokka&type=answer')).total).toBe(0);
  });

  it('answers the global search with knowledge, situations and people', async () => {
    const response = await rep.get('/api/v1/search?q=livraison&types=knowledge,situation');
    expect(response.statusCode).toBe(200);
    const types = new Set(response.json().items.map((i: any) => i.type));
    expect(types).toEqual(new Set(['knowledge', 'situation']));
  });

  it('validates the query', async () => {
    expectProblem(await rep.get('/api/v1/knowledge/search'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/knowledge/search?q=a&limit=0'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/knowledge/search?q=a&type=memo'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/knowledge/search?q=a&product=xyz'), 400, 'validation_failed');
    const stopWords = await search('q=de%20la%20du');
    expect(stopWords.items).toEqual([]);
  });
});

describe('similar cases', () => {
  it('finds past problems with their solution and counts a reuse', async () => {
    const response = await rep.post('/api/v1/knowledge/similar', {
      text: 'Mon client attend la livraison de son four depuis dix jours, il est furieux',
      limit: 5,
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].title).toMatch(/livraison|Livraison/);
    expect(items[0].solution.length).toBeGreaterThan(10);
    const reuse = await rep.post(`/api/v1/knowledge/${items[0].answerId}/reuse`, {});
    expect(reuse.json()).toMatchObject({ linked: false });
    expect(reuse.json().reuseCount).toBeGreaterThanOrEqual(1);
    expectProblem(await rep.post('/api/v1/knowledge/similar', { text: 'x' }), 400, 'validation_failed');
    expectProblem(
      await rep.post(`/api/v1/knowledge/${items[0].answerId}/reuse`, {
        activityId: '00000000-0000-4000-8000-000000000000',
      }),
      404,
    );
  });

  it('ranks a solved visit that names the problem on the same scale as the answers (KB-4)', async () => {
    const accountId = (
      await rep.post('/api/v1/accounts', { name: 'Brasserie du Port', kind: 'customer' })
    ).json().id;
    const visit = await rep.post('/api/v1/activities', {
      kind: 'visit',
      subject: 'Lave-vaisselle qui fuit en plein service',
      accountId,
      bodyMd: 'Le lave-vaisselle fuit sous la porte : joint de porte usé, remplacé sur place.',
    });
    expect(visit.statusCode, visit.body).toBe(201);
    // The visit was solved with an answer: it becomes a case.
    const [answer] = (await search('q=lave-vaisselle&type=answer')).items;
    const linked = await rep.post(`/api/v1/knowledge/${answer.id}/reuse`, { activityId: visit.json().id });
    expect(linked.json()).toMatchObject({ linked: true });
    const { items } = (
      await rep.post('/api/v1/knowledge/similar', { text: 'lave-vaisselle qui fuit', limit: 10 })
    ).json();
    expect(items[0]).toMatchObject({ kind: 'activity', activityId: visit.json().id, answerId: answer.id });
    // Answers that do not mention a leak come after it; a visit the question does not name is not shown.
    expect(items.slice(1).every((item: { kind: string }) => item.kind === 'answer')).toBe(true);
    // From a case in hand: a new visit about the same leak finds the solved one, and not itself.
    const again = await rep.post('/api/v1/activities', {
      kind: 'visit',
      subject: 'Fuite du lave-vaisselle',
      accountId,
      bodyMd: 'Le client signale que le lave-vaisselle fuit encore.',
    });
    const fromCase = await rep.post('/api/v1/knowledge/similar', { activityId: again.json().id, limit: 5 });
    expect(fromCase.statusCode, fromCase.body).toBe(200);
    expect(fromCase.json().items[0]).toMatchObject({ kind: 'activity', activityId: visit.json().id });
    const itself = await rep.post('/api/v1/knowledge/similar', { activityId: visit.json().id, limit: 10 });
    expect(
      itself.json().items.some((item: { activityId: string | null }) => item.activityId === visit.json().id),
    ).toBe(false);
    expectProblem(
      await rep.post('/api/v1/knowledge/similar', { activityId: visit.json().id, text: 'fuite' }),
      400,
    );
    expectProblem(await rep.post('/api/v1/knowledge/similar', { limit: 3 }), 400);
    expectProblem(await rep.post('/api/v1/knowledge/similar', { activityId: 'nope' }), 400);
    expectProblem(
      await rep.post('/api/v1/knowledge/similar', { activityId: '00000000-0000-4000-8000-000000000000' }),
      404,
    );
    const other = (
      await rep.post('/api/v1/knowledge/similar', { text: 'four mixte en panne', limit: 10 })
    ).json();
    expect(
      other.items.some((item: { activityId: string | null }) => item.activityId === visit.json().id),
    ).toBe(false);
  });
});

describe('the form of a question', () => {
  it('ranks the FAQ entry asked in the same form first', async () => {
    const entries = [
      {
        title: 'How many cases of measles are there?',
        body: 'The latest figures of measles cases by country are on the health map.',
      },
      {
        title: 'What are measles?',
        body: 'Measles is a disease; many cases of measles show a rash and fever.',
      },
    ];
    const ids: string[] = [];
    for (const entry of entries) {
      const created = await expert.post('/api/v1/knowledge', {
        type: 'answer',
        lang: 'en',
        status: 'published',
        ...entry,
      });
      expect(created.statusCode, created.body).toBe(201);
      ids.push(created.json().id);
    }
    // "measles" is in both; "how many" only in the first title's question.
    const asked = await search(`q=${encodeURIComponent('How many people have measles?')}`);
    expect(asked.items[0].id).toBe(ids[0]);
    // The same words without the question's form: the entry about measles in general may come first.
    const plain = await search('q=measles');
    expect(plain.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining(ids));
  });
});
