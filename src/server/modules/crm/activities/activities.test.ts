import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
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

describe('activities', () => {
  it('logs a visit in one call with sensible defaults (quick capture) and emits activity.created', async () => {
    const response = await rep.post('/api/v1/activities', { accountId });
    expect(response.statusCode).toBe(201);
    const activity = response.json();
    expect(activity.kind).toBe('visit');
    expect(activity.subject).toMatch(/^Visite – /);
    expect(Date.now() - Date.parse(activity.occurredAt)).toBeLessThan(60_000);
    const [event] = await t.db.query<any>(
      `select payload from outbox_events where type = 'activity.created' and payload->>'activityId' = $1`,
      [activity.id],
    );
    expect(event.payload).toMatchObject({ accountId, kind: 'visit', offerId: null });
    const recent = (await rep.get('/api/v1/activities/recent-accounts')).json().items;
    expect(recent[0].id).toBe(accountId);
  });

  it('keeps a visit report, links an offer, and edits', async () => {
    const offer = (await rep.post('/api/v1/offers', { title: 'Four', accountId })).json();
    const visit = (
      await rep.post('/api/v1/activities', {
        kind: 'visit',
        accountId,
        offerId: offer.id,
        subject: 'Démonstration',
        report: { objectives: 'Montrer le four', outcome: 'Convaincu', nextSteps: 'Envoyer le devis' },
        durationMinutes: 60,
      })
    ).json();
    expect(visit).toMatchObject({ offerId: offer.id, offerTitle: 'Four', report: { outcome: 'Convaincu' } });
    const patched = (
      await rep.patch(`/api/v1/activities/${visit.id}`, {
        report: { objectives: 'a', outcome: 'b', nextSteps: 'c' },
      })
    ).json();
    expect(patched.report).toEqual({ objectives: 'a', outcome: 'b', nextSteps: 'c' });
    expect(
      (await rep.get(`/api/v1/activities?offerId=${offer.id}`)).json().items.map((a: any) => a.id),
    ).toEqual([visit.id]);
  });

  it('tracks tasks: due date, done, open filter', async () => {
    const task = (
      await rep.post('/api/v1/activities', {
        kind: 'task',
        accountId,
        subject: 'Rappeler le chef',
        dueDate: '2030-02-01',
      })
    ).json();
    expect(task).toMatchObject({ dueDate: '2030-02-01', doneAt: null });
    expect(
      (await rep.get('/api/v1/activities?open=true&ownerId=me&limit=500')).json().items.map((a: any) => a.id),
    ).toContain(task.id);
    const done = (await rep.post(`/api/v1/activities/${task.id}/done`, {})).json();
    expect(done.doneAt).toBeTruthy();
    expect(
      (await rep.get('/api/v1/activities?open=true&ownerId=me&limit=500')).json().items.map((a: any) => a.id),
    ).not.toContain(task.id);
    expect((await rep.post(`/api/v1/activities/${task.id}/done`, { done: false })).json().doneAt).toBeNull();
    const note = (await rep.post('/api/v1/activities', { kind: 'note', accountId, subject: 'Info' })).json();
    expectProblem(await rep.post(`/api/v1/activities/${note.id}/done`, {}), 409, 'activity.not_a_task');
  });

  it('refuses bad input and writes nothing', async () => {
    const before = (await rep.get('/api/v1/activities?limit=1')).json().total;
    expectProblem(await rep.post('/api/v1/activities', { kind: 'visit' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/activities', { kind: 'meeting', accountId }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/activities', { accountId, occurredAt: 'yesterday' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/activities', {
        accountId,
        contactIds: ['00000000-0000-0000-0000-000000000000'],
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/activities', { accountId, offerId: '00000000-0000-0000-0000-000000000000' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/activities', { accountId, report: { objectives: 'x', mood: 'y' } }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.get('/api/v1/activities?kind=meeting'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/activities/00000000-0000-0000-0000-000000000000'), 404);
    expect((await rep.get('/api/v1/activities?limit=1')).json().total).toBe(before);
  });

  it('lets only the author change or delete, and exports CSV', async () => {
    const mine = (
      await rep.post('/api/v1/activities', { kind: 'call', accountId, subject: 'Appel export CSV' })
    ).json();
    const manager = await t.login('manager@relais.demo');
    expect((await manager.get(`/api/v1/activities/${mine.id}`)).statusCode).toBe(200);
    expectProblem(
      await manager.patch(`/api/v1/activities/${mine.id}`, { subject: 'x' }),
      403,
      'activity.owner_only',
    );
    const csv = await rep.get('/api/v1/activities/export.csv?q=export');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Appel export CSV');
    expect((await rep.delete(`/api/v1/activities/${mine.id}`)).statusCode).toBe(204);
    expectProblem(await rep.get(`/api/v1/activities/${mine.id}`), 404);
  });
});
