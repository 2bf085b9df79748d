import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { flagStaleItems } from './lifecycle.service.js';

/** What knowledge tells people, through the push channels (issue 9 A9–A11). */
let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let rep3: TestClient;
let manager: TestClient;
let expert: TestClient;
let admin: TestClient;

async function process() {
  await t.deps.events.dispatchSoon();
  await t.deps.jobs.drain();
}
async function notificationsOf(itemId: string) {
  return t.db.query<{ email: string; title: string; kind: string }>(
    `select u.email, n.title, n.kind from notifications n join users u on u.id = n.user_id where n.source_id = $1 order by n.created_at, u.email`,
    [itemId],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, rep3, manager, expert, admin] = await Promise.all(
    ['rep', 'rep2', 'rep3', 'manager', 'expert', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
});
afterAll(() => t.close());

/** A published answer, written by the expert and validated by the admin (second expert). */
async function publishedAnswer(title: string) {
  const created = await expert.post('/api/v1/knowledge', {
    type: 'answer',
    title,
    problem: 'Le client demande une remise.',
    body: 'Remise maximale 30 %.',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  for (const [client, action] of [
    [expert, 'submit'],
    [admin, 'validate'],
    [expert, 'publish'],
  ] as const) {
    const moved = await client.post(`/api/v1/knowledge/${id}/transitions`, { action });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  await process();
  return id as string;
}

describe('knowledge notifications', () => {
  it('reusing an answer notifies no follower; only a content change does (A9)', async () => {
    const id = await publishedAnswer('Remise maximale autorisée');
    expect(
      (await rep2.post('/api/v1/follows', { targetType: 'knowledge', targetId: id })).statusCode,
    ).toBeLessThan(300);
    const before = (await notificationsOf(id)).length;
    for (let i = 0; i < 3; i += 1)
      expect((await rep.post(`/api/v1/knowledge/${id}/reuse`, {})).statusCode).toBe(200);
    expect((await expert.post(`/api/v1/knowledge/${id}/transitions`, { action: 'verify' })).statusCode).toBe(
      200,
    );
    await process();
    expect((await notificationsOf(id)).length).toBe(before);
  });

  it('a content change notifies followers once, when the new version is validated (A9)', async () => {
    const id = await publishedAnswer('Délai de reprise des fours');
    await rep2.post('/api/v1/follows', { targetType: 'knowledge', targetId: id });
    const before = (await notificationsOf(id)).filter((n) => n.email === 'rep2@relais.demo').length;
    await expert.patch(`/api/v1/knowledge/${id}`, { body: 'Remise maximale 25 %.' });
    await process();
    expect((await notificationsOf(id)).filter((n) => n.email === 'rep2@relais.demo').length).toBe(before);
    await admin.post(`/api/v1/knowledge/${id}/transitions`, { action: 'validate' });
    await process();
    const mine = (await notificationsOf(id)).filter((n) => n.email === 'rep2@relais.demo');
    expect(mine.length).toBe(before + 1);
    expect(mine.at(-1)!.title).toBe('Réponse validée mise à jour : Délai de reprise des fours');
  });
});

describe('lifecycle notices through the push channels (A10)', () => {
  const mailsTo = (email: string, subject: string) =>
    t.db.query(`select subject from mail_messages where to_address = $1 and subject like $2`, [
      email,
      `%${subject}%`,
    ]);

  it('submitting for review tells the experts (not the author), on their channels', async () => {
    const item = (
      await rep.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Garantie prolongée ornithorynque',
        body: 'Trois ans.',
      })
    ).json();
    await rep.post(`/api/v1/knowledge/${item.id}/transitions`, { action: 'submit' });
    await process();
    const experts = (
      await t.db.query<{ email: string }>(
        `select email from users where role = 'expert' and active order by email`,
      )
    ).map((u) => u.email);
    expect(experts.length).toBeGreaterThanOrEqual(2);
    const notices = await notificationsOf(item.id);
    expect(notices.map((n) => n.email).sort()).toEqual([...experts].sort());
    expect(notices[0]).toMatchObject({
      title: 'À relire : Garantie prolongée ornithorynque',
      kind: 'reminder',
    });
    // Reminders go by e-mail at once by default…
    expect(await mailsTo('expert@relais.demo', 'À relire : Garantie prolongée ornithorynque')).toHaveLength(
      1,
    );
    // …unless the expert chose otherwise.
    expect(
      (
        await expert.put('/api/v1/notifications/preferences', {
          channels: { reminder: { email: 'off', webpush: false } },
        })
      ).statusCode,
    ).toBe(200);
    const other = (
      await rep.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Garantie prolongée quokka',
        body: 'Deux ans.',
      })
    ).json();
    await rep.post(`/api/v1/knowledge/${other.id}/transitions`, { action: 'submit' });
    await process();
    expect((await notificationsOf(other.id)).map((n) => n.email)).toContain('expert@relais.demo');
    expect(await mailsTo('expert@relais.demo', 'Garantie prolongée quokka')).toHaveLength(0);
    await expert.put('/api/v1/notifications/preferences', { channels: {} });
  });

  it("an expert's own change is announced to the others who may validate, admins when no other expert", async () => {
    const id = await publishedAnswer('Reprise des anciens fours');
    const count = async () =>
      (await notificationsOf(id)).filter((n) => n.title.startsWith('À relire')).map((n) => n.email);
    const before = await count();
    await expert.patch(`/api/v1/knowledge/${id}`, { body: 'Reprise à 10 % du prix neuf.' });
    await process();
    const added = (await count()).slice(before.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added).not.toContain('expert@relais.demo');
    // With no other expert, the admins are asked.
    await t.db.query(
      `update users set active = false where role = 'expert' and email <> 'expert@relais.demo'`,
    );
    try {
      await expert.patch(`/api/v1/knowledge/${id}`, { body: 'Reprise à 12 % du prix neuf.' });
      await process();
      expect((await count()).at(-1)).toBe('admin@relais.demo');
    } finally {
      await t.db.query(`update users set active = true where role = 'expert'`);
    }
  });

  it('a stale item asks its owner to re-verify; comments and suggested edits tell the owner', async () => {
    const id = await publishedAnswer('Nettoyage du four mixte');
    await t.db.query(
      `update knowledge_items set verify_interval_days = 1, verified_at = now() - interval '2 days' where id = $1`,
      [id],
    );
    await t.db.transaction((tx) => flagStaleItems(tx));
    await rep2.post(`/api/v1/knowledge/${id}/comments`, { comment: 'Et pour les fours à vapeur ?' });
    await rep3.post(`/api/v1/knowledge/${id}/suggestions`, {
      body: 'Détartrer chaque semaine.',
      note: 'plus précis',
    });
    await expert.post(`/api/v1/knowledge/${id}/comments`, { comment: 'Mon propre commentaire' });
    await process();
    const titles = (await notificationsOf(id))
      .filter((n) => n.email === 'expert@relais.demo')
      .map((n) => [n.kind, n.title]);
    expect(titles).toEqual([
      ['reminder', 'À revérifier : Nettoyage du four mixte'],
      ['change', 'Nouveau commentaire sur Nettoyage du four mixte'],
      ['change', 'Modification suggérée : Nettoyage du four mixte'],
    ]);
  });

  it('the person in charge of a change-plan action is told, in their language', async () => {
    await t.db.query(`update users set locale = 'en' where email = 'rep@relais.demo'`);
    const plan = await manager.post('/api/v1/change-plans', {
      title: 'Nouveau catalogue 2027',
      actions: [
        {
          means: 'Présenter le catalogue à trois clients',
          function: 'adoption',
          ownerId: rep.userId,
          dueOn: '2027-01-15',
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    await process();
    const [row] = await t.db.query<{ title: string; body: string; kind: string }>(
      `select n.title, n.body, n.kind from notifications n where n.user_id = $1 and n.source_id = $2`,
      [rep.userId, plan.json().id],
    );
    expect(row).toEqual({
      kind: 'plan',
      title: 'Action for you: Présenter le catalogue à trois clients',
      body: 'Change plan "Nouveau catalogue 2027", due 15 January 2027.',
    });
    // Reassigning the action tells the new person in charge.
    const actionId = plan.json().actions[0].id;
    await manager.patch(`/api/v1/change-plans/${plan.json().id}/actions/${actionId}`, {
      ownerId: rep2.userId,
    });
    await process();
    expect(
      (
        await t.db.query(`select 1 from notifications where user_id = $1 and source_id = $2`, [
          rep2.userId,
          plan.json().id,
        ])
      ).length,
    ).toBe(1);
    await t.db.query(`update users set locale = 'fr' where email = 'rep@relais.demo'`);
  });
});

describe('push items are delivered to their audience (A11, PUSH-1)', () => {
  const teamOf = async (email: string) =>
    (await t.db.query<{ team_id: string }>(`select team_id from users where email = $1`, [email]))[0].team_id;
  async function publish(id: string) {
    for (const [client, action] of [
      [expert, 'submit'],
      [admin, 'validate'],
      [expert, 'publish'],
    ] as const) {
      const moved = await client.post(`/api/v1/knowledge/${id}/transitions`, { action });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    await process();
  }

  it('on publication, to the teams and roles chosen; a new version to the same audience; never twice', async () => {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'procedure',
      title: 'Nouvelle procédure de retour',
      body: 'Retour sous **30 jours**.',
      delivery: 'push',
      audience: { teamIds: [await teamOf('rep@relais.demo')], roles: ['rep'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().audience.roles).toEqual(['rep']);
    await process();
    expect(await notificationsOf(id)).toEqual([]);
    await publish(id);
    const pushed = (await notificationsOf(id)).filter((n) => n.kind === 'broadcast');
    const team = await t.db.query<{ email: string }>(
      `select email from users where active and role = 'rep' and team_id = $1 order by email`,
      [await teamOf('rep@relais.demo')],
    );
    expect(pushed.map((n) => n.email).sort()).toEqual(team.map((u) => u.email).sort());
    expect(pushed.map((n) => n.email)).toContain('rep@relais.demo');
    expect(pushed.every((n) => n.title === 'Nouvelle procédure de retour')).toBe(true);
    expect(
      (
        await t.db.query(
          `select 1 from mail_messages where to_address = 'rep@relais.demo' and subject like '%Nouvelle procédure de retour%'`,
        )
      ).length,
    ).toBe(1);
    // It is in the rep's "For me".
    expect((await rep.get('/api/v1/push/for-me')).json().knowledge.some((k: any) => k.id === id)).toBe(true);
    // Re-verifying or reusing it delivers nothing again.
    await expert.post(`/api/v1/knowledge/${id}/transitions`, { action: 'verify' });
    await rep.post(`/api/v1/knowledge/${id}/reuse`, {});
    await process();
    expect((await notificationsOf(id)).filter((n) => n.kind === 'broadcast')).toHaveLength(team.length);
    // A new version, once validated, reaches the same people as an update.
    await expert.patch(`/api/v1/knowledge/${id}`, { body: 'Retour sous **45 jours**.' });
    await process();
    expect((await notificationsOf(id)).filter((n) => n.kind === 'broadcast')).toHaveLength(team.length);
    await admin.post(`/api/v1/knowledge/${id}/transitions`, { action: 'validate' });
    await process();
    const romain = (await notificationsOf(id))
      .filter((n) => n.kind === 'broadcast' && n.email === 'rep@relais.demo')
      .map((n) => n.title);
    expect(romain).toEqual(['Nouvelle procédure de retour', 'Mise à jour : Nouvelle procédure de retour']);
    expect((await notificationsOf(id)).filter((n) => n.kind === 'broadcast')).toHaveLength(2 * team.length);
  });

  it('at its date when it has one; a pull item notifies nobody', async () => {
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const id = (
      await expert.post('/api/v1/knowledge', {
        type: 'procedure',
        title: 'Saison des fêtes',
        body: 'Stocks.',
        delivery: 'push',
        audience: { teamIds: [], roles: ['manager'] },
        pushAt: later,
      })
    ).json().id;
    await publish(id);
    expect((await notificationsOf(id)).filter((n) => n.kind === 'broadcast')).toEqual([]);
    await t.db.query(`update knowledge_items set push_at = now() - interval '1 minute' where id = $1`, [id]);
    const { pushScheduledItems } = await import('../delivery/push-delivery.js');
    expect(await t.db.transaction((tx) => pushScheduledItems(tx))).toBe(1);
    await process();
    const pushed = (await notificationsOf(id)).filter((n) => n.kind === 'broadcast');
    expect(pushed.length).toBeGreaterThan(0);
    expect(new Set(pushed.map((n) => n.email))).toContain('manager@relais.demo');
    const roles = await t.db.query<{ role: string }>(
      `select distinct u.role from notifications n join users u on u.id = n.user_id where n.source_id = $1 and n.kind = 'broadcast'`,
      [id],
    );
    expect(roles.map((r) => r.role)).toEqual(['manager']);
    const pull = (
      await expert.post('/api/v1/knowledge', {
        type: 'procedure',
        title: 'Procédure tranquille',
        body: 'Rien.',
      })
    ).json().id;
    await publish(pull);
    expect((await notificationsOf(pull)).filter((n) => n.kind === 'broadcast')).toEqual([]);
  });

  it('refuses an audience outside the teams its author may address', async () => {
    const response = await rep.post('/api/v1/knowledge', {
      type: 'answer',
      title: 'Pour une autre région',
      body: 'x',
      delivery: 'push',
      audience: { teamIds: [await teamOf('rep3@relais.demo')], roles: [] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      field: 'audience.teamIds',
      code: 'outside_your_teams',
    });
    expect(
      (
        await rep.post('/api/v1/knowledge', {
          type: 'answer',
          title: 'x',
          delivery: 'push',
          audience: { roles: ['boss'] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await rep.post('/api/v1/knowledge', {
          type: 'answer',
          title: 'x',
          delivery: 'push',
          pushAt: 'tomorrow',
        })
      ).statusCode,
    ).toBe(400);
  });
});
