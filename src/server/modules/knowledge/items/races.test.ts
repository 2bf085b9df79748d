import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { toAppError } from '../../../platform/http/problem.js';

// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL where requests really overlap.
let t: TestApp;
let expert: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  expert = await t.login('expert@relais.demo');
});
afterAll(() => t.close());

const PARALLEL = 8;
/** Every answer is a success or a 409 problem, never a 5xx. */
function expectSuccessOrConflict(
  responses: { statusCode: number; body: string; headers: Record<string, unknown> }[],
) {
  for (const response of responses) {
    expect(
      response.statusCode < 300 || response.statusCode === 409,
      `${response.statusCode} ${response.body.slice(0, 200)}`,
    ).toBe(true);
    if (response.statusCode === 409)
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  }
}

describe('simultaneous writes answer success or 409, never 500', () => {
  it('eight parallel edits of one knowledge item each make a version', async () => {
    const item = (
      await expert.post('/api/v1/knowledge', { type: 'answer', title: 'Course', body: 'v1' })
    ).json();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        expert.patch(`/api/v1/knowledge/${item.id}`, { body: `edit ${index}` }),
      ),
    );
    expectSuccessOrConflict(responses);
    const versions = (await expert.get(`/api/v1/knowledge/${item.id}/versions`)).json();
    const succeeded = responses.filter((response) => response.statusCode === 200).length;
    expect(versions.items.length).toBe(1 + succeeded);
  });

  it('parallel votes by one person leave one vote', async () => {
    const item = (
      await expert.post('/api/v1/knowledge', { type: 'answer', title: 'Votes', body: 'x' })
    ).json();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        expert.post(`/api/v1/knowledge/${item.id}/votes`, { useful: index % 2 === 0 }),
      ),
    );
    expectSuccessOrConflict(responses);
    const feedback = (await expert.get(`/api/v1/knowledge/${item.id}/feedback`)).json();
    expect(feedback.usefulCount + feedback.notUsefulCount).toBe(1);
  });

  it('parallel creations of one situation name create it once, the others answer 409', async () => {
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => expert.post('/api/v1/situations', { name: 'Rachat simultané' })),
    );
    expectSuccessOrConflict(responses);
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.statusCode === 409))
      expect(response.json().code).toBe('situation.name_taken');
  });
});

describe('database conflicts map to 409 centrally', () => {
  it('turns unique violations, serialization failures and deadlocks into 409 conflict', () => {
    for (const code of ['23505', '40001', '40P01']) {
      const error = Object.assign(new Error('duplicate key value violates unique constraint "secret_name"'), {
        code,
      });
      const mapped = toAppError(error);
      expect(mapped.status).toBe(409);
      expect(mapped.code).toBe('conflict');
      expect(mapped.detail).not.toContain('secret_name');
    }
  });
});
