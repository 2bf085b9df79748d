import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';
import { parseCsv } from './csv.js';

/**
 * CRM-2 as people use it: files from French Excel (Windows-1252, `;`), and exports that open
 * in columns and come back in. The export of one rep is imported by a rep of another region,
 * who sees none of those contacts, so every row must be created exactly as it left.
 */
let t: TestApp;
let rep: TestClient;
let rep3: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep3] = await Promise.all([t.login('rep@relais.demo'), t.login('rep3@relais.demo')]);
});
afterAll(() => t.close());

const comparable = (contact: any) => ({
  firstName: contact.firstName,
  lastName: contact.lastName,
  title: contact.title,
  emails: contact.emails.map((e: any) => e.address),
  phones: contact.phones.map((p: any) => `${p.label === 'mobile' ? 'mobile' : 'work'} ${p.number}`).sort(),
  emailConsent: contact.emailConsent,
  consentSource: contact.consentSource,
  notes: contact.notes,
  account: (contact.accounts.find((a: any) => a.isPrimary) ?? contact.accounts[0])?.accountName ?? null,
});

async function allContacts(client: TestClient, query = '') {
  return (await client.get(`/api/v1/contacts?limit=500&sort=lastName${query}`)).json().items;
}

describe('Windows-1252 files from French Excel', () => {
  const file = iconv.encode(
    'Prénom;Nom;Société;Fonction;Tél. portable;Courriel\r\nHélène;Lefèvre;Bœuf & Cie;Gérante;+33 6 12 34 56 78;helene@boeuf.fr\r\nFrançois;Gaëtan-Noël;Crêperie L’Été;Chef;06 98 76 54 32;\r\n',
    'windows-1252',
  );

  it('previews with the encoding detected and every accent, œ and ’ intact', async () => {
    expect(file.includes(0x9c)).toBe(true); // œ: only in Windows-1252, not in Latin-1
    const response = await rep.request('POST', '/api/v1/contacts/import/preview', undefined, {
      rawBody: file,
      contentType: 'text/csv',
    });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.encoding).toBe('windows-1252');
    expect(preview.headers).toEqual(['Prénom', 'Nom', 'Société', 'Fonction', 'Tél. portable', 'Courriel']);
    expect(preview.sample[0]).toMatchObject({ Prénom: 'Hélène', Nom: 'Lefèvre', Société: 'Bœuf & Cie' });
    expect(preview.newAccounts).toEqual(['Bœuf & Cie', 'Crêperie L’Été']);
    expect(preview.errors).toEqual([]);
  });

  it('imports them as they read in Excel', async () => {
    const response = await rep.request('POST', '/api/v1/contacts/import?mode=all_or_nothing', undefined, {
      rawBody: file,
      contentType: 'text/csv',
    });
    expect(response.json()).toMatchObject({ status: 'done', created: 2, accountsCreated: 2 });
    const [helene] = (await rep.get('/api/v1/contacts?q=Lef%C3%A8vre')).json().items;
    expect(helene).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Lefèvre',
      title: 'Gérante',
      phones: [{ number: '+33 6 12 34 56 78', label: 'mobile' }],
    });
    expect(helene.accounts[0].accountName).toBe('Bœuf & Cie');
    expect((await rep.get('/api/v1/contacts?q=Ga%C3%ABtan')).json().items[0].accounts[0].accountName).toBe(
      'Crêperie L’Été',
    );
  });
});

describe('exports open in columns and re-import cleanly', () => {
  it('exports in French with ";" and a UTF-8 BOM, and the file comes back contact for contact', async () => {
    const response = await rep.get('/api/v1/contacts/export.csv?sort=lastName');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = response.body;
    expect(csv.split('\r\n')[0]).toContain('Prénom;Nom;Fonction;E-mail;E-mail 2;Téléphone;Mobile;Société');
    const exported = await allContacts(rep);
    expect(exported.length).toBeGreaterThan(3);
    expect(
      exported.some((contact: any) => contact.phones.some((phone: any) => phone.number.startsWith('+'))),
    ).toBe(true);
    expect(parseCsv(csv).rows).toHaveLength(exported.length);

    const before = new Set((await allContacts(rep3)).map((contact: any) => contact.id));
    const preview = (
      await rep3.request('POST', '/api/v1/contacts/import/preview', undefined, {
        rawBody: response.rawPayload,
        contentType: 'text/csv',
      })
    ).json();
    expect(preview).toMatchObject({
      encoding: 'UTF-8',
      delimiter: ';',
      errors: [],
      totalRows: exported.length,
      validRows: exported.length,
    });
    const imported = await rep3.request('POST', '/api/v1/contacts/import?mode=all_or_nothing', undefined, {
      rawBody: response.rawPayload,
      contentType: 'text/csv',
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'done', created: exported.length, errors: [] });

    const copies = (await allContacts(rep3)).filter((contact: any) => !before.has(contact.id));
    expect(copies.map(comparable)).toEqual(exported.map(comparable));
  });

  it('exports in English with "," and English headers, which also re-import', async () => {
    expect((await rep.patch('/api/v1/me', { locale: 'en' })).statusCode).toBe(200);
    const english = await t.login('rep@relais.demo');
    const response = await english.get('/api/v1/contacts/export.csv');
    expect(response.headers['content-disposition']).toContain('contacts.csv');
    const header = response.body.split('\r\n')[0];
    expect(header).toBe(
      '\ufeffid,First name,Last name,Job title,E-mail,E-mail 2,Phone,Mobile,Company,Role,E-mail consent,Consent date,Consent source,Notes,Owner,Confidentiality,Updated at',
    );
    const preview = (
      await rep3.request('POST', '/api/v1/contacts/import/preview', undefined, {
        rawBody: response.rawPayload,
        contentType: 'text/csv',
      })
    ).json();
    expect(preview.delimiter).toBe(',');
    expect(preview.suggestedMapping).toMatchObject({
      firstName: 'First name',
      lastName: 'Last name',
      phone: 'Phone',
      mobile: 'Mobile',
      account: 'Company',
      emailConsent: 'E-mail consent',
    });
    // rep3 already holds copies from the French round trip: only duplicates, never a bad cell.
    expect(preview.errors.every((error: any) => error.code === 'duplicate')).toBe(true);
  });

  it('exports offers, activities, products and accounts with ";" and decimal commas in French', async () => {
    const french = await t.login('rep2@relais.demo');
    const offers = (await french.get('/api/v1/offers/export.csv')).body;
    expect(offers.startsWith('\ufeffid;Titre;Compte;Contact;Étape;Probabilité (%);Montant')).toBe(true);
    expect(parseCsv(offers).rows.every((row) => /^-?\d+(,\d+)?$/.test(row.Montant))).toBe(true);
    for (const path of ['activities', 'products', 'accounts']) {
      const body = (await french.get(`/api/v1/${path}/export.csv`)).body;
      expect(body.charCodeAt(0)).toBe(0xfeff);
      expect(parseCsv(body).delimiter).toBe(';');
    }
  });
});
