import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { isTeaching } from './phrasings.service.js';

/** KB-3 item 5: questions that led to an answer become its phrasings and weigh in search. */
let t: TestApp;
let rep: TestClient;
let expert: TestClient;
let target: string;
const QUESTION = 'trous pelouse jardin';

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(`update knowledge_settings set second_expert = 'never'`);
  [rep, expert] = await Promise.all([t.login('rep@relais.demo'), t.login('expert@relais.demo')]);
  const create = async (title: string, body: string) => {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'answer',
      title,
      body,
      status: 'published',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  };
  await create('Entretien des espaces verts', 'Tondre la pelouse du jardin chaque semaine au printemps.');
  target = await create('Le wombat', 'Le wombat creuse des terriers la nuit.');
});
afterAll(() => t.close());

const search = async (who: TestClient, q: string) => {
  const response = await who.get(`/api/v1/knowledge/search?q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { searchId: string | null; items: { id: string }[] };
};
const phrasings = async (who: TestClient) => {
  const response = await who.get(`/api/v1/knowledge/${target}/phrasings`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as any[];
};

describe('phrasings learned from use', () => {
  it('keeps only questions with two meaningful words', () => {
    expect(isTeaching('trous pelouse jardin')).toBe(true);
    expect(isTeaching('Comment faire pour le wombat ?')).toBe(false);
    expect(isTeaching('wombat')).toBe(false);
  });

  it('a "useful" after a search teaches the item the question; the next search ranks it first', async () => {
    const before = await search(rep, QUESTION);
    expect(before.items.map((i) => i.id)).not.toContain(target);
    const voted = await rep.post(`/api/v1/knowledge/${target}/votes`, {
      useful: true,
      searchId: before.searchId,
    });
    expect(voted.statusCode, voted.body).toBe(200);
    expect(voted.json().learned).toBe(true);
    // Someone else asking the same way (other words order, accents) finds it first.
    expect((await search(expert, 'jardin : trous dans la pelouse')).items[0].id).toBe(target);
    // Asked again the same way: one phrasing, used twice (here through "use this answer").
    const again = await search(rep, 'Trous  pelouse JARDIN');
    const reused = await rep.post(`/api/v1/knowledge/${target}/reuse`, { searchId: again.searchId });
    expect(reused.statusCode, reused.body).toBe(200);
    const listed = await phrasings(expert);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ text: QUESTION, source: 'useful', uses: 2, status: 'kept' });
  });

  it('shows who asked to experts only', async () => {
    const [mine] = await phrasings(expert);
    expect(mine.askedBy?.name).toBeTruthy();
    const [theirs] = await phrasings(rep);
    expect(theirs.askedBy).toBeNull();
    expect(JSON.stringify(theirs)).not.toContain(mine.askedBy.id);
  });

  it('learns nothing from a trivial question, another person\'s search or a "not useful"', async () => {
    const trivial = await search(rep, 'wombat');
    const voted = await rep.post(`/api/v1/knowledge/${target}/votes`, {
      useful: true,
      searchId: trivial.searchId,
    });
    expect(voted.json().learned).toBe(false);
    const othersSearch = await search(expert, 'wombat creuse la nuit');
    expect(
      (
        await rep.post(`/api/v1/knowledge/${target}/votes`, { useful: true, searchId: othersSearch.searchId })
      ).json().learned,
    ).toBe(false);
    const mine = await search(rep, 'terriers nocturnes wombat');
    expect(
      (await rep.post(`/api/v1/knowledge/${target}/votes`, { useful: false, searchId: mine.searchId })).json()
        .learned,
    ).toBe(false);
    expect(await phrasings(expert)).toHaveLength(1);
  });

  it('an expert removes a phrasing: its effect goes, and it is not learned again', async () => {
    const [phrasing] = await phrasings(expert);
    expectProblem(await rep.delete(`/api/v1/knowledge/${target}/phrasings/${phrasing.id}`), 403);
    const removed = await expert.delete(`/api/v1/knowledge/${target}/phrasings/${phrasing.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await search(expert, QUESTION)).items.map((i) => i.id)).not.toContain(target);
    expect(await phrasings(rep)).toEqual([]);
    expect((await phrasings(expert))[0]).toMatchObject({ status: 'removed' });
    const asked = await search(rep, QUESTION);
    await rep.post(`/api/v1/knowledge/${target}/votes`, { useful: true, searchId: asked.searchId });
    expect((await search(expert, QUESTION)).items.map((i) => i.id)).not.toContain(target);
  });

  it('refuses bad input', async () => {
    expectProblem(
      await rep.post(`/api/v1/knowledge/${target}/votes`, { useful: true, searchId: 'xyz' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/knowledge/${target}/reuse`, { searchId: 42 }),
      400,
      'validation_failed',
    );
    expectProblem(await expert.delete(`/api/v1/knowledge/${target}/phrasings/xyz`), 400, 'validation_failed');
    expectProblem(
      await expert.delete(`/api/v1/knowledge/${target}/phrasings/00000000-0000-4000-8000-000000000000`),
      404,
    );
    expectProblem(await rep.get(`/api/v1/knowledge/00000000-0000-4000-8000-000000000000/phrasings`), 404);
  });
});
