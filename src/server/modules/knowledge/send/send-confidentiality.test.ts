import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';

/**
 * Issue 10.1: a send is never more visible than the most confidential of the item, the contact
 * and the account — nor are its activity and its timeline entry.
 */
let t: TestApp;
let rep: TestClient;
let others: Record<string, TestClient>;

beforeAll(async () => {
  t = await createTestApp();
  const [r, rep2, rep3, manager] = await Promise.all(
    ['rep', 'rep2', 'rep3', 'manager'].map((name) => t.login(`${name}@relais.demo`)),
  );
  rep = r;
  others = { rep2, rep3, manager };
});
afterAll(() => t.close());

async function fixture(options: { contact: string; item: string; account?: string }) {
  const tag = Math.random().toString(36).slice(2, 8);
  const account = (
    await rep.post('/api/v1/accounts', {
      name: `Brasserie Publique ${tag}`,
      visibility: options.account ?? 'public',
    })
  ).json();
  const contact = (
    await rep.post('/api/v1/contacts', {
      firstName: 'Ondine',
      lastName: `Secrète${tag}`,
      emails: [{ address: `ondine.${tag}@cachee.fr` }],
      emailConsent: true,
      consentSource: 'Salon',
      accounts: [{ accountId: account.id }],
      visibility: options.contact,
    })
  ).json();
  const [user] = await t.db.query<{ id: string; team_id: string }>(
    `select id, team_id from users where email = 'rep@relais.demo'`,
  );
  const [item] = await t.db.query<{ id: string }>(
    `insert into knowledge_items (type, title, body_md, status, visibility, owner_id, team_id) values ('answer', $1, 'Contenu confidentiel.', 'published', $2, $3, $4) returning id`,
    [`Remise cachée ${tag}`, options.item, user.id, user.team_id],
  );
  return {
    tag,
    account,
    contact,
    itemId: item.id,
    title: `Remise cachée ${tag}`,
    address: `ondine.${tag}@cachee.fr`,
  };
}

async function bodiesSeenBy(client: TestClient, accountId: string) {
  const paths = [
    '/api/v1/knowledge/sends?limit=200',
    `/api/v1/accounts/${accountId}/timeline?limit=100`,
    '/api/v1/activities?limit=200',
    '/api/v1/activities/export.csv',
    `/api/v1/accounts/${accountId}/brief`,
    `/api/v1/accounts/${accountId}/brief?format=text`,
    `/api/v1/activities?accountId=${accountId}`,
  ];
  const bodies: Record<string, string> = {};
  for (const path of paths) {
    const response = await client.get(path);
    expect(response.statusCode, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
    bodies[path] = response.body;
  }
  return bodies;
}

describe('send to client keeps the confidentiality of what it names', () => {
  it('a secret item sent to a secret contact of a public account is seen by nobody else, in any list, timeline, export or brief', async () => {
    const f = await fixture({ contact: 'secret', item: 'secret' });
    const before = Object.fromEntries(
      await Promise.all(
        Object.entries(others).map(async ([who, c]) => [
          who,
          (await c.get('/api/v1/knowledge/sends')).json().total,
        ]),
      ),
    );
    const sent = await rep.post(`/api/v1/knowledge/${f.itemId}/send`, {
      contactId: f.contact.id,
      message: 'Bonjour Ondine, voici.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { id: sendId, activityId } = sent.json();

    // The activity is as confidential as the most confidential of the three, written by the CRM.
    const [activity] = await t.db.query<any>(
      `select visibility, owner_id, kind from activities where id = $1`,
      [activityId],
    );
    expect(activity).toMatchObject({ visibility: 'secret', owner_id: rep.userId, kind: 'email' });

    // The sender still sees everything.
    const mine = await bodiesSeenBy(rep, f.account.id);
    expect(mine['/api/v1/knowledge/sends?limit=200']).toContain(sendId);
    expect(mine[`/api/v1/accounts/${f.account.id}/timeline?limit=100`]).toContain(f.title);

    for (const [who, client] of Object.entries(others)) {
      const bodies = await bodiesSeenBy(client, f.account.id);
      for (const [path, body] of Object.entries(bodies)) {
        for (const secret of [
          f.title,
          f.address,
          f.contact.id,
          f.itemId,
          sendId,
          activityId,
          f.contact.lastName,
        ]) {
          expect(body.includes(secret), `${who} gets ${secret} through ${path}`).toBe(false);
        }
      }
      expect((await client.get('/api/v1/knowledge/sends')).json().total, `${who}: the count of sends`).toBe(
        before[who],
      );
    }
  });

  it('a public item sent to a secret contact hides the address and the contact but not the item', async () => {
    const f = await fixture({ contact: 'secret', item: 'public' });
    const sent = (
      await rep.post(`/api/v1/knowledge/${f.itemId}/send`, { contactId: f.contact.id, message: 'Bonjour.' })
    ).json();
    const [activity] = await t.db.query<any>(`select visibility from activities where id = $1`, [
      sent.activityId,
    ]);
    expect(activity.visibility).toBe('secret');
    const sends = (await others.rep2.get('/api/v1/knowledge/sends?limit=200')).body;
    expect(sends).not.toContain(f.address);
    expect(sends).not.toContain(sent.id);
  });

  it('everything public: the send, its activity and its timeline entry are seen by the team as before', async () => {
    const f = await fixture({ contact: 'public', item: 'public' });
    const sent = (
      await rep.post(`/api/v1/knowledge/${f.itemId}/send`, { contactId: f.contact.id, message: 'Bonjour.' })
    ).json();
    const [activity] = await t.db.query<any>(`select visibility from activities where id = $1`, [
      sent.activityId,
    ]);
    expect(activity.visibility).toBe('team');
    expect((await others.rep2.get('/api/v1/knowledge/sends?limit=200')).body).toContain(sent.id);
    expect((await others.manager.get(`/api/v1/accounts/${f.account.id}/timeline?limit=100`)).body).toContain(
      f.title,
    );
  });

  it('a team contact of another team than the sender makes the activity restricted to the sender', async () => {
    const f = await fixture({ contact: 'team', item: 'public' });
    const [team] = await t.db.query<{ id: string }>(
      `select team_id as id from users where email = 'rep2@relais.demo'`,
    );
    await t.db.query(`update contacts set team_id = $2 where id = $1`, [f.contact.id, team.id]);
    // rep sees it as its owner; the activity cannot be "team" of rep's team (rep's teammates do not see the contact).
    const sent = (
      await rep.post(`/api/v1/knowledge/${f.itemId}/send`, { contactId: f.contact.id, message: 'Bonjour.' })
    ).json();
    const [activity] = await t.db.query<any>(`select visibility from activities where id = $1`, [
      sent.activityId,
    ]);
    expect(activity.visibility).toBe('restricted');
  });
});
