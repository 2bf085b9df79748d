import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2] = await Promise.all([t.login('rep@relais.demo'), t.login('rep2@relais.demo')]);
});
afterAll(() => t.close());

async function setup() {
  const account = (
    await rep.post('/api/v1/accounts', { name: 'Crêperie Ty Breizh', visibility: 'public' })
  ).json();
  const contact = (
    await rep.post('/api/v1/contacts', {
      firstName: 'Gwenaëlle',
      lastName: 'Kerbrat',
      title: 'Gérante',
      emails: [{ address: 'gwen@tybreizh.fr' }],
      phones: [{ number: '02 98 00 00 00' }],
      emailConsent: true,
      consentSource: 'Carte de visite',
      accounts: [{ accountId: account.id, role: 'Décideuse' }],
      visibility: 'public',
    })
  ).json();
  const [activity] = await t.db.query<{ id: string }>(
    `insert into activities (kind, subject, body_md, account_id, owner_id, visibility) values ('visit', 'Visite chez Gwenaëlle Kerbrat', 'Kerbrat veut un four. Gwenaëlle rappelle lundi. Kerbratou reste.', $1, $2, 'secret') returning id`,
    [account.id, rep2.userId],
  );
  await t.db.query(`insert into activity_contacts (activity_id, contact_id) values ($1, $2)`, [
    activity.id,
    contact.id,
  ]);
  await t.db.query(
    `insert into mail_messages (to_address, subject, related_type, related_id, status) values ('gwen@tybreizh.fr', 'Fiche produit four mixte', 'contact', $1, 'stored')`,
    [contact.id],
  );
  return { account, contact, activityId: activity.id };
}

describe('GDPR', () => {
  it('exports everything held about a contact as JSON, and audits it', async () => {
    const { contact, account } = await setup();
    const response = await rep2.get(`/api/v1/contacts/${contact.id}/gdpr-export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.json();
    expect(data.contact).toMatchObject({
      firstName: 'Gwenaëlle',
      lastName: 'Kerbrat',
      emails: [{ address: 'gwen@tybreizh.fr', label: 'work' }],
    });
    expect(data.consent).toMatchObject({ emailConsent: true, consentSource: 'Carte de visite' });
    expect(data.accounts).toEqual([expect.objectContaining({ accountId: account.id, role: 'Décideuse' })]);
    expect(data.activities).toEqual([expect.objectContaining({ subject: 'Visite chez Gwenaëlle Kerbrat' })]); // rep2's own secret activity
    expect(data.emailsSent).toEqual([
      expect.objectContaining({ to: 'gwen@tybreizh.fr', subject: 'Fiche produit four mixte' }),
    ]);
    expect(
      await t.db.query(`select 1 from audit_log where action = 'contact.gdpr_exported' and target_id = $1`, [
        contact.id,
      ]),
    ).toHaveLength(1);
    expectProblem(await rep.get('/api/v1/contacts/00000000-0000-4000-8000-000000000000/gdpr-export'), 404);
  });

  it('erases: personal fields gone, activities anonymised and unlinked (even ones I cannot see), e-mails forgotten, audited', async () => {
    const { contact, activityId, account } = await setup();
    expectProblem(await rep2.post(`/api/v1/contacts/${contact.id}/erase`), 403, 'contact.owner_only');
    const response = await rep.post(`/api/v1/contacts/${contact.id}/erase`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      firstName: '',
      lastName: '',
      title: null,
      emails: [],
      phones: [],
      emailConsent: false,
      consentAt: null,
      notes: null,
    });
    expect(response.json().erasedAt).toBeTruthy();
    const [activity] = await t.db.query<any>(`select subject, body_md from activities where id = $1`, [
      activityId,
    ]);
    expect(activity.subject).toBe('Visite chez [contact effacé]');
    expect(activity.body_md).toBe(
      '[contact effacé] veut un four. [contact effacé] rappelle lundi. Kerbratou reste.',
    );
    expect(
      await t.db.query(`select 1 from activity_contacts where contact_id = $1`, [contact.id]),
    ).toHaveLength(0);
    expect(
      await t.db.query(`select 1 from mail_messages where to_address = 'gwen@tybreizh.fr'`),
    ).toHaveLength(0);
    const [audit] = await t.db.query<any>(
      `select actor_id, details from audit_log where action = 'contact.erased' and target_id = $1`,
      [contact.id],
    );
    expect(audit).toMatchObject({ actor_id: rep.userId, details: { activitiesAnonymised: 1 } });
    expect((await rep.get(`/api/v1/accounts/${account.id}`)).json().contacts[0]).toMatchObject({
      firstName: '',
      lastName: '',
      role: null,
    });
    expect(
      (await rep.get('/api/v1/search?q=Kerbrat&types=contact')).json().items.map((hit: any) => hit.id),
    ).not.toContain(contact.id);
    expectProblem(await rep.post(`/api/v1/contacts/${contact.id}/erase`), 409, 'contact.already_erased');
    expectProblem(
      await rep.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'Retour' }),
      403,
      'contact.erased',
    );
    expectProblem(await rep.post('/api/v1/contacts/00000000-0000-4000-8000-000000000000/erase'), 404);
  });
});
