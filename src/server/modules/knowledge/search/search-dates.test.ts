import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

/** KB-3 item 7: the date filter (from/to on updated_at) and the date facet of knowledge search. */
let t: TestApp;
let rep: TestClient;
let expert: TestClient;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(`update knowledge_settings set second_expert = 'never'`);
  [rep, expert] = await Promise.all([t.login('rep@relais.demo'), t.login('expert@relais.demo')]);
  // Three items about the wombat: updated today, 100 days ago and 2 years ago.
  for (const [title, daysAgo] of [
    ['Wombat récent', 0],
    ['Wombat de printemps', 100],
    ['Wombat ancien', 730],
  ] as const) {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'answer',
      title,
      body: 'Le wombat creuse des terriers.',
      status: 'published',
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.db.query(
      `update knowledge_items set updated_at = now() - make_interval(days => $2) where id = $1`,
      [created.json().id, daysAgo],
    );
  }
});
afterAll(() => t.close());

const search = async (query: string) => {
  const response = await rep.get(`/api/v1/knowledge/search?q=wombat&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const titles = (result: any) => result.items.map((i: any) => i.title).sort();

describe('knowledge search by date', () => {
  it('counts the matching items per date bucket, each with the range that selects it', async () => {
    const all = await search('');
    expect(all.total).toBe(3);
    expect(all.facets.date).toEqual([
      { value: 'last_30_days', count: 1, from: day(-30), to: null },
      { value: 'last_12_months', count: 2, from: day(-365), to: null },
      { value: 'older', count: 1, from: null, to: day(-366) },
    ]);
  });

  it('filters on the last update, inclusive days; totals and facets follow', async () => {
    const recent = await search(`from=${day(-30)}`);
    expect(titles(recent)).toEqual(['Wombat récent']);
    expect(recent.total).toBe(1);
    expect(recent.facets.date.map((f: any) => f.count)).toEqual([1, 1, 0]);
    // `to` is the whole day: the item updated 100 days ago is in [-100, -100].
    expect(titles(await search(`from=${day(-100)}&to=${day(-100)}`))).toEqual(['Wombat de printemps']);
    expect(titles(await search(`to=${day(-366)}`))).toEqual(['Wombat ancien']);
    expect(titles(await search(`from=${day(-800)}&to=${day(-1)}`))).toEqual([
      'Wombat ancien',
      'Wombat de printemps',
    ]);
  });

  it('rejects bad days and a reversed range', async () => {
    for (const query of ['from=2026-13-01', 'to=yesterday', 'from=2026-02-30', 'from=2026-1-1'])
      expectProblem(await rep.get(`/api/v1/knowledge/search?q=wombat&${query}`), 400, 'validation_failed');
    expectProblem(
      await rep.get(`/api/v1/knowledge/search?q=wombat&from=2026-03-02&to=2026-03-01`),
      400,
      'validation_failed',
    );
  });
});
