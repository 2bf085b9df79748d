import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { refreshSearchStats } from '../search/search.service.js';

/** Issue 9 A4 (changes are reviewed, by a second expert) and A5 (drafts stay with owner and experts). */
let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let rep3: TestClient;
let expert: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, rep3, expert, admin] = await Promise.all(
    ['rep', 'rep2', 'rep3', 'expert', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
});
afterAll(() => t.close());

const move = async (client: TestClient, id: string, action: string) => {
  const response = await client.post(`/api/v1/knowledge/${id}/transitions`, { action });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const found = async (client: TestClient, id: string, word: string) => ({
  get: (await client.get(`/api/v1/knowledge/${id}`)).statusCode === 200,
  list: (await client.get('/api/v1/knowledge?limit=500')).json().items.some((item: any) => item.id === id),
  search: (await client.get(`/api/v1/knowledge/search?q=${encodeURIComponent(word)}`))
    .json()
    .items.some((item: any) => item.id === id),
  palette: (await client.get(`/api/v1/search?q=${encodeURIComponent(word)}`)).body.includes(id),
  similar: (
    await client.post('/api/v1/knowledge/similar', { text: `le client parle de ${word}` })
  ).body.includes(id),
});
const nowhere = { get: false, list: false, search: false, palette: false, similar: false };
const everywhere = { get: true, list: true, search: true, palette: true, similar: true };

describe('drafts and items in review (A5)', () => {
  it('are seen by their owner and the experts only: page, list, search, Ctrl+K, similar cases, counts', async () => {
    const totalBefore = (await rep3.get('/api/v1/knowledge?limit=1')).json().total;
    const draft = (
      await rep2.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Remise ouistiti de 60 %',
        problem: 'Le client veut une remise ouistiti.',
        body: '60 % de remise ouistiti sans accord.',
      })
    ).json();
    await t.db.transaction((tx) => refreshSearchStats(tx));
    expect(await found(rep3, draft.id, 'ouistiti')).toEqual(nowhere);
    expect((await rep3.get('/api/v1/knowledge?limit=1')).json().total).toBe(totalBefore);
    expect((await rep3.get('/api/v1/knowledge/search?q=ouistiti')).json().total).toBe(0);
    expect((await found(rep2, draft.id, 'ouistiti')).get).toBe(true);
    expect((await found(rep2, draft.id, 'ouistiti')).search).toBe(true);
    expect((await found(expert, draft.id, 'ouistiti')).search).toBe(true);
    await move(rep2, draft.id, 'submit');
    expect(await found(rep3, draft.id, 'ouistiti')).toMatchObject({
      get: false,
      list: false,
      search: false,
      palette: false,
    });
    expect((await found(expert, draft.id, 'ouistiti')).list).toBe(true);
    await move(expert, draft.id, 'validate');
    expect(await found(rep3, draft.id, 'ouistiti')).toEqual(everywhere);
  });
});

describe('changes to validated content are reviewed (A4)', () => {
  it('keeps the published version for readers until an expert validates the new one', async () => {
    const item = (
      await rep.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Remise maximale',
        problem: 'Quelle remise accorder ?',
        body: 'Remise maximale 30 %, avec accord du manager.',
      })
    ).json();
    await move(rep, item.id, 'submit');
    await move(expert, item.id, 'validate');
    expect(await move(rep, item.id, 'publish')).toMatchObject({
      status: 'published',
      validatedBy: expert.userId,
      version: 1,
    });

    // The rep changes the published answer: version 2 waits for review.
    const edited = await rep.patch(`/api/v1/knowledge/${item.id}`, {
      body: 'Remise maximale 45 %, sans accord pangolin.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      status: 'published',
      version: 1,
      reviewVersion: 2,
      body: 'Remise maximale 30 %, avec accord du manager.',
      revision: { version: 2, body: 'Remise maximale 45 %, sans accord pangolin.' },
    });
    await t.db.transaction((tx) => refreshSearchStats(tx));
    // Readers: page, search, similar cases and the history show version 1 only.
    const read = (await rep3.get(`/api/v1/knowledge/${item.id}`)).json();
    expect(read).toMatchObject({
      body: 'Remise maximale 30 %, avec accord du manager.',
      version: 1,
      revision: null,
    });
    expect(await found(rep3, item.id, 'pangolin')).toMatchObject({
      search: false,
      palette: false,
      similar: false,
    });
    expect(
      (await rep3.get(`/api/v1/knowledge/${item.id}/versions`)).json().items.map((v: any) => v.version),
    ).toEqual([1]);
    // Nothing publishes it but an expert's validation.
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'publish' }),
      409,
      'knowledge.invalid_transition',
    );
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'validate' }),
      403,
      'knowledge.expert_only',
    );
    // A second edit builds on the change in review.
    expect(
      (await rep.patch(`/api/v1/knowledge/${item.id}`, { title: 'Remise maximale (2027)' })).json(),
    ).toMatchObject({
      reviewVersion: 3,
      revision: { title: 'Remise maximale (2027)', body: 'Remise maximale 45 %, sans accord pangolin.' },
    });
    const history = (await expert.get(`/api/v1/knowledge/${item.id}/versions`)).json().items;
    expect(history.map((v: any) => [v.version, v.state])).toEqual([
      [3, 'in_review'],
      [2, 'in_review'],
      [1, 'current'],
    ]);
    const diff = (await expert.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=3`)).json();
    expect(diff.fields.find((f: any) => f.field === 'body').changed).toBe(true);

    const validated = await move(expert, item.id, 'validate');
    expect(validated).toMatchObject({
      status: 'published',
      version: 3,
      reviewVersion: null,
      title: 'Remise maximale (2027)',
      validatedBy: expert.userId,
    });
    expect((await rep3.get(`/api/v1/knowledge/${item.id}`)).json()).toMatchObject({
      version: 3,
      body: 'Remise maximale 45 %, sans accord pangolin.',
    });
  });

  it('an expert does not validate their own change alone while a second expert exists; admins may decide otherwise', async () => {
    const item = (
      await expert.post('/api/v1/knowledge', {
        type: 'procedure',
        title: 'Procédure de reprise',
        body: 'Étape 1.',
      })
    ).json();
    expect((await expert.get(`/api/v1/knowledge/${item.id}`)).json().canValidate).toBe(false);
    expectProblem(
      await expert.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'validate' }),
      403,
      'knowledge.second_expert_required',
    );
    expectProblem(
      await expert.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'publish' }),
      403,
      'knowledge.second_expert_required',
    );
    expect((await admin.get(`/api/v1/knowledge/${item.id}`)).json().canValidate).toBe(true);
    expect(await move(admin, item.id, 'validate')).toMatchObject({
      status: 'validated',
      validatedBy: admin.userId,
    });
    await move(expert, item.id, 'publish');

    // The expert edits the published procedure, as does the rep's suggestion: still a second expert.
    await expert.patch(`/api/v1/knowledge/${item.id}`, { body: 'Étape 1.\n\nÉtape 2 : nouvelle.' });
    expectProblem(
      await expert.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'validate' }),
      403,
      'knowledge.second_expert_required',
    );
    // Restoring an old version of published content is a change too.
    expect((await expert.post(`/api/v1/knowledge/${item.id}/versions/1/restore`)).json()).toMatchObject({
      version: 1,
      reviewVersion: 3,
    });
    // Rejected: readers keep version 1, the versions stay in history as rejected.
    expect(await move(admin, item.id, 'reject')).toMatchObject({
      status: 'published',
      version: 1,
      reviewVersion: null,
    });
    expect(
      (await expert.get(`/api/v1/knowledge/${item.id}/versions`)).json().items.map((v: any) => v.state),
    ).toEqual(['rejected', 'rejected', 'current']);
    expect(
      (await rep.get(`/api/v1/knowledge/${item.id}/versions`)).json().items.map((v: any) => v.version),
    ).toEqual([1]);

    // With one person able to validate, the expert validates alone.
    await expert.patch(`/api/v1/knowledge/${item.id}`, { body: 'Étape 1, revue.' });
    await t.db.query(
      `update users set active = false where role in ('expert', 'admin') and email <> 'expert@relais.demo'`,
    );
    try {
      expect(await move(expert, item.id, 'validate')).toMatchObject({ version: 4, body: 'Étape 1, revue.' });
    } finally {
      await t.db.query(`update users set active = true where role in ('expert', 'admin')`);
    }
    // Admins may let one expert validate alone.
    expectProblem(
      await admin.patch('/api/v1/knowledge/settings', { secondExpert: 'sometimes' }),
      400,
      'validation_failed',
    );
    expect((await rep.get('/api/v1/knowledge/settings')).json()).toMatchObject({
      secondExpert: 'when_possible',
      secondExpertRequired: true,
    });
    await admin.patch('/api/v1/knowledge/settings', { secondExpert: 'never' });
    await expert.patch(`/api/v1/knowledge/${item.id}`, { body: 'Étape 1, revue deux fois.' });
    expect(await move(expert, item.id, 'validate')).toMatchObject({ version: 5 });
    await admin.patch('/api/v1/knowledge/settings', { secondExpert: 'when_possible' });
  });

  it('a change in review is only what its owner, author and experts see', async () => {
    const item = (
      await rep.post('/api/v1/knowledge', { type: 'answer', title: 'Délai de livraison', body: 'Dix jours.' })
    ).json();
    await move(rep, item.id, 'submit');
    await move(expert, item.id, 'validate');
    await expert.patch(`/api/v1/knowledge/${item.id}`, { body: 'Quinze jours.' });
    expect((await rep.get(`/api/v1/knowledge/${item.id}`)).json()).toMatchObject({
      body: 'Dix jours.',
      revision: { body: 'Quinze jours.' },
    });
    expect((await rep2.get(`/api/v1/knowledge/${item.id}`)).json()).toMatchObject({
      body: 'Dix jours.',
      revision: null,
      reviewVersion: 2,
    });
    expect((await rep2.get(`/api/v1/knowledge/${item.id}/diff?from=1&to=2`)).statusCode).toBe(404);
    // The owner publishes what the expert validated — version 1 — not the change in review.
    expect(await move(rep, item.id, 'publish')).toMatchObject({
      status: 'published',
      version: 1,
      body: 'Dix jours.',
      reviewVersion: 2,
    });
    expect(
      (await expert.get('/api/v1/knowledge?status=in_review&limit=500'))
        .json()
        .items.some((i: any) => i.id === item.id),
    ).toBe(true);
  });
});
