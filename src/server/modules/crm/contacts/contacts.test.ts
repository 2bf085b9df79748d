import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2] = await Promise.all([t.login('rep@relais.demo'), t.login('rep2@relais.demo')]);
  accountId = (await rep.post('/api/v1/accounts', { name: 'Restaurant Le Sémaphore' })).json().id;
});
afterAll(() => t.close());

describe('contacts', () => {
  it('creates a contact linked to accounts with a role, e-mails, phones and consent; emits contact.created', async () => {
    const response = await rep.post('/api/v1/contacts', {
      firstName: 'Élise',
      lastName: 'Marchetti',
      title: 'Cheffe de cuisine',
      emails: [{ address: 'Elise.Marchetti@semaphore.fr' }],
      phones: [{ number: '+33 6 12 34 56 78', label: 'mobile' }],
      emailConsent: true,
      consentSource: 'Salon Sirha',
      accounts: [{ accountId, role: 'Décideur', isPrimary: true }],
    });
    expect(response.statusCode).toBe(201);
    const contact = response.json();
    expect(contact).toMatchObject({
      displayName: 'Élise Marchetti',
      emails: [{ address: 'elise.marchetti@semaphore.fr', label: 'work' }],
      emailConsent: true,
      consentSource: 'Salon Sirha',
      visibility: 'team',
    });
    expect(contact.consentAt).toBeTruthy();
    expect(contact.accounts).toEqual([
      { accountId, accountName: 'Restaurant Le Sémaphore', role: 'Décideur', isPrimary: true },
    ]);
    expect((await rep.get(`/api/v1/accounts/${accountId}`)).json().contacts[0]).toMatchObject({
      contactId: contact.id,
      role: 'Décideur',
      email: 'elise.marchetti@semaphore.fr',
    });
    const [event] = await t.db.query<any>(
      `select payload from outbox_events where type = 'contact.created' and payload ->> 'contactId' = $1`,
      [contact.id],
    );
    expect(event.payload.accountIds).toEqual([accountId]);
  });

  it('refuses bad input and links to invisible accounts, writing nothing', async () => {
    const secret = (
      await rep2.post('/api/v1/accounts', { name: 'Secret de Rachida', visibility: 'secret' })
    ).json();
    const problem = expectProblem(
      await rep.post('/api/v1/contacts', { lastName: 'Fantôme', accounts: [{ accountId: secret.id }] }),
      400,
      'validation_failed',
    );
    expect(problem.errors[0].field).toBe('accounts.0.accountId');
    expectProblem(await rep.post('/api/v1/contacts', { title: 'Sans nom' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/contacts', { lastName: 'X', emails: [{ address: 'pas-un-email' }] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/contacts', { lastName: 'X', phones: [{ number: 'abc' }] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post('/api/v1/contacts', {
        lastName: 'X',
        emails: [{ address: 'a@b.fr' }, { address: 'A@b.fr' }],
      }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.get('/api/v1/contacts/00000000-0000-4000-8000-000000000000'), 404);
    expect((await rep.get('/api/v1/contacts?q=Fant%C3%B4me')).json().total).toBe(0);
  });

  it('updates (an employer change is reported as changes.accountIds), filters and lists', async () => {
    const other = (await rep.post('/api/v1/accounts', { name: 'Hôtel des Dunes' })).json();
    const contact = (
      await rep.post('/api/v1/contacts', { firstName: 'Hugo', lastName: 'Quéré', accounts: [{ accountId }] })
    ).json();
    const updated = await rep.patch(`/api/v1/contacts/${contact.id}`, {
      title: 'Directeur',
      accounts: [{ accountId: other.id, role: 'Acheteur' }],
    });
    expect(updated.json()).toMatchObject({
      title: 'Directeur',
      accounts: [{ accountId: other.id, role: 'Acheteur' }],
    });
    const [event] = await t.db.query<any>(
      `select payload from outbox_events where type = 'contact.updated' and payload ->> 'contactId' = $1`,
      [contact.id],
    );
    expect(event.payload.changes.accountIds).toEqual({ from: [accountId], to: [other.id] });
    expect(
      (await rep.get(`/api/v1/contacts?accountId=${other.id}`)).json().items.map((c: any) => c.id),
    ).toEqual([contact.id]);
    expect((await rep.get('/api/v1/contacts?q=quere')).json().items.map((c: any) => c.id)).toContain(
      contact.id,
    );
    expect((await rep.get('/api/v1/contacts?consent=true&q=marchetti')).json().total).toBe(1);
    expectProblem(await rep.patch(`/api/v1/contacts/${contact.id}`, { firstName: '', lastName: '' }), 400);
    expectProblem(await rep.get('/api/v1/contacts?sort=email'), 400);
    expectProblem(await rep2.delete(`/api/v1/contacts/${contact.id}`), 404);
    expect((await rep.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
  });

  it('exports CSV with the same filters', async () => {
    const response = await rep.get('/api/v1/contacts/export.csv?q=marchetti');
    expect(response.statusCode).toBe(200);
    const lines = response.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('elise.marchetti@semaphore.fr');
    expect(lines[1]).toContain('Restaurant Le Sémaphore');
  });
});

describe('contacts list paging (keyset)', () => {
  it('follows the cursor through every contact once, in the order of each sort, ties broken by id', async () => {
    // Same last names on purpose: a page may end in the middle of a run of equal sort keys.
    for (const [firstName, lastName] of [
      ['Zoé', 'Keyset'],
      ['anne', 'Keyset'],
      ['Bruno', 'keyset'],
      ['Chloé', 'Paging'],
      ['Denis', 'paging'],
      ['Émile', 'Cursor'],
      ['Farid', 'Cursor'],
    ])
      expect((await rep.post('/api/v1/contacts', { firstName, lastName })).statusCode).toBe(201);
    type Item = { id: string; firstName: string; lastName: string; createdAt: string; updatedAt: string };
    const walk = async (sort: string) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const response = await rep.get(
          `/api/v1/contacts?limit=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(response.statusCode).toBe(200);
        const page = response.json() as { items: Item[]; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const everything = (await rep.get('/api/v1/contacts?limit=500')).json().items as Item[];
    expect(everything.length).toBeGreaterThanOrEqual(7);
    const compare = (key: (item: Item) => string, descending: boolean) => (a: Item, b: Item) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return descending ? -order : order;
    };
    const keys: Record<string, (item: Item) => string> = {
      lastName: (item) => item.lastName.toLowerCase(),
      firstName: (item) => item.firstName.toLowerCase(),
      createdAt: (item) => item.createdAt,
      updatedAt: (item) => item.updatedAt,
    };
    for (const [sort, key] of Object.entries(keys))
      for (const descending of [false, true]) {
        const walked = await walk(`${descending ? '-' : ''}${sort}`);
        expect(new Set(walked.map((item) => item.id)).size, sort).toBe(walked.length);
        expect(walked.length, sort).toBe(everything.length);
        // The database collates text; compare ids' order only where the keys are equal.
        const expected = [...walked].sort(compare(key, descending));
        if (sort === 'createdAt' || sort === 'updatedAt')
          expect(
            walked.map((item) => item.id),
            sort,
          ).toEqual(expected.map((item) => item.id));
        for (let index = 1; index < walked.length; index += 1) {
          const [before, after] = [walked[index - 1], walked[index]];
          if (key(before) === key(after))
            expect(descending ? before.id > after.id : before.id < after.id, `${sort} ties`).toBe(true);
        }
      }
    expectProblem(await rep.get('/api/v1/contacts?cursor=bm90LWEtY3Vyc29y'), 400, 'validation_failed');
  });
});
