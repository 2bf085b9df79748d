import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { parseVcf } from './vcard.js';

let t: TestApp;
let rep: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, admin] = await Promise.all([t.login('rep@relais.demo'), t.login('admin@relais.demo')]);
});
afterAll(() => t.close());

const pick = (contact: any) => ({
  firstName: contact.firstName,
  lastName: contact.lastName,
  title: contact.title,
  emails: contact.emails,
  phones: contact.phones,
  notes: contact.notes,
  emailConsent: contact.emailConsent,
  consentSource: contact.consentSource,
  accounts: contact.accounts.map((link: any) => ({ accountName: link.accountName, role: link.role })),
});

describe('vCard', () => {
  for (const version of ['3.0', '4.0'] as const) {
    it(`round-trips a contact through vCard ${version}: export → import → same fields`, async () => {
      const account = (await rep.post('/api/v1/accounts', { name: `Hôtel Le Phare ${version}` })).json();
      const original = (
        await rep.post('/api/v1/contacts', {
          firstName: 'Maëlle',
          lastName: `Le Goff-${version}`,
          title: 'Directrice, achats; travaux',
          emails: [
            { address: `maelle.${version}@lephare.fr`, label: 'work' },
            { address: `maelle.${version}@gmail.com`, label: 'home' },
          ],
          phones: [
            { number: '+33 6 98 76 54 32', label: 'mobile' },
            { number: '+33 2 98 00 11 22', label: 'work' },
          ],
          notes: 'Préfère être appelée le matin.\nPas le lundi.',
          emailConsent: true,
          consentSource: 'Salon EquipHotel',
          accounts: [{ accountId: account.id, role: 'Décideuse' }],
        })
      ).json();
      const exported = await rep.get(
        `/api/v1/contacts/export.vcf?version=${version}&accountId=${account.id}`,
      );
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toMatch(/^text\/vcard/);
      expect(exported.body).toContain(`VERSION:${version}\r\n`);
      expect(exported.body).toContain('TITLE:Directrice\\, achats');
      expect(exported.body.match(/BEGIN:VCARD/g)).toHaveLength(1);
      await rep.delete(`/api/v1/contacts/${original.id}`);
      const imported = await rep.request(
        'POST',
        '/api/v1/contacts/import.vcf?mode=all_or_nothing',
        undefined,
        { rawBody: exported.body, contentType: 'text/vcard' },
      );
      expect(imported.json()).toMatchObject({ created: 1, accountsCreated: 0 });
      const back = (await rep.get(`/api/v1/contacts?accountId=${account.id}`)).json().items[0];
      expect(pick(back)).toEqual(pick(original));
    });
  }

  it('reads several cards of both versions from other software', () => {
    const file = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Durand;Paul;;;',
      'FN:Paul Durand',
      'ORG:Brasserie Durand;Cuisine',
      'TEL;TYPE=CELL:06 01 02 03 04',
      'EMAIL;TYPE=INTERNET,WORK:paul@durand.fr',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Anne-Sophie Martin',
      'TEL;VALUE=uri;TYPE=work:tel:+33-1-45-67-89-00',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Old;Card',
      'END:VCARD',
    ].join('\r\n');
    const candidates = parseVcf(file);
    expect(candidates[0].value).toMatchObject({
      firstName: 'Paul',
      lastName: 'Durand',
      accountName: 'Brasserie Durand',
      phones: [{ number: '06 01 02 03 04', label: 'mobile' }],
      emails: [{ address: 'paul@durand.fr' }],
    });
    expect(candidates[1].value).toMatchObject({
      firstName: 'Anne-Sophie',
      lastName: 'Martin',
      phones: [{ number: '+33-1-45-67-89-00', label: 'work' }],
    });
    expect(candidates[2].errors[0]).toMatchObject({ row: 3, code: 'unsupported_version' });
  });

  it('answers problems for bad vCard input and writes nothing in all_or_nothing', async () => {
    const bad =
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bon Contact\r\nEMAIL:bon@contact.fr\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mauvais\r\nEMAIL:pas-un-email\r\nEND:VCARD\r\n';
    const problem = expectProblem(
      await rep.request('POST', '/api/v1/contacts/import.vcf', undefined, {
        rawBody: bad,
        contentType: 'text/vcard',
      }),
      422,
      'import.invalid_rows',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ row: 2, field: 'email' })]);
    expect((await rep.get('/api/v1/contacts?q=bon@contact.fr')).json().total).toBe(0);
    expectProblem(
      await rep.request('POST', '/api/v1/contacts/import.vcf', undefined, {
        rawBody: '',
        contentType: 'text/vcard',
      }),
      400,
    );
    expectProblem(await rep.request('POST', '/api/v1/contacts/import.vcf', { a: 1 }), 415);
    expectProblem(
      await rep.request('POST', '/api/v1/contacts/import.vcf', undefined, {
        rawBody: 'not a vcard',
        contentType: 'text/vcard',
      }),
      422,
    );
    expectProblem(await rep.get('/api/v1/contacts/export.vcf?version=2.1'), 400);
    void admin;
  });
});
