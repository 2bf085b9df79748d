import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import {
  assertVisibility,
  bodyProbe,
  getProbe,
  listProbe,
  type VisibilityProbe,
} from '../../../../../test/visibility.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let rep3: TestClient;
let manager: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, rep3, manager, admin] = await Promise.all(
    ['rep', 'rep2', 'rep3', 'manager', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
});
afterAll(() => t.close());

const idOf = async (table: string, where: string, params: unknown[]) =>
  (await t.db.query<{ id: string }>(`select id from ${table} where ${where}`, params))[0].id;

/** Every way an account could leak; filters unique to "Oméga" make counts meaningful. */
const accountProbes = (name: string, segment: string): VisibilityProbe[] => [
  getProbe((id) => `/api/v1/accounts/${id}`),
  listProbe('/api/v1/accounts?limit=200', 'list'),
  listProbe(`/api/v1/accounts?q=${encodeURIComponent(name)}`, 'list filtered by text'),
  bodyProbe(
    'count with a filter unique to it',
    `/api/v1/accounts?segment=${encodeURIComponent(segment)}&tag=strat%C3%A9gique&limit=1`,
    (body) => JSON.parse(body).total > 0,
  ),
  bodyProbe('global search', `/api/v1/search?q=${encodeURIComponent(name)}&types=account`, (body, id) =>
    body.includes(id),
  ),
  bodyProbe('search by another spelling', `/api/v1/search?q=omega`, (body, id) => body.includes(id)),
  bodyProbe('CSV export', `/api/v1/accounts/export.csv?tag=strat%C3%A9gique`, (body, id) =>
    body.includes(id),
  ),
  bodyProbe(
    'contacts list of the account',
    '/api/v1/contacts?q=Om%C3%A9galion',
    (body) => JSON.parse(body).total > 0,
  ),
];

describe('visibility of accounts and contacts (ID-3)', () => {
  it('a secret account of rep@ is invisible to rep2@, rep3@ and manager@ everywhere, until a grant (grantee only)', async () => {
    const accountId = await idOf('accounts', `name = 'Compte confidentiel Oméga'`, []);
    const probes = accountProbes('Compte confidentiel Oméga', 'Grands comptes');
    await assertVisibility({
      recordId: accountId,
      probes,
      canSee: { rep },
      cannotSee: { rep2, rep3, manager, admin },
    });
    const grant = (await rep.post(`/api/v1/accounts/${accountId}/grants`, { userId: rep3.userId })).json();
    await assertVisibility({
      recordId: accountId,
      probes: probes.slice(0, 7),
      canSee: { rep, rep3 },
      cannotSee: { rep2, manager },
    });
    await rep.delete(`/api/v1/accounts/${accountId}/grants/${grant.id}`);
    await assertVisibility({
      recordId: accountId,
      probes: probes.slice(0, 2),
      canSee: { rep },
      cannotSee: { rep3 },
    });
  });

  it('a secret contact is invisible (get, list, search, CSV and vCard exports) until a grant', async () => {
    const contactId = await idOf('contacts', `last_name = 'Omégalion'`, []);
    const probes: VisibilityProbe[] = [
      getProbe((id) => `/api/v1/contacts/${id}`),
      getProbe((id) => `/api/v1/contacts/${id}/export.vcf`, 'single vCard'),
      getProbe((id) => `/api/v1/contacts/${id}/gdpr-export`, 'GDPR export'),
      listProbe('/api/v1/contacts?limit=200'),
      bodyProbe('search', '/api/v1/search?q=Omegalion&types=contact', (body, id) => body.includes(id)),
      bodyProbe('CSV export', '/api/v1/contacts/export.csv', (body, id) => body.includes(id)),
      bodyProbe('vCard 4.0 export', '/api/v1/contacts/export.vcf', (body) => body.includes('Omégalion')),
      bodyProbe('vCard 3.0 export', '/api/v1/contacts/export.vcf?version=3.0', (body) =>
        body.includes('Omégalion'),
      ),
    ];
    await assertVisibility({
      recordId: contactId,
      probes,
      canSee: { rep },
      cannotSee: { rep2, rep3, manager },
    });
    await rep.post(`/api/v1/contacts/${contactId}/grants`, { userId: manager.userId });
    await assertVisibility({
      recordId: contactId,
      probes,
      canSee: { rep, manager },
      cannotSee: { rep2, rep3 },
    });
  });

  it('team accounts: visible to the team and the managers above, not to other regions', async () => {
    const ofRep = await idOf('accounts', `name = 'Boulangerie Lemoine & Fils'`, []);
    const ofRep2 = await idOf('accounts', `name = 'Brasserie du Beffroi'`, []);
    const ofRep3 = await idOf('accounts', `name = 'Hôtel Atlantique Nantes'`, []);
    const probes = [getProbe((id) => `/api/v1/accounts/${id}`), listProbe('/api/v1/accounts?limit=200')];
    await assertVisibility({
      recordId: ofRep,
      probes,
      canSee: { rep, manager, admin },
      cannotSee: { rep2, rep3 },
    });
    await assertVisibility({
      recordId: ofRep2,
      probes,
      canSee: { rep2, manager, admin },
      cannotSee: { rep, rep3 },
    });
    await assertVisibility({
      recordId: ofRep3,
      probes,
      canSee: { rep3, admin },
      cannotSee: { rep, rep2, manager },
    });
  });

  it('restricted accounts: owner and grantees only', async () => {
    const id = await idOf('accounts', `name = 'Clinique des Lilas'`, []);
    await assertVisibility({
      recordId: id,
      probes: [getProbe((x) => `/api/v1/accounts/${x}`), listProbe('/api/v1/accounts?limit=200')],
      canSee: { rep2, rep },
      cannotSee: { rep3, manager },
    });
  });

  it('every get of a secret record writes a record.secret_read audit entry', async () => {
    const accountId = await idOf('accounts', `name = 'Compte confidentiel Oméga'`, []);
    const contactId = await idOf('contacts', `last_name = 'Omégalion'`, []);
    const count = async (type: string, id: string) =>
      (
        await t.db.query(
          `select 1 from audit_log where action = 'record.secret_read' and target_type = $1 and target_id = $2 and actor_id = $3`,
          [type, id, rep.userId],
        )
      ).length;
    const [beforeAccount, beforeContact] = [
      await count('account', accountId),
      await count('contact', contactId),
    ];
    await rep.get(`/api/v1/accounts/${accountId}`);
    await rep.get(`/api/v1/accounts/${accountId}`);
    await rep.get(`/api/v1/contacts/${contactId}`);
    expect(await count('account', accountId)).toBe(beforeAccount + 2);
    expect(await count('contact', contactId)).toBe(beforeContact + 1);
    // Non-secret reads are not audited as secret.
    const teamId = await idOf('accounts', `name = 'Boulangerie Lemoine & Fils'`, []);
    await rep.get(`/api/v1/accounts/${teamId}`);
    expect(await count('account', teamId)).toBe(0);
  });
});
