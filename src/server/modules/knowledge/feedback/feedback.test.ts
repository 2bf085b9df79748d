import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let expert: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, expert, admin] = await Promise.all([
    t.login('rep@relais.demo'),
    t.login('rep2@relais.demo'),
    t.login('expert@relais.demo'),
    t.login('admin@relais.demo'),
  ]);
});
afterAll(() => t.close());

describe('feedback', () => {
  it('counts one useful vote per person, comments, and suggested edits accepted or declined by the owner', async () => {
    const item = (
      await rep.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Réponse à améliorer',
        body: 'Texte initial',
      })
    ).json();
    for (const [client, action] of [
      [rep, 'submit'],
      [expert, 'validate'],
      [rep, 'publish'],
    ] as const) {
      expect((await client.post(`/api/v1/knowledge/${item.id}/transitions`, { action })).statusCode).toBe(
        200,
      );
    }
    expect((await rep2.post(`/api/v1/knowledge/${item.id}/votes`, { useful: true })).json()).toMatchObject({
      usefulCount: 1,
      notUsefulCount: 0,
    });
    expect((await rep2.post(`/api/v1/knowledge/${item.id}/votes`, { useful: false })).json()).toMatchObject({
      usefulCount: 0,
      notUsefulCount: 1,
    });
    expect((await expert.post(`/api/v1/knowledge/${item.id}/votes`, { useful: true })).json()).toMatchObject({
      usefulCount: 1,
      notUsefulCount: 1,
    });
    expectProblem(
      await rep2.post(`/api/v1/knowledge/${item.id}/votes`, { useful: 'yes' }),
      400,
      'validation_failed',
    );
    expect(
      (await rep2.post(`/api/v1/knowledge/${item.id}/comments`, { comment: 'Très clair, merci' })).statusCode,
    ).toBe(201);
    expectProblem(
      await rep2.post(`/api/v1/knowledge/${item.id}/comments`, { comment: '  ' }),
      400,
      'validation_failed',
    );
    const suggestion = (
      await rep2.post(`/api/v1/knowledge/${item.id}/suggestions`, {
        body: 'Texte amélioré',
        note: 'plus précis',
      })
    ).json();
    expect(suggestion.status).toBe('pending');
    expectProblem(
      await rep2.post(`/api/v1/knowledge/${item.id}/suggestions`, { body: 'Texte initial' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep2.post(`/api/v1/knowledge/${item.id}/suggestions/${suggestion.id}/decision`, {
        decision: 'accept',
      }),
      403,
      'knowledge.edit_forbidden',
    );
    expect(
      (
        await rep.post(`/api/v1/knowledge/${item.id}/suggestions/${suggestion.id}/decision`, {
          decision: 'accept',
        })
      ).json().status,
    ).toBe('accepted');
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/suggestions/${suggestion.id}/decision`, {
        decision: 'decline',
      }),
      409,
      'suggestion.decided',
    );
    // An accepted suggestion changes published content: it waits for an expert, readers keep version 1.
    const updated = (await rep.get(`/api/v1/knowledge/${item.id}`)).json();
    expect(updated).toMatchObject({
      body: 'Texte initial',
      version: 1,
      reviewVersion: 2,
      revision: { body: 'Texte amélioré' },
    });
    expect(
      (await expert.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'validate' })).statusCode,
    ).toBe(200);
    expect((await rep2.get(`/api/v1/knowledge/${item.id}`)).json()).toMatchObject({
      body: 'Texte amélioré',
      version: 2,
      reviewVersion: null,
      status: 'published',
    });
    const feedback = (await rep2.get(`/api/v1/knowledge/${item.id}/feedback`)).json();
    expect(feedback).toMatchObject({ usefulCount: 1, notUsefulCount: 1, myVote: false });
    expect(feedback.comments[0].comment).toBe('Très clair, merci');
    expect(feedback.viewCount).toBeGreaterThanOrEqual(1);
  });
});

describe('import', () => {
  const ndjson = (lines: unknown[]) =>
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  it('imports NDJSON all or nothing, reporting invalid lines by number', async () => {
    const before = (await rep.get('/api/v1/knowledge?limit=1')).json().total;
    const bad = await rep.post('/api/v1/knowledge/import', undefined, {
      rawBody: ndjson([
        { type: 'answer', title: 'Bonne ligne', body: 'ok' },
        '{oops',
        { type: 'memo', title: 'x' },
        { type: 'answer', title: 'Publié', status: 'published' },
      ]),
      contentType: 'application/x-ndjson',
    });
    const problem = expectProblem(bad, 400, 'validation_failed');
    expect(problem.errors.map((e) => e.field)).toEqual(['line 2', 'line 3.type', 'line 4.status']);
    expect((await rep.get('/api/v1/knowledge?limit=1')).json().total).toBe(before);
    const good = await admin.post('/api/v1/knowledge/import', undefined, {
      rawBody:
        ndjson([
          { type: 'answer', title: 'Importé un', body: 'Le client attend.', tags: ['import'] },
          {
            type: 'procedure',
            title: 'Imported two',
            body: 'The customer is waiting for the delivery.',
            status: 'published',
          },
        ]) + '\n',
      contentType: 'application/x-ndjson',
    });
    expect(good.statusCode, good.body).toBe(201);
    const { ids } = good.json();
    expect(ids).toHaveLength(2);
    const second = (await admin.get(`/api/v1/knowledge/${ids[1]}`)).json();
    expect(second).toMatchObject({ title: 'Imported two', lang: 'en', status: 'published' });
    expectProblem(
      await rep.post('/api/v1/knowledge/import', { type: 'answer' }),
      415,
      'import.ndjson_required',
    );
    expectProblem(
      await rep.post('/api/v1/knowledge/import', undefined, {
        rawBody: '\n\n',
        contentType: 'application/x-ndjson',
      }),
      400,
      'validation_failed',
    );
  });
});
