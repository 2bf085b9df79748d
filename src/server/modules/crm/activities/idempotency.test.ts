import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { teamAccountOf } from '../offers/test-fixtures.js';

let t: TestApp;
let rep: TestClient;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  accountId = await teamAccountOf(t, 'rep@relais.demo');
});
afterAll(() => t.close());

const count = async (key: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(`select count(*) as n from activities where idempotency_key = $1`, [
        key,
      ])
    )[0].n,
  );

/**
 * UX-2: quick capture kept offline is sent again when the network returns, and lands once. Runs on
 * PGlite and, with TEST_DATABASE_URL, on PostgreSQL where the concurrent sends really overlap.
 */
describe('activity idempotency key (offline quick capture)', () => {
  it('the same key twice creates one activity and answers the first one again', async () => {
    const key = randomUUID();
    const body = {
      accountId,
      kind: 'visit',
      subject: 'Visite au sous-sol',
      report: { objectives: '', outcome: 'Commande de 3 fours', nextSteps: 'Rappeler lundi' },
      followUp: { dueDate: '2030-01-07' },
      idempotencyKey: key,
    };
    const first = await rep.post('/api/v1/activities', body);
    expect(first.statusCode).toBe(201);
    const again = await rep.post('/api/v1/activities', body);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await count(key)).toBe(1);
    // Its follow-up task too is made once.
    const [tasks] = await t.db.query<{ n: string }>(
      `select count(*) as n from activities where follow_up_of = $1`,
      [first.json().id],
    );
    expect(Number(tasks.n)).toBe(1);
    const [events] = await t.db.query<{ n: string }>(
      `select count(*) as n from outbox_events where type = 'activity.created' and payload->>'activityId' = $1`,
      [first.json().id],
    );
    expect(Number(events.n)).toBe(1);
  });

  it('concurrent sends of one key create one activity', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        rep.post('/api/v1/activities', {
          accountId,
          subject: 'Appel en double',
          kind: 'call',
          idempotencyKey: key,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count(key)).toBe(1);
  });

  it("a key is its author's: another person's same key creates their own activity", async () => {
    const key = randomUUID();
    const mine = (await rep.post('/api/v1/activities', { accountId, idempotencyKey: key })).json();
    const manager = await t.login('manager@relais.demo');
    const theirAccount = await teamAccountOf(t, 'manager@relais.demo');
    const theirs = await manager.post('/api/v1/activities', { accountId: theirAccount, idempotencyKey: key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.id);
    expect(await count(key)).toBe(2);
  });

  it('refuses a key that is not a UUID', async () => {
    const response = await rep.post('/api/v1/activities', { accountId, idempotencyKey: 'abc' });
    expect(response.statusCode).toBe(400);
  });
});
