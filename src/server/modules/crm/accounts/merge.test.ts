import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, admin] = await Promise.all([
    t.login('rep@relais.demo'),
    t.login('rep2@relais.demo'),
    t.login('admin@relais.demo'),
  ]);
});
afterAll(() => t.close());

const create = async (client: TestClient, body: Record<string, unknown>) =>
  (await client.post('/api/v1/accounts', body)).json();

describe('merge duplicates', () => {
  it('moves contacts, offers, activities, documents and grants (even ones I cannot see), fills blanks, deletes the duplicate, audits', async () => {
    const keep = await create(rep, { name: 'Hôtel Mercure Lille', tags: ['froid'] });
    const other = await create(rep, {
      name: 'Hotel Mercure Lille (doublon)',
      city: 'Lille',
      siren: '552100554',
      tags: ['cuisson'],
      visibility: 'team',
    });
    const contact = (
      await rep.post('/api/v1/contacts', {
        firstName: 'Jeanne',
        lastName: 'Doublon',
        accounts: [{ accountId: other.id, role: 'Acheteuse' }],
      })
    ).json();
    const both = (
      await rep.post('/api/v1/contacts', {
        firstName: 'Paul',
        lastName: 'Deux',
        accounts: [{ accountId: other.id }, { accountId: keep.id }],
      })
    ).json();
    // Rows written directly: an offer, a secret activity of someone else, a document, a grant.
    const [stage] = await t.db.query<{ id: string }>(`select id from offer_stages where key = 'proposal'`);
    const [offer] = await t.db.query<{ id: string }>(
      `insert into offers (title, account_id, stage_id, owner_id, team_id) values ('Four mixte', $1, $2, $3, (select team_id from users where id = $3)) returning id`,
      [other.id, stage.id, rep.userId],
    );
    const [activity] = await t.db.query<{ id: string }>(
      `insert into activities (kind, subject, account_id, owner_id, visibility) values ('visit', 'Visite secrète', $1, $2, 'secret') returning id`,
      [other.id, rep2.userId],
    );
    await t.db.query(
      `insert into documents (parent_type, parent_id, file_name, content_type, size_bytes, sha256) values ('account', $1, 'plan.pdf', 'application/pdf', 10, 'abc')`,
      [other.id],
    );
    await rep.post(`/api/v1/accounts/${other.id}/grants`, { userId: admin.userId });

    const response = await rep.post(`/api/v1/accounts/${keep.id}/merge`, { otherId: other.id });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: keep.id,
      city: 'Lille',
      siren: '552100554',
      tags: ['froid', 'cuisson'],
    });
    expectProblem(await rep.get(`/api/v1/accounts/${other.id}`), 404);
    const [counts] = await t.db.query<any>(
      `select (select count(*)::int from account_contacts where account_id = $1) as links,
              (select account_id from offers where id = $2) as offer_account,
              (select account_id from activities where id = $3) as activity_account,
              (select count(*)::int from documents where parent_id = $1) as documents,
              (select count(*)::int from record_grants where record_id = $1) as grants,
              (select count(*)::int from record_grants where record_id = $4) as old_grants`,
      [keep.id, offer.id, activity.id, other.id],
    );
    expect(counts).toEqual({
      links: 2,
      offer_account: keep.id,
      activity_account: keep.id,
      documents: 1,
      grants: 1,
      old_grants: 0,
    });
    const detail = (await rep.get(`/api/v1/accounts/${keep.id}`)).json();
    expect(detail.contacts.map((c: any) => c.contactId).sort()).toEqual([contact.id, both.id].sort());
    const [audit] = await t.db.query<any>(
      `select details from audit_log where action = 'account.merged' and target_id = $1`,
      [keep.id],
    );
    expect(audit.details).toMatchObject({ mergedId: other.id });
    expect(
      await t.db.query(
        `select 1 from outbox_events where type = 'account.deleted' and payload ->> 'accountId' = $1`,
        [other.id],
      ),
    ).toHaveLength(1);
  });

  it('refuses self-merge, invisible or unknown accounts, and a duplicate I do not own', async () => {
    const mine = await create(rep, { name: 'Fusion A' });
    const secretOfOther = await create(rep2, { name: 'Fusion secrète', visibility: 'secret' });
    const publicOfOther = await create(rep2, { name: 'Fusion publique', visibility: 'public' });
    expectProblem(
      await rep.post(`/api/v1/accounts/${mine.id}/merge`, { otherId: mine.id }),
      400,
      'account.merge_self',
    );
    expectProblem(await rep.post(`/api/v1/accounts/${mine.id}/merge`, { otherId: secretOfOther.id }), 404);
    expectProblem(await rep.post(`/api/v1/accounts/${secretOfOther.id}/merge`, { otherId: mine.id }), 404);
    expectProblem(
      await rep.post(`/api/v1/accounts/${mine.id}/merge`, { otherId: publicOfOther.id }),
      403,
      'account.owner_only',
    );
    expectProblem(
      await rep.post(`/api/v1/accounts/${mine.id}/merge`, { otherId: 'x' }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.post(`/api/v1/accounts/${mine.id}/merge`, {}), 400, 'validation_failed');
    expect((await rep2.get(`/api/v1/accounts/${publicOfOther.id}`)).statusCode).toBe(200);
  });
});
