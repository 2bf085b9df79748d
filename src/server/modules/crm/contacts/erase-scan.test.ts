import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import type { TestClient } from '../../../../../test/client.js';

/**
 * Issue 9.A12 (ID-5): after an erasure, no table holds the contact's personal values — not
 * the sends log, the outbox, the events, the jobs nor the audit log. The scan reads every text,
 * JSON and array column of every table the database has, so a new table is covered too.
 */
let t: TestApp;
let rep: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

/** Every (table, column) of the public schema whose text could hold a personal value. */
async function textColumns() {
  return t.db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED') or c.data_type like '%char%')
      order by 1, 2`,
  );
}

async function scan(values: string[]) {
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of await textColumns()) {
    const rows = await t.db.query<{ hit: string }>(
      `select left(${JSON.stringify(column)}::text, 120) as hit from ${JSON.stringify(table)} where ${JSON.stringify(column)}::text ilike any ($1::text[]) limit 3`,
      [values.map((value) => `%${value}%`)],
    );
    for (const row of rows) found.push(`${table}.${column}: ${row.hit}`);
  }
  return found;
}

describe('erasure leaves nothing behind', () => {
  it('after POST /contacts/:id/erase, no column of any table holds the name, address or phone', async () => {
    const account = (
      await rep.post('/api/v1/accounts', { name: 'Fromagerie des Alpages', visibility: 'public' })
    ).json();
    const contact = (
      await rep.post('/api/v1/contacts', {
        firstName: 'Zéphyrine',
        lastName: 'Quillebeuf',
        title: 'Gérante',
        emails: [{ address: 'zephyrine.quillebeuf@alpages-fromages.fr' }],
        phones: [{ number: '+33 6 41 27 93 58' }],
        emailConsent: true,
        consentSource: 'Salon',
        accounts: [{ accountId: account.id }],
        visibility: 'public',
      })
    ).json();
    expect(contact.id).toBeTruthy();
    // Everything a rep does with a contact: a change, an activity naming it, a mail to it, an export.
    expect(
      (
        await rep.patch(`/api/v1/contacts/${contact.id}`, {
          title: 'Directrice',
          notes: 'Zéphyrine préfère le mardi.',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await rep.post('/api/v1/activities', {
          kind: 'call',
          accountId: account.id,
          contactIds: [contact.id],
          subject: 'Appel Zéphyrine Quillebeuf',
          bodyMd: 'Rappeler Quillebeuf.',
        })
      ).statusCode,
    ).toBe(201);
    const item = (
      await rep.post('/api/v1/knowledge', {
        type: 'product_sheet',
        title: 'Fiche cave à fromages',
        body: 'Cave à affinage.',
      })
    ).json();
    const sent = await rep.post(`/api/v1/knowledge/${item.id}/send`, {
      contactId: contact.id,
      subject: 'Pour Zéphyrine Quillebeuf',
      message: 'Bonjour Zéphyrine,\n\nVoici la fiche.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await rep.get(`/api/v1/contacts/${contact.id}/gdpr-export`)).statusCode).toBe(200);
    expect((await rep.get('/api/v1/contacts/export.vcf?q=Quillebeuf')).statusCode).toBe(200);

    const values = [
      'zephyrine.quillebeuf@alpages-fromages.fr',
      'Quillebeuf',
      'Zéphyrine',
      '41 27 93 58',
      '641279358',
      'préfère le mardi',
    ];
    expect((await scan(values)).length, 'the values are there before').toBeGreaterThan(3);

    const erased = await rep.post(`/api/v1/contacts/${contact.id}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    // Background work triggered by the erasure (events, jobs) runs too before the scan.
    await t.deps.events.dispatchSoon();
    await t.deps.jobs.drain();
    expect(await scan(values)).toEqual([]);
    // The sends log still answers, without the address.
    const sends = (await rep.get(`/api/v1/knowledge/sends?itemId=${item.id}`)).json().items;
    expect(sends).toHaveLength(1);
    expect(sends[0].to).not.toContain('alpages');
  });
});
