import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

/**
 * The rep's day (CRM-7, CRM-9, CRM-10): the agenda from today over the week, a planned visit
 * logged by quick capture becomes done instead of being doubled, its next steps become a task.
 */
let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let accountId: string;
const tomorrow = () =>
  new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
const inDays = (days: number, hour: number) => {
  const date = new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: 'Europe/Paris',
  });
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+01:00`).toISOString();
};
const countVisits = async () =>
  (await rep.get(`/api/v1/activities?accountId=${accountId}&kind=visit&limit=1`)).json().total;

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2] = await Promise.all([t.login('rep@relais.demo'), t.login('rep2@relais.demo')]);
  const [account] = await t.db.query<{ id: string }>(
    `select id from accounts where name = 'Boulangerie Lemoine & Fils'`,
  );
  accountId = account.id;
});
afterAll(() => t.close());

describe('agenda', () => {
  it("shows today, tomorrow and the rest of the week, with tomorrow's visit from the demo", async () => {
    const agenda = (await rep.get('/api/v1/agenda')).json();
    expect(agenda.days).toHaveLength(7);
    expect(agenda.days[0].date).toBe(agenda.today);
    expect(agenda.days[1].date).toBe(tomorrow());
    const visit = agenda.days[1].visits[0];
    expect(visit).toMatchObject({ kind: 'visit', doneAt: null, ownerId: rep.userId });
    expect(agenda.days.slice(2).some((day: any) => day.visits.length > 0)).toBe(true);
    expect(
      agenda.days
        .flatMap((day: any) => [...day.visits, ...day.tasks])
        .every((a: any) => a.ownerId === rep.userId),
    ).toBe(true);
    expectProblem(await rep.get('/api/v1/agenda?days=90'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/agenda?from=tomorrow'), 400, 'validation_failed');
  });
});

describe('a planned visit logged by quick capture', () => {
  it('is planned when dated later, done when it took place', async () => {
    const past = (
      await rep.post('/api/v1/activities', { kind: 'visit', accountId, occurredAt: inDays(-1, 10) })
    ).json();
    expect(past.doneAt).not.toBeNull();
    const planned = (
      await rep.post('/api/v1/activities', {
        kind: 'visit',
        accountId,
        occurredAt: inDays(2, 11),
        report: { objectives: 'Présenter le four mixte' },
      })
    ).json();
    expect(planned.doneAt).toBeNull();
    const list = (await rep.get(`/api/v1/activities?accountId=${accountId}&planned=true&limit=100`)).json();
    expect(list.items.map((a: any) => a.id)).toContain(planned.id);
    expect(list.items.map((a: any) => a.id)).not.toContain(past.id);
  });

  it('completes that visit instead of creating a second one, and its next steps become a task', async () => {
    const planned = (
      await rep.post('/api/v1/activities', {
        kind: 'visit',
        accountId,
        occurredAt: inDays(1, 10),
        report: { objectives: 'Relancer le devis' },
      })
    ).json();
    const before = await countVisits();
    const response = await rep.post(`/api/v1/activities/${planned.id}/complete`, {
      report: {
        objectives: 'Relancer le devis',
        outcome: 'Accord de principe',
        nextSteps: 'Envoyer le devis révisé\nPuis appeler le chef',
      },
      followUp: { dueDate: inDays(3, 9).slice(0, 10) },
    });
    expect(response.statusCode).toBe(200);
    const done = response.json();
    expect(done).toMatchObject({ id: planned.id, report: { outcome: 'Accord de principe' } });
    expect(done.doneAt).not.toBeNull();
    expect(await countVisits()).toBe(before);
    const task = (await rep.get(`/api/v1/activities/${done.followUpTaskId}`)).json();
    expect(task).toMatchObject({
      kind: 'task',
      subject: 'Envoyer le devis révisé',
      accountId,
      dueDate: inDays(3, 9).slice(0, 10),
      doneAt: null,
    });
    expectProblem(
      await rep.post(`/api/v1/activities/${planned.id}/complete`, { report: { outcome: 'Encore' } }),
      409,
      'activity.already_done',
    );
  });

  it('creates the follow-up task with a new activity too', async () => {
    const created = (
      await rep.post('/api/v1/activities', {
        kind: 'call',
        accountId,
        report: { objectives: '', outcome: 'Intéressé', nextSteps: 'Planifier une démonstration' },
        followUp: { dueDate: inDays(5, 9).slice(0, 10), subject: 'Démo four mixte' },
      })
    ).json();
    expect(created.followUpTaskId).toBeTruthy();
    expect((await rep.get(`/api/v1/activities/${created.followUpTaskId}`)).json()).toMatchObject({
      subject: 'Démo four mixte',
      kind: 'task',
    });
  });

  it('follows a logged visit up from its page once, the task remembering where it comes from', async () => {
    const visit = (
      await rep.post('/api/v1/activities', {
        kind: 'visit',
        accountId,
        report: { objectives: '', outcome: 'Bon accueil', nextSteps: 'Rappeler le chef lundi' },
      })
    ).json();
    expect(visit.followUpTaskId).toBeNull();
    const created = await rep.post(`/api/v1/activities/${visit.id}/follow-up`, {
      dueDate: inDays(4, 9).slice(0, 10),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'task',
      subject: 'Rappeler le chef lundi',
      followUpOf: visit.id,
    });
    expect((await rep.get(`/api/v1/activities/${visit.id}`)).json().followUpTaskId).toBe(created.json().id);
    expectProblem(
      await rep.post(`/api/v1/activities/${visit.id}/follow-up`, { dueDate: inDays(5, 9).slice(0, 10) }),
      409,
      'activity.follow_up_exists',
    );
    expectProblem(
      await rep.post(`/api/v1/activities/${created.json().id}/follow-up`, {
        dueDate: inDays(5, 9).slice(0, 10),
      }),
      409,
      'activity.not_plannable',
    );
    expectProblem(
      await rep2.post(`/api/v1/activities/${visit.id}/follow-up`, { dueDate: inDays(5, 9).slice(0, 10) }),
      404,
    );
  });

  it("refuses tasks, someone else's visit and bad input", async () => {
    const task = (
      await rep.post('/api/v1/activities', { kind: 'task', accountId, subject: 'Rappeler' })
    ).json();
    expectProblem(
      await rep.post(`/api/v1/activities/${task.id}/complete`, {}),
      409,
      'activity.not_plannable',
    );
    const planned = (
      await rep.post('/api/v1/activities', { kind: 'visit', accountId, occurredAt: inDays(4, 15) })
    ).json();
    const other = await rep2.post(`/api/v1/activities/${planned.id}/complete`, {});
    expect([403, 404]).toContain(other.statusCode);
    expectProblem(
      await rep.post(`/api/v1/activities/${planned.id}/complete`, { followUp: { dueDate: 'demain' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/activities/${planned.id}/complete`, { kind: 'task' }),
      400,
      'validation_failed',
    );
    expect((await rep.get(`/api/v1/activities/${planned.id}`)).json().doneAt).toBeNull();
  });
});
