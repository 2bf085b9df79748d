import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { seedAccountsDemo } from './demo.js';
import { isValidSiren, isValidSiret } from './siren.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo accounts and contacts', () => {
  it('small fixture: the named records tests rely on', async () => {
    const rows = await t.db.query<any>(
      `select a.name, a.visibility, u.email from accounts a join users u on u.id = a.owner_id order by a.name`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'Compte confidentiel Oméga', visibility: 'secret', email: 'rep@relais.demo' },
        expect.objectContaining({ visibility: 'team', email: 'rep2@relais.demo' }),
        expect.objectContaining({ visibility: 'team', email: 'rep3@relais.demo' }),
      ]),
    );
    const [{ count }] = await t.db.query<any>(`select count(*)::int as count from contacts`);
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it('full demo: ~300 believable accounts and ~800 contacts, valid SIRENs, a few secret ones', async () => {
    await t.db.query(`delete from accounts`);
    await t.db.query(`delete from contacts`);
    // How long the seed takes is measured by `npm run bench`, not asserted here.
    await seedAccountsDemo(t.db, 'full');
    const accounts = await t.db.query<any>(
      `select a.*, u.email from accounts a join users u on u.id = a.owner_id`,
    );
    expect(accounts.length).toBeGreaterThanOrEqual(290);
    expect(
      accounts.every(
        (a) => (a.siren === null || isValidSiren(a.siren)) && (a.siret === null || isValidSiret(a.siret)),
      ),
    ).toBe(true);
    expect(accounts.filter((a) => a.visibility === 'secret').length).toBeGreaterThanOrEqual(3);
    expect(accounts.some((a) => a.visibility === 'secret' && a.email === 'rep@relais.demo')).toBe(true);
    expect(accounts.filter((a) => a.visibility === 'restricted').length).toBeGreaterThanOrEqual(2);
    expect(new Set(accounts.map((a) => a.segment))).toEqual(
      new Set(['TPE', 'PME', 'ETI', 'Grands comptes', 'Collectivités']),
    );
    const [{ contacts, consent }] = await t.db.query<any>(
      `select count(*)::int as contacts, count(*) filter (where email_consent)::int as consent from contacts`,
    );
    expect(contacts).toBeGreaterThanOrEqual(700);
    expect(consent / contacts).toBeGreaterThan(0.6);
    // Contacts of secret accounts are never less confidential than their account.
    const [{ leaks }] = await t.db.query<any>(
      `select count(*)::int as leaks from contacts c join account_contacts ac on ac.contact_id = c.id join accounts a on a.id = ac.account_id
        where a.visibility in ('secret', 'restricted') and c.visibility in ('team', 'public')`,
    );
    expect(leaks).toBe(0);
  });
});
