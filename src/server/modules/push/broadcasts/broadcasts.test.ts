import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { buildApp, createDeps } from '../../../app.js';

let t: TestApp;
let manager: TestClient;
let admin: TestClient;
let rep: TestClient;
let rep2: TestClient;
const setNow = (iso: string | null) => {
  t.deps.clock = iso ? () => new Date(iso) : () => new Date();
};
const teamId = async (name: string) =>
  (await t.db.query<{ id: string }>(`select id from teams where name like $1`, [`${name}%`]))[0].id;
const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.login('manager@relais.demo');
  admin = await t.login('admin@relais.demo');
  rep = await t.login('rep@relais.demo');
  rep2 = await t.login('rep2@relais.demo');
});
afterEach(() => setNow(null));
afterAll(() => t.close());

describe('broadcasts', () => {
  it('reaches a region with its sub-teams, filtered by role, exactly', async () => {
    const region = await teamId('Région Île-de-France');
    const created = await manager.post('/api/v1/broadcasts', {
      title: 'Nouveau tarif transport',
      body: 'Dès lundi.',
      audience: { teamIds: [region], roles: ['rep'] },
    });
    expect(created.statusCode).toBe(201);
    await t.deps.jobs.drain();
    const expected = (
      await t.db.query<{ id: string }>(
        `select u.id from users u join teams t on t.id = u.team_id where u.active and u.role = 'rep' and (t.id = $1 or t.parent_id = $1) order by u.id`,
        [region],
      )
    ).map((r) => r.id);
    const got = (
      await t.db.query<{ user_id: string }>(
        `select user_id from broadcast_recipients where broadcast_id = $1 order by user_id`,
        [created.json().id],
      )
    ).map((r) => r.user_id);
    expect(expected.length).toBeGreaterThan(5);
    expect(got).toEqual(expected);
    expect(got).toContain(rep.userId);
    expect(got).not.toContain((await t.login('rep3@relais.demo')).userId);
    expect(
      (
        await manager.post('/api/v1/broadcasts/audience-preview', {
          audience: { teamIds: [region], roles: ['rep'] },
        })
      ).json().count,
    ).toBe(expected.length);
  });

  it('reaches owners of accounts in a segment', async () => {
    await t.db.query(
      `insert into accounts (name, owner_id, team_id, segment, visibility) select 'Boulangerie Test', id, team_id, 'Boulangeries artisanales', 'team' from users where id = $1`,
      [rep2.userId],
    );
    const created = (
      await admin.post('/api/v1/broadcasts', {
        title: 'Salon de la boulangerie',
        audience: { segments: ['boulangeries artisanales'] },
      })
    ).json();
    await t.deps.jobs.drain();
    const got = (
      await t.db.query<{ user_id: string }>(
        `select user_id from broadcast_recipients where broadcast_id = $1`,
        [created.id],
      )
    ).map((r) => r.user_id);
    const expected = (
      await t.db.query<{ owner_id: string }>(
        `select distinct owner_id from accounts where lower(segment) = 'boulangeries artisanales'`,
      )
    ).map((r) => r.owner_id);
    expect(got.sort()).toEqual(expected.sort());
  });

  it('requires acknowledgment: read receipts, ack, reminders to the others', async () => {
    const team = await teamId('Équipe Paris Centre');
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const broadcast = (
      await manager.post('/api/v1/broadcasts', {
        title: 'Nouvelle charte',
        body: 'Lire **avant** vendredi',
        requiresAck: true,
        ackDue: due,
        audience: { teamIds: [team] },
      })
    ).json();
    await t.deps.jobs.drain();
    const receipts = async () => (await manager.get(`/api/v1/broadcasts/${broadcast.id}/receipts`)).json();
    const first = await receipts();
    expect(first.total).toBeGreaterThan(1);
    expect(first.read).toBe(0);

    const mine = (await rep.get('/api/v1/notifications?kind=broadcast'))
      .json()
      .items.find((n: any) => n.sourceId === broadcast.id);
    expect(mine).toMatchObject({ requiresAck: true, ackDue: due, title: 'Nouvelle charte' });
    await rep.post(`/api/v1/notifications/${mine.id}/read`);
    expect((await receipts()).read).toBe(1);
    expect((await rep.get(`/api/v1/broadcasts/${broadcast.id}`)).json().myReceipt.ackedAt).toBeNull();
    expect((await rep.post(`/api/v1/broadcasts/${broadcast.id}/ack`)).statusCode).toBe(200);
    const after = await receipts();
    expect(after.acked).toBe(1);
    expect(after.items.find((i: any) => i.userId === rep.userId).ackedAt).toBeTruthy();
    expect(
      (await rep.get('/api/v1/notifications?needsAck=true')).json().items.map((n: any) => n.sourceId),
    ).not.toContain(broadcast.id);

    await t.db.transaction(async (tx) => {
      const { sendReminders } = await import('./broadcasts.service.js');
      const sent = await sendReminders(tx, t.deps);
      expect(sent).toBe(first.total - 1);
      expect(await sendReminders(tx, t.deps)).toBe(0); // once a day
    });
    expect(
      await count(`select 1 from notifications where kind = 'reminder' and source_id = $1 and user_id = $2`, [
        broadcast.id,
        rep.userId,
      ]),
    ).toBe(0);
    expect(
      await count(`select 1 from notifications where kind = 'reminder' and source_id = $1`, [broadcast.id]),
    ).toBe(first.total - 1);

    expectProblem(await rep2.post(`/api/v1/broadcasts/${broadcast.id}/ack`), 404);
    expectProblem(await rep.get(`/api/v1/broadcasts/${broadcast.id}/receipts`), 403);
  });

  it('refuses bad broadcasts and writes nothing', async () => {
    const before = await count(`select 1 from broadcasts`);
    const bad: unknown[] = [
      {},
      { title: 'x', audience: { teamIds: ['00000000-0000-4000-8000-000000000000'] } },
      { title: 'x', audience: { roles: ['pilot'] } },
      { title: 'x', requiresAck: true, ackDue: '2020-01-01' },
      { title: 'x', ackDue: '2099-01-01' },
      { title: 'x', schedule: { kind: 'season', from: '02-30', to: '03-10' } },
      { title: 'x', schedule: { kind: 'season', from: '09-01', to: '09-01' } },
      { title: 'x', schedule: { kind: 'at' } },
      { title: 'x', schedule: { kind: 'weekly' } },
      { title: 'x', colour: 'red' },
    ];
    for (const body of bad)
      expectProblem(await manager.post('/api/v1/broadcasts', body), 400, 'validation_failed');
    expectProblem(await rep.post('/api/v1/broadcasts', { title: 'x' }), 403);
    expectProblem(await manager.get('/api/v1/broadcasts/not-a-uuid'), 400);
    expectProblem(await manager.get('/api/v1/broadcasts/00000000-0000-4000-8000-000000000000'), 404);
    expect(await count(`select 1 from broadcasts`)).toBe(before);
  });
});

describe('who may reach whom, and what they may see', () => {
  it('a region manager broadcasts within their own teams only; the whole company is the admin’s', async () => {
    const regionA = await teamId('Région Île-de-France');
    const otherRegion = await teamId('Région Grand Ouest');
    const refused = expectProblem(
      await manager.post('/api/v1/broadcasts', {
        title: 'Hors de ma région',
        audience: { teamIds: [otherRegion] },
      }),
      400,
      'validation_failed',
    );
    expect(refused.errors[0]).toMatchObject({ field: 'audience.teamIds', code: 'outside_your_teams' });
    expectProblem(
      await manager.post('/api/v1/broadcasts/audience-preview', { audience: { teamIds: [otherRegion] } }),
      400,
      'validation_failed',
    );
    // No team named: the manager's teams, not everyone.
    const mine = (
      await manager.post('/api/v1/broadcasts', { title: 'Réunion de région', audience: {} })
    ).json();
    expect(mine.audience.teamIds).toEqual([regionA]);
    await t.deps.jobs.drain();
    const reached = (
      await t.db.query<{ user_id: string }>(
        `select user_id from broadcast_recipients where broadcast_id = $1`,
        [mine.id],
      )
    ).map((r) => r.user_id);
    const rep3 = await t.login('rep3@relais.demo');
    expect(reached).toContain(rep.userId);
    expect(reached).not.toContain(rep3.userId);
    const everyone = await count(`select 1 from users where active`);
    expect((await manager.post('/api/v1/broadcasts/audience-preview', { audience: {} })).json().count).toBe(
      reached.length,
    );
    expect(reached.length).toBeLessThan(everyone);
    expect((await admin.post('/api/v1/broadcasts/audience-preview', { audience: {} })).json().count).toBe(
      everyone,
    );
  });

  it('the audience preview counts only accounts the caller may see (no oracle on a secret segment)', async () => {
    const [account] = await t.db.query<{ id: string }>(
      `insert into accounts (name, owner_id, team_id, segment, visibility) select 'Canari SA', id, team_id, 'CanarySegQ', 'secret' from users where id = $1 returning id`,
      [rep.userId],
    );
    const preview = async (client: TestClient) =>
      (
        await client.post('/api/v1/broadcasts/audience-preview', { audience: { segments: ['CanarySegQ'] } })
      ).json().count;
    expect(await preview(manager)).toBe(0);
    expect(await preview(admin)).toBe(0);
    // Delivered as the author sees the accounts: the receipts reveal nobody either.
    const sent = (
      await manager.post('/api/v1/broadcasts', { title: 'Canari', audience: { segments: ['CanarySegQ'] } })
    ).json();
    await t.deps.jobs.drain();
    expect(await count(`select 1 from broadcast_recipients where broadcast_id = $1`, [sent.id])).toBe(0);
    // Once the account is visible to the team, the manager counts its owner.
    await t.db.query(`update accounts set visibility = 'team' where id = $1`, [account.id]);
    expect(await preview(manager)).toBe(1);
  });

  it('a broadcast may not link knowledge its author cannot see; recipients see only the links they may see', async () => {
    const [expertUser] = await t.db.query<{ id: string }>(
      `select id from users where email = 'expert@relais.demo'`,
    );
    const [secret] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, body_md, status, owner_id, visibility) values ('answer', 'Remise secrète 60 %', 'x', 'published', $1, 'secret') returning id`,
      [expertUser.id],
    );
    const [open] = await t.db.query<{ id: string }>(
      `insert into knowledge_items (type, title, body_md, status, owner_id, visibility) values ('procedure', 'Procédure de reprise', 'x', 'published', $1, 'public') returning id`,
      [expertUser.id],
    );
    const before = await count(`select 1 from broadcasts`);
    const refused = expectProblem(
      await manager.post('/api/v1/broadcasts', { title: 'Lien caché', knowledgeIds: [secret.id] }),
      400,
      'validation_failed',
    );
    expect(refused.errors[0]).toMatchObject({ field: 'knowledgeIds', code: 'unknown_knowledge' });
    expect(await count(`select 1 from broadcasts`)).toBe(before);
    const sent = (
      await manager.post('/api/v1/broadcasts', {
        title: 'Nouvelle procédure',
        knowledgeIds: [open.id],
        audience: { roles: ['rep'] },
      })
    ).json();
    await t.deps.jobs.drain();
    expect((await rep.get(`/api/v1/broadcasts/${sent.id}`)).json().knowledge).toEqual([
      { id: open.id, title: 'Procédure de reprise', url: `/knowledge/${open.id}` },
    ]);
  });

  it('opening a broadcast counts as reading it (receipt and notification)', async () => {
    const sent = (
      await manager.post('/api/v1/broadcasts', { title: 'Ouverture = lecture', audience: { roles: ['rep'] } })
    ).json();
    await t.deps.jobs.drain();
    const receipts = async () => (await manager.get(`/api/v1/broadcasts/${sent.id}/receipts`)).json();
    expect((await receipts()).read).toBe(0);
    // The manager (author, not a recipient) opening it reads nothing on anyone's behalf.
    await manager.get(`/api/v1/broadcasts/${sent.id}`);
    expect((await receipts()).read).toBe(0);
    const opened = (await rep.get(`/api/v1/broadcasts/${sent.id}`)).json();
    expect(opened.myReceipt.readAt).toBeTruthy();
    expect((await receipts()).read).toBe(1);
    const notification = (await rep.get('/api/v1/notifications?kind=broadcast'))
      .json()
      .items.find((n: any) => n.sourceId === sent.id);
    expect(notification.readAt).toBeTruthy();
  });
});

describe('schedules', () => {
  it('delivers a season once per year, across restarts of the app on the same database', async () => {
    setNow('2026-08-20T10:00:00Z');
    const region = await teamId('Région Grand Ouest');
    const season = (
      await admin.post('/api/v1/broadcasts', {
        title: 'Rentrée : catalogue scolaire',
        audience: { teamIds: [region] },
        schedule: { kind: 'season', from: '09-01', to: '10-15' },
      })
    ).json();
    await t.deps.jobs.drain();
    const runs = () =>
      t.db.query<{ period_key: string; recipient_count: number }>(
        `select period_key, recipient_count from broadcast_runs where broadcast_id = $1 order by period_key`,
        [season.id],
      );
    expect(await runs()).toEqual([]); // before the season

    setNow('2026-09-03T06:00:00Z');
    await t.deps.jobs.enqueue(t.db, 'push.schedules', {});
    await t.deps.jobs.drain();
    const delivered = await runs();
    expect(delivered.map((r) => r.period_key)).toEqual(['2026']);
    const recipients = delivered[0].recipient_count;
    expect(recipients).toBeGreaterThan(0);

    // "Restart": a second app on the same database, with the clock still in the season.
    await t.deps.jobs.stop();
    const deps = createDeps(t.config, t.db);
    deps.clock = () => new Date('2026-10-01T06:00:00Z');
    const again = await buildApp(deps, { logger: false });
    await again.ready();
    try {
      await deps.jobs.enqueue(t.db, 'push.schedules', {});
      await deps.jobs.enqueue(t.db, 'push.schedules', {});
      await deps.jobs.drain();
      expect(await runs()).toHaveLength(1);
      expect(await count(`select 1 from notifications where source_id = $1`, [season.id])).toBe(recipients);
      deps.clock = () => new Date('2027-09-01T00:30:00Z');
      await deps.jobs.enqueue(t.db, 'push.schedules', {});
      await deps.jobs.drain();
      expect((await runs()).map((r) => r.period_key)).toEqual(['2026', '2027']);
      expect(await count(`select 1 from notifications where source_id = $1`, [season.id])).toBe(
        2 * recipients,
      );
    } finally {
      await again.close();
    }
  });

  it('a dated broadcast queued before a stop is delivered after the restart, once', async () => {
    const startsAt = new Date(Date.now() + 800).toISOString();
    const dated = (
      await admin.post('/api/v1/broadcasts', {
        title: 'Annonce programmée',
        audience: { roles: ['expert'] },
        schedule: { kind: 'at', startsAt },
      })
    ).json();
    expect(await t.deps.jobs.drain()).toBe(0); // not yet due
    const deps = createDeps(t.config, t.db);
    const again = await buildApp(deps, { logger: false });
    await again.ready();
    try {
      await new Promise((resolve) => setTimeout(resolve, 900));
      await deps.jobs.drain();
      await deps.jobs.enqueue(t.db, 'push.schedules', {});
      await deps.jobs.drain();
      const experts = await count(`select 1 from users where role = 'expert' and active`);
      expect(await count(`select 1 from notifications where source_id = $1`, [dated.id])).toBe(experts);
    } finally {
      await again.close();
    }
  });
});
