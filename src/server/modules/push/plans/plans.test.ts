import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let manager: TestClient;
let rep: TestClient;
const plans = async () =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from change_plans`))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.login('manager@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('change plans', () => {
  it('creates a plan with actions, tracks progress, lets the owner update the status', async () => {
    const broadcast = (
      await manager.post('/api/v1/broadcasts', { title: 'Réorganisation des régions' })
    ).json();
    const created = await manager.post('/api/v1/change-plans', {
      title: 'Nouvelle organisation régionale',
      startsOn: '2026-11-01',
      endsOn: '2027-01-31',
      actions: [
        {
          means: 'Annonce par la direction',
          function: 'Informer',
          ownerId: manager.userId,
          status: 'done',
          link: { type: 'broadcast', id: broadcast.id },
        },
        { means: 'Réunions d’équipe', function: 'Expliquer', ownerId: rep.userId, dueOn: '2020-01-01' },
        { means: 'FAQ', function: 'Répondre aux questions', status: 'in_progress' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan.progress).toEqual({ total: 3, done: 1, inProgress: 1, late: 1, percent: 33 });
    expect(plan.actions[0].link).toMatchObject({
      type: 'broadcast',
      title: 'Réorganisation des régions',
      url: `/broadcasts/${broadcast.id}`,
    });
    const mine = plan.actions[1];
    expect(
      (await rep.patch(`/api/v1/change-plans/${plan.id}/actions/${mine.id}`, { status: 'done' })).json()
        .status,
    ).toBe('done');
    expectProblem(
      await rep.patch(`/api/v1/change-plans/${plan.id}/actions/${mine.id}`, { means: 'Autre' }),
      403,
    );
    expectProblem(
      await rep.patch(`/api/v1/change-plans/${plan.id}/actions/${plan.actions[2].id}`, { status: 'done' }),
      403,
    );
    expect((await rep.get(`/api/v1/change-plans/${plan.id}`)).json().progress).toMatchObject({
      done: 2,
      late: 0,
      percent: 67,
    });
    const added = await manager.post(`/api/v1/change-plans/${plan.id}/actions`, {
      means: 'Formation',
      function: 'Former',
    });
    expect(added.statusCode).toBe(201);
    expect(
      (await manager.delete(`/api/v1/change-plans/${plan.id}/actions/${added.json().id}`)).statusCode,
    ).toBe(204);
    expect((await rep.get('/api/v1/change-plans')).json().items.map((p: any) => p.title)).toContain(
      'Nouvelle organisation régionale',
    );
    expect(
      (await manager.patch(`/api/v1/change-plans/${plan.id}`, { title: 'Organisation 2027' })).json().title,
    ).toBe('Organisation 2027');
  });

  it('refuses bad plans and writes nothing', async () => {
    const before = await plans();
    expectProblem(await manager.post('/api/v1/change-plans', { title: '' }), 400, 'validation_failed');
    expectProblem(
      await manager.post('/api/v1/change-plans', {
        title: 'x',
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await manager.post('/api/v1/change-plans', {
        title: 'x',
        actions: [{ means: 'a' }, { means: 'b', ownerId: '00000000-0000-4000-8000-000000000000' }],
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await manager.post('/api/v1/change-plans', {
        title: 'x',
        actions: [{ means: 'a', link: { type: 'broadcast', id: '00000000-0000-4000-8000-000000000000' } }],
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await manager.post('/api/v1/change-plans', { title: 'x', actions: [{ means: 'a', status: 'maybe' }] }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.post('/api/v1/change-plans', { title: 'x' }), 403);
    expectProblem(await manager.get('/api/v1/change-plans/00000000-0000-4000-8000-000000000000'), 404);
    expect(await plans()).toBe(before);
  });
});

describe('pull side', () => {
  it('finds pushed broadcasts and my notifications in the global search, respecting who may see them', async () => {
    const team = (
      await t.db.query<{ id: string }>(`select id from teams where name = 'Équipe Paris Centre'`)
    )[0].id;
    await manager.post('/api/v1/broadcasts', { title: 'Opération zéphyr', audience: { teamIds: [team] } });
    await t.deps.jobs.drain();
    const hits = (await rep.get('/api/v1/search?q=zéphyr&types=push')).json().items;
    expect(hits[0]).toMatchObject({ type: 'push', title: 'Opération zéphyr' });
    const rep3 = await t.login('rep3@relais.demo');
    expect((await rep3.get('/api/v1/search?q=zephyr&types=push')).json().items).toEqual([]);
    const forMe = (await rep.get('/api/v1/notifications?q=z%C3%A9phyr')).json();
    expect(forMe.items).toHaveLength(1);
  });
});
