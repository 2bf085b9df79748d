import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import type { TestClient } from './client.js';
import type { Matrix } from './access-matrix/fixtures.js';
import { requestsFor } from './access-matrix/walk.js';

/*
 * Each secret record carries its marker in a field only its own row shows (a city, an address, a
 * competitor…), not in the name other rows repeat: a row naming a secret account is not a read of it.
 */
/**
 * Issue 10.4 (ID-4, "every access audited"): every read that returns a secret record — a single
 * read, a list, a `q=` filter, the global search, an export, the board, a timeline, the brief —
 * writes one `record.secret_read` entry per record and request. Walks every GET of the OpenAPI
 * document (and the POST reads) as a user granted secret records of another rep.
 */
let t: TestApp;
let reader: TestClient;
let secrets: { type: string; id: string; marker: string }[];
let matrix: Matrix;

beforeAll(async () => {
  t = await createTestApp();
  reader = await t.login('rep2@relais.demo');
  const [owner] = await t.db.query<{ id: string; team_id: string }>(
    `select id, team_id from users where email = 'rep@relais.demo'`,
  );
  const insert = async (sql: string, params: unknown[]) =>
    (await t.db.query<{ id: string }>(`${sql} returning id`, params))[0].id;
  const grant = (type: string, id: string) =>
    t.db.query(
      `insert into record_grants (record_type, record_id, user_id, granted_by) values ($1, $2, $3, $4)`,
      [type, id, reader.userId, owner.id],
    );
  const account = await insert(
    `insert into accounts (name, kind, owner_id, team_id, visibility, city) values ('Compte Nantais Confidentiel', 'customer', $1, $2, 'secret', 'Auditacct-sur-Loire')`,
    [owner.id, owner.team_id],
  );
  const contact = await insert(
    `insert into contacts (first_name, last_name, emails, email_consent, owner_id, team_id, visibility) values ('Audrey', 'Dupond', '[{"address":"auditcontact@audit.example","label":"work"}]', true, $1, $2, 'secret')`,
    [owner.id, owner.team_id],
  );
  await t.db.query(
    `insert into account_contacts (account_id, contact_id, is_primary) values ($1, $2, true)`,
    [account, contact],
  );
  const [stage] = await t.db.query<{ id: string }>(`select id from offer_stages order by position limit 1`);
  const offer = await insert(
    `insert into offers (title, account_id, contact_id, stage_id, owner_id, team_id, visibility, amount, competitor) values ('Offre four', $1, $2, $3, $4, $5, 'secret', 1234, 'Auditoffer SA')`,
    [account, contact, stage.id, owner.id, owner.team_id],
  );
  const activity = await insert(
    `insert into activities (kind, subject, body_md, account_id, owner_id, team_id, visibility, occurred_at, done_at) values ('visit', 'Auditactivity visite', 'Auditactivity', $1, $2, $3, 'secret', now(), now())`,
    [account, owner.id, owner.team_id],
  );
  await t.db.query(`insert into activity_contacts (activity_id, contact_id) values ($1, $2)`, [
    activity,
    contact,
  ]);
  const item = await insert(
    `insert into knowledge_items (type, title, body_md, html, status, visibility, owner_id, team_id, published_at) values ('answer', 'Audititem remise', 'Audititem remise', 'Audititem', 'published', 'secret', $1, $2, now())`,
    [owner.id, owner.team_id],
  );
  // The item is linked to the account, used in its activity and advised by a situation confirmed on it.
  await t.db.query(`update knowledge_items set account_ids = array[$2::uuid] where id = $1`, [item, account]);
  await t.db.query(`insert into activity_knowledge (activity_id, item_id, user_id) values ($1, $2, $3)`, [
    activity,
    item,
    owner.id,
  ]);
  const [situation] = await t.db.query<{ id: string }>(
    `insert into situations (name) values ('Situation publique audit') returning id`,
  );
  await t.db.query(`insert into situation_knowledge (situation_id, item_id) values ($1, $2)`, [
    situation.id,
    item,
  ]);
  await t.db.query(
    `insert into account_situations (account_id, situation_id, status) values ($1, $2, 'confirmed')`,
    [account, situation.id],
  );
  for (const [type, id] of [
    ['account', account],
    ['contact', contact],
    ['offer', offer],
    ['activity', activity],
    ['knowledge', item],
  ])
    await grant(type, id);
  secrets = [
    { type: 'account', id: account, marker: 'auditacct' },
    { type: 'contact', id: contact, marker: 'auditcontact' },
    { type: 'offer', id: offer, marker: 'auditoffer' },
    { type: 'activity', id: activity, marker: 'auditactivity' },
    { type: 'knowledge', id: item, marker: 'audititem' },
  ];
  const [product] = await t.db.query<{ id: string }>(`select id from products order by reference limit 1`);
  matrix = {
    hidden: [],
    visible: {
      account,
      contact,
      offer,
      activity,
      knowledge: item,
      user: owner.id,
      team: owner.team_id,
      product: product.id,
    },
    searchWords: [...secrets.map((s) => s.marker), 'Compte Nantais', 'Dupond'],
    hiddenSegment: 'none',
  };
}, 120_000);
afterAll(() => t?.close());

describe('audit of secret reads', () => {
  it('every answer that returns a secret record writes one audit entry per record and request', async () => {
    const doc = (await reader.get('/api/openapi.json')).json();
    const { requests, operations } = requestsFor(doc, matrix, 'rep2');
    const missing: string[] = [];
    let returning = 0;
    for (const request of requests) {
      const [{ last }] = await t.db.query<{ last: number }>(
        `select coalesce(max(id), 0)::int as last from audit_log`,
      );
      const response =
        request.method === 'GET'
          ? await reader.get(request.url)
          : await reader.post(request.url, request.body);
      const body = response.body.toLowerCase();
      const returned = secrets.filter((s) => body.includes(s.marker));
      if (returned.length === 0) continue;
      returning++;
      const entries = await t.db.query<{ target_id: string }>(
        `select target_id from audit_log where id > $1 and action = 'record.secret_read' and actor_id = $2`,
        [last, reader.userId],
      );
      for (const secret of returned) {
        const count = entries.filter((e) => e.target_id === secret.id).length;
        if (count !== 1) missing.push(`${request.method} ${request.url}: ${secret.type} audited ${count}×`);
      }
    }
    console.log(
      `audit matrix: ${operations} operations, ${requests.length} requests, ${returning} returned a secret record, ${missing.length} without exactly one entry each`,
    );
    expect(missing).toEqual([]);
  }, 180_000);

  it('an owner listing their own secret records is noted once an hour per record, not at every read', async () => {
    const owner = await t.login('rep@relais.demo');
    const account = secrets.find((s) => s.type === 'account')!;
    const count = async () =>
      (
        await t.db.query(
          `select 1 from audit_log where action = 'record.secret_read' and target_id = $1 and actor_id = $2`,
          [account.id, owner.userId],
        )
      ).length;
    const before = await count();
    for (let i = 0; i < 3; i++)
      expect((await owner.get('/api/v1/accounts?q=Nantais')).body).toContain('Auditacct');
    expect(await count()).toBe(before + 1);
  });
});
