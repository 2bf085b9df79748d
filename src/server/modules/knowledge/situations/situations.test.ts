import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { onActivityCreated, onContactUpdated, signalFound } from './signals.service.js';

let t: TestApp;
let rep: TestClient;
let rep3: TestClient;
let expert: TestClient;
let accountId: string;
let contactId: string;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep3, expert] = await Promise.all([
    t.login('rep@relais.demo'),
    t.login('rep3@relais.demo'),
    t.login('expert@relais.demo'),
  ]);
  const [user] = await t.db.query(`select id, team_id from users where email = 'rep@relais.demo'`);
  [{ id: accountId }] = await t.db.query(
    `insert into accounts (name, owner_id, team_id, visibility) values ('Hôtel des Lilas', $1, $2, 'team') returning id`,
    [user.id, user.team_id],
  );
  [{ id: contactId }] = await t.db.query(
    `insert into contacts (first_name, last_name, owner_id, team_id) values ('Paul', 'Girard', $1, $2) returning id`,
    [user.id, user.team_id],
  );
});
afterAll(() => t.close());

describe('customer situations', () => {
  it('lists the catalogue; experts add and change situations, reps may not', async () => {
    const list = (await rep.get('/api/v1/situations')).json().items;
    expect(list.map((s: any) => s.name)).toEqual(
      expect.arrayContaining([
        'Le client change de poste',
        'Réclamation de livraison',
        'Article de presse critique',
      ]),
    );
    const item = (await rep.get('/api/v1/knowledge?status=published&limit=1')).json().items[0];
    const body = {
      name: 'Fermeture administrative',
      description: 'Le restaurant est fermé par la préfecture.',
      signals: ['fermeture administrative'],
      advice: '**Suspendre** les livraisons.',
      knowledgeIds: [item.id],
    };
    expectProblem(await rep.post('/api/v1/situations', body), 403, 'situation.expert_only');
    const created = await expert.post('/api/v1/situations', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Fermeture administrative', knowledge: [{ id: item.id }] });
    expect(created.json().adviceHtml).toContain('<strong>Suspendre</strong>');
    expectProblem(await expert.post('/api/v1/situations', body), 409, 'situation.name_taken');
    expectProblem(
      await expert.post('/api/v1/situations', { ...body, name: '', knowledgeIds: ['nope'] }),
      400,
      'validation_failed',
    );
    const changed = (
      await expert.patch(`/api/v1/situations/${created.json().id}`, { description: 'Changé' })
    ).json();
    expect(changed.description).toBe('Changé');
    expectProblem(await rep.get('/api/v1/situations/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('attaches a situation to an account; the brief and timeline show it, to those who see the account', async () => {
    const situation = (await rep.get('/api/v1/situations?q=presse')).json().items[0];
    const attached = await rep.post(`/api/v1/accounts/${accountId}/situations`, {
      situationId: situation.id,
      contactId,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toMatchObject({ status: 'confirmed', situationName: situation.name });
    expectProblem(
      await rep.post(`/api/v1/accounts/${accountId}/situations`, { situationId: 'x' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep3.post(`/api/v1/accounts/${accountId}/situations`, { situationId: situation.id }),
      404,
    );
    expectProblem(await rep3.get(`/api/v1/accounts/${accountId}/situations`), 404);
    const { runAsActor, loadActor } = await import('../../../db/access.js');
    const actor = (await loadActor(t.db, rep.userId!))!;
    const brief = await runAsActor(t.db, actor, (tx) =>
      t.deps.points.briefSections({ actor, tx, deps: t.deps, requestId: 'x', locale: 'fr' }, accountId),
    );
    const timeline = await runAsActor(t.db, actor, (tx) =>
      t.deps.points.timeline({ actor, tx, deps: t.deps, requestId: 'x', locale: 'fr' }, accountId, {
        limit: 20,
        types: ['knowledge'],
      }),
    );
    expect(timeline.some((entry) => entry.title === situation.name)).toBe(true);
    expect(brief.find((s) => s.key === 'situations')?.items[0].title).toBe(situation.name);
  });

  it('suggests situations from a visit report and from a contact changing employer', async () => {
    expect(signalFound('Le client se plaint d’une LIVRAISON EN RETARD', 'livraison en retard')).toBe(true);
    expect(signalFound('livraisons', 'livraison en retard')).toBe(false);
    const [user] = await t.db.query<{ id: string }>(`select id from users where email = 'rep@relais.demo'`);
    const [activity] = await t.db.query<{ id: string }>(
      `insert into activities (kind, subject, body_md, account_id, owner_id) values ('visit', 'Visite mensuelle', 'Réclamation : livraison en retard de la plonge.', $1, $2) returning id`,
      [accountId, user.id],
    );
    await t.db.transaction((tx) =>
      onActivityCreated(
        {
          id: 0,
          type: 'activity.created',
          payload: { activityId: activity.id, accountId },
          actorId: null,
          recipients: [],
          createdAt: new Date(),
        },
        tx,
      ),
    );
    await t.db.transaction((tx) =>
      onContactUpdated(
        {
          id: 0,
          type: 'contact.updated',
          payload: {
            contactId,
            accountIds: [accountId],
            changes: { accountIds: { from: [accountId], to: [] } },
          },
          actorId: null,
          recipients: [],
          createdAt: new Date(),
        },
        tx,
      ),
    );
    const links = (await rep.get(`/api/v1/accounts/${accountId}/situations`)).json().items;
    const delivery = links.find((l: any) => l.situationName === 'Réclamation de livraison');
    expect(delivery).toMatchObject({ status: 'suggested', source: `activity:${activity.id}` });
    expect(links.find((l: any) => l.situationName === 'Le client change de poste')).toMatchObject({
      status: 'suggested',
      contactId,
    });
    const confirmed = (
      await rep.patch(`/api/v1/account-situations/${delivery.id}`, { status: 'confirmed' })
    ).json();
    expect(confirmed.status).toBe('confirmed');
    expectProblem(
      await rep.patch(`/api/v1/account-situations/${delivery.id}`, { status: 'maybe' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep3.patch(`/api/v1/account-situations/${delivery.id}`, { status: 'dismissed' }),
      404,
    );
    const events = await t.db.query(
      `select payload from outbox_events where type = 'situation.attached' and payload->>'accountId' = $1`,
      [accountId],
    );
    expect(events.some((e: any) => e.payload.confirmed === false)).toBe(true);
  });
});
