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

const CSV = [
  'Prénom;Nom;Courriel;Portable;Société;Fonction;Opt-in',
  'Aline;Ferrand;aline.ferrand@maree.fr;06 11 22 33 44;Poissonnerie La Marée;Gérante;oui',
  'Bruno;Caradec;bruno.caradec@armor.fr;06 55 44 33 22;Boulangerie Lemoine & Fils;Acheteur;non',
  'Chloé;Vidal;pas-un-email;;Poissonnerie La Marée;;oui',
].join('\r\n');

const countByLastName = async (lastName: string) =>
  (await rep.get(`/api/v1/contacts?q=${encodeURIComponent(lastName)}`)).json().total;

describe('CSV import', () => {
  it('previews without writing: headers, suggested mapping, sample rows, per-row errors, new accounts', async () => {
    const response = await rep.post('/api/v1/contacts/import/preview', { csv: CSV });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.headers).toEqual([
      'Prénom',
      'Nom',
      'Courriel',
      'Portable',
      'Société',
      'Fonction',
      'Opt-in',
    ]);
    expect(preview.delimiter).toBe(';');
    expect(preview.suggestedMapping).toMatchObject({
      firstName: 'Prénom',
      lastName: 'Nom',
      email: 'Courriel',
      mobile: 'Portable',
      account: 'Société',
    });
    expect(preview.totalRows).toBe(3);
    expect(preview.validRows).toBe(2);
    expect(preview.errors).toEqual([
      { row: 4, field: 'email', message: '"pas-un-email" is not an e-mail address.', code: 'invalid_email' },
    ]);
    expect(preview.newAccounts).toEqual(['Poissonnerie La Marée']);
    expect(await countByLastName('Ferrand')).toBe(0);
  });

  it('all_or_nothing with one bad row answers 422 with the errors and creates nothing (not even accounts)', async () => {
    const problem = expectProblem(
      await rep.post('/api/v1/contacts/import', { csv: CSV, mode: 'all_or_nothing' }),
      422,
      'import.invalid_rows',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ row: 4, field: 'email' })]);
    expect(problem.created).toBe(0);
    expect(await countByLastName('Ferrand')).toBe(0);
    expect((await rep.get('/api/v1/accounts?q=Poissonnerie')).json().total).toBe(0);
    const progress = (await rep.get(`/api/v1/contacts/import/${problem.id}`)).json();
    expect(progress).toMatchObject({ status: 'failed', created: 0 });
  });

  it('skip_invalid imports the good rows, links or creates accounts, reports exactly the skipped rows', async () => {
    const response = await rep.post('/api/v1/contacts/import', { csv: CSV, mode: 'skip_invalid' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'done',
      created: 2,
      skipped: 1,
      accountsCreated: 1,
      errors: [{ row: 4, field: 'email', code: 'invalid_email' }],
    });
    const aline = (await rep.get('/api/v1/contacts?q=Ferrand')).json().items[0];
    expect(aline).toMatchObject({
      title: 'Gérante',
      emailConsent: true,
      consentSource: 'import',
      phones: [{ number: '06 11 22 33 44', label: 'mobile' }],
      accounts: [{ accountName: 'Poissonnerie La Marée' }],
    });
    const bruno = (await rep.get('/api/v1/contacts?q=Caradec')).json().items[0];
    expect(bruno.accounts[0].accountName).toBe('Boulangerie Lemoine & Fils');
    expect(bruno.emailConsent).toBe(false);
    // Importing again: the e-mails are now duplicates.
    const again = (await rep.post('/api/v1/contacts/import', { csv: CSV, mode: 'skip_invalid' })).json();
    expect(again).toMatchObject({ created: 0, skipped: 3 });
    expect(again.errors.filter((e: any) => e.code === 'duplicate')).toHaveLength(2);
  });

  it('accepts a text/csv body with the mapping as a query parameter', async () => {
    const csv = 'Contact,Email,Company\nJosé Álvarez,jose@alvarez.es,Tapas Bar\n';
    const mapping = encodeURIComponent(
      JSON.stringify({ fullName: 'Contact', email: 'Email', account: 'Company' }),
    );
    const response = await rep.request(
      'POST',
      `/api/v1/contacts/import?mode=all_or_nothing&mapping=${mapping}`,
      undefined,
      { rawBody: csv, contentType: 'text/csv' },
    );
    expect(response.statusCode).toBe(200);
    expect((await rep.get('/api/v1/contacts?q=alvarez')).json().items[0]).toMatchObject({
      firstName: 'José',
      lastName: 'Álvarez',
    });
  });

  it('runs large imports in the background with progress (async) — 5,000 rows', async () => {
    const lines = ['first name,last name,email,company'];
    for (let index = 0; index < 5000; index += 1)
      lines.push(`Prénom${index},Nom${index},p${index}@bulk.fr,Client en masse ${index % 20}`);
    const started = await rep.post('/api/v1/contacts/import?async=true', {
      csv: lines.join('\n'),
      mode: 'all_or_nothing',
    });
    expect(started.statusCode).toBe(202);
    const { id } = started.json();
    let progress: any;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      progress = (await rep.get(`/api/v1/contacts/import/${id}`)).json();
      if (progress.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(progress).toMatchObject({
      status: 'done',
      total: 5000,
      processed: 5000,
      created: 5000,
      skipped: 0,
      errors: [],
    });
    // The list counts up to 1,000 ("more than 1,000"); the table holds every row.
    expect((await rep.get('/api/v1/contacts?q=bulk.fr&limit=1')).json()).toMatchObject({
      total: 1000,
      totalAtLeast: true,
    });
    const [{ count }] = await t.db.query<{ count: number }>(
      `select count(*)::int as count from contacts where relais_contact_addresses(emails) like '%@bulk.fr%'`,
    );
    expect(count).toBe(5000);
    expectProblem(await rep2.get(`/api/v1/contacts/import/${id}`), 404);
  });

  it('answers problems for bad requests', async () => {
    expectProblem(await rep.post('/api/v1/contacts/import', { csv: '' }), 400, 'import.empty');
    expectProblem(await rep.post('/api/v1/contacts/import', { csv: 'Nom,Email\n' }), 400, 'import.empty');
    expectProblem(await rep.post('/api/v1/contacts/import', { csv: 'a,b\n1,2' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/contacts/import', { csv: 'Nom\nX', mapping: { lastName: 'Missing' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/contacts/import', { csv: 'Nom\nX', mapping: { shoeSize: 'Nom' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/contacts/import', { csv: 'Nom\nX', mode: 'maybe' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.request('POST', '/api/v1/contacts/import?mapping=%7Bbad', undefined, {
        rawBody: 'Nom\nX',
        contentType: 'text/csv',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.request('POST', '/api/v1/contacts/import', undefined, {
        rawBody: 'Nom\nX',
        contentType: 'application/pdf',
      }),
      415,
    );
    expectProblem(
      await rep.request('POST', '/api/v1/contacts/import', undefined, {
        rawBody: 'Nom\n' + 'x'.repeat(9 * 1024 * 1024),
        contentType: 'text/csv',
      }),
      413,
    );
    expectProblem(await rep.get('/api/v1/contacts/import/00000000-0000-4000-8000-000000000000'), 404);
  });
});
