import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { isValidSiren, isValidSiret, withLuhnDigit } from './siren.js';

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

const create = async (client: TestClient, body: Record<string, unknown>) => {
  const response = await client.post('/api/v1/accounts', body);
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json();
};

describe('SIREN / SIRET checksum', () => {
  it('accepts real numbers and refuses a wrong digit', () => {
    expect(isValidSiren('552100554')).toBe(true); // a well-known SIREN
    expect(isValidSiren('552100555')).toBe(false);
    expect(isValidSiret('55210055400013')).toBe(true);
    expect(isValidSiret('55210055400014')).toBe(false);
    expect(isValidSiren(withLuhnDigit('12345678'))).toBe(true);
  });
});

describe('accounts CRUD', () => {
  it('creates with defaults: owner = me, team = my team, visibility team; normalises the SIREN', async () => {
    const account = await create(rep, {
      name: 'Boucherie Tessier',
      siren: '552 100 554',
      tags: ['bio', 'bio', 'froid'],
    });
    expect(account).toMatchObject({
      name: 'Boucherie Tessier',
      kind: 'prospect',
      siren: '552100554',
      visibility: 'team',
      ownerId: rep.userId,
      teamName: 'Équipe Paris Centre',
      tags: ['bio', 'froid'],
      country: 'FR',
    });
    const detail = (await rep.get(`/api/v1/accounts/${account.id}`)).json();
    expect(detail.contacts).toEqual([]);
  });

  it('refuses a bad SIREN or SIRET with a field error and writes nothing', async () => {
    const problem = expectProblem(
      await rep.post('/api/v1/accounts', { name: 'Mauvais Numéro', siren: '552100555', siret: '123' }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['siren', 'siret']);
    expect((await rep.get('/api/v1/accounts?q=Mauvais%20Numero')).json().total).toBe(0);
  });

  it('validates the body (400) and unknown fields', async () => {
    expectProblem(await rep.post('/api/v1/accounts', { kind: 'customer' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/accounts', { name: 'X', kind: 'friend' }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.post('/api/v1/accounts', { name: 'X', color: 'red' }), 400, 'validation_failed');
    expectProblem(
      await rep.post('/api/v1/accounts', { name: 'X', ownerId: '00000000-0000-4000-8000-000000000000' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.request('POST', '/api/v1/accounts', undefined, {
        rawBody: '{"name":',
        contentType: 'application/json',
      }),
      400,
      'malformed_json',
    );
    expectProblem(
      await rep.request('POST', '/api/v1/accounts', undefined, {
        rawBody: 'name=x',
        contentType: 'application/x-www-form-urlencoded',
      }),
      415,
    );
    expectProblem(await rep.get('/api/v1/accounts/not-a-uuid'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/accounts/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('updates with a change set, emits account.updated, and refuses a bad patch', async () => {
    const account = await create(rep, { name: 'Pizzeria Napoli', segment: 'TPE' });
    const updated = (
      await rep.patch(`/api/v1/accounts/${account.id}`, { segment: 'PME', city: 'Paris', kind: 'customer' })
    ).json();
    expect(updated).toMatchObject({ segment: 'PME', city: 'Paris', kind: 'customer' });
    const [event] = await t.db.query<any>(
      `select payload from outbox_events where type = 'account.updated' and payload ->> 'accountId' = $1`,
      [account.id],
    );
    expect(event.payload.changes.segment).toEqual({ from: 'TPE', to: 'PME' });
    expectProblem(
      await rep.patch(`/api/v1/accounts/${account.id}`, { siret: '55210055400014' }),
      400,
      'validation_failed',
    );
    expectProblem(await rep.patch(`/api/v1/accounts/${account.id}`, { name: '' }), 400, 'validation_failed');
    expectProblem(
      await rep.patch('/api/v1/accounts/00000000-0000-4000-8000-000000000000', { name: 'x' }),
      404,
    );
  });

  it('lets only the owner or an admin change visibility or delete', async () => {
    const account = await create(rep2, { name: 'Traiteur Benali', visibility: 'public' });
    expectProblem(
      await rep.patch(`/api/v1/accounts/${account.id}`, { visibility: 'secret' }),
      403,
      'account.owner_only',
    );
    expectProblem(await rep.delete(`/api/v1/accounts/${account.id}`), 403, 'account.owner_only');
    expect(
      (await rep.patch(`/api/v1/accounts/${account.id}`, { phone: '+33 3 20 00 00 00' })).statusCode,
    ).toBe(200);
    expect((await admin.delete(`/api/v1/accounts/${account.id}`)).statusCode).toBe(204);
    expectProblem(await rep2.get(`/api/v1/accounts/${account.id}`), 404);
    const audit = (await admin.get('/api/v1/audit?action=account.deleted')).json();
    expect(audit.items.some((entry: any) => entry.targetId === account.id)).toBe(true);
  });

  it('emits account.created and consults the action guard before saving', async () => {
    const seen: { action: string; fields: any }[] = [];
    t.deps.points.registerActionGuard(async (_ctx, action, fields) => {
      seen.push({ action, fields });
      if (fields.name === 'Interdit SA') {
        const { AppError } = await import('../../../platform/errors.js');
        throw new AppError(409, 'push.ack_required', 'Acknowledge first.', [], { alerts: [] });
      }
    });
    const account = await create(rep, { name: 'Garde Action', segment: 'ETI', tags: ['froid'] });
    expect(seen.find((entry) => entry.action === 'account.create')?.fields).toMatchObject({
      segment: 'ETI',
      tags: ['froid'],
    });
    await rep.patch(`/api/v1/accounts/${account.id}`, { segment: 'PME' });
    expect(seen.find((entry) => entry.action === 'account.update')?.fields).toMatchObject({
      accountId: account.id,
      segment: 'PME',
      changes: { segment: { from: 'ETI', to: 'PME' } },
    });
    expectProblem(await rep.post('/api/v1/accounts', { name: 'Interdit SA' }), 409, 'push.ack_required');
    expect((await rep.get('/api/v1/accounts?q=Interdit')).json().total).toBe(0);
    const events = await t.db.query(
      `select 1 from outbox_events where type = 'account.created' and payload ->> 'accountId' = $1`,
      [account.id],
    );
    expect(events).toHaveLength(1);
  });
});

describe('accounts list', () => {
  it('filters by kind, owner, segment, tag and text (accent-insensitive, typo-tolerant) with total and pages', async () => {
    await create(rep, {
      name: 'Pâtisserie Élégance',
      kind: 'partner',
      segment: 'Réseau',
      tags: ['gourmand'],
    });
    const byText = (await rep.get('/api/v1/accounts?q=patisserie%20elegance')).json();
    expect(byText.items.map((a: any) => a.name)).toContain('Pâtisserie Élégance');
    const typo = (await rep.get('/api/v1/accounts?q=Patiserie%20Elegence')).json();
    expect(typo.items.map((a: any) => a.name)).toContain('Pâtisserie Élégance');
    expect(
      (await rep.get('/api/v1/accounts?kind=partner&segment=r%C3%A9seau'))
        .json()
        .items.map((a: any) => a.name),
    ).toEqual(['Pâtisserie Élégance']);
    expect((await rep.get('/api/v1/accounts?tag=gourmand')).json().total).toBe(1);
    const mine = (await rep.get(`/api/v1/accounts?ownerId=${rep.userId}&limit=2&sort=-createdAt`)).json();
    expect(mine.items).toHaveLength(2);
    expect(mine.nextCursor).toBeTruthy();
    expect(mine.total).toBeGreaterThan(2);
    const next = (
      await rep.get(
        `/api/v1/accounts?ownerId=${rep.userId}&limit=2&sort=-createdAt&cursor=${mine.nextCursor}`,
      )
    ).json();
    expect(next.items[0].id).not.toBe(mine.items[0].id);
    expectProblem(await rep.get('/api/v1/accounts?sort=password'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/accounts?kind=friend'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/accounts?cursor=%%%'), 400, 'validation_failed');
    expectProblem(await rep.get('/api/v1/accounts?limit=100000'), 400, 'validation_failed');
  });

  it('exports the filtered list as CSV (BOM, header, formulas neutralised) and audits it', async () => {
    await create(rep, { name: '=HYPERLINK("x")', segment: 'Export-Test' });
    const response = await rep.get('/api/v1/accounts/export.csv?segment=Export-Test');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    expect(response.body.startsWith('\ufeffid;Nom;Type')).toBe(true); // French reader: ';' so Excel opens it in columns
    expect(response.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(response.body.trim().split('\r\n')).toHaveLength(2);
    expectProblem(await rep.get('/api/v1/accounts/export.csv?kind=nope'), 400);
    const [audit] = await t.db.query<any>(
      `select details from audit_log where action = 'account.exported' order by id desc limit 1`,
    );
    expect(audit.details.count).toBe(1);
  });
});

describe('grants', () => {
  it('lets the owner grant a secret account and revoke it', async () => {
    const account = await create(rep, { name: 'Projet Sirius', visibility: 'secret' });
    expectProblem(await rep2.get(`/api/v1/accounts/${account.id}`), 404);
    const grant = await rep.post(`/api/v1/accounts/${account.id}/grants`, { userId: rep2.userId });
    expect(grant.statusCode).toBe(201);
    expect((await rep2.get(`/api/v1/accounts/${account.id}`)).statusCode).toBe(200);
    expectProblem(
      await rep.post(`/api/v1/accounts/${account.id}/grants`, { userId: rep2.userId }),
      409,
      'grant.exists',
    );
    expectProblem(
      await rep2.post(`/api/v1/accounts/${account.id}/grants`, { userId: admin.userId }),
      403,
      'grant.owner_only',
    );
    expectProblem(await rep.post(`/api/v1/accounts/${account.id}/grants`, {}), 400);
    expect((await rep.delete(`/api/v1/accounts/${account.id}/grants/${grant.json().id}`)).statusCode).toBe(
      204,
    );
    expectProblem(await rep2.get(`/api/v1/accounts/${account.id}`), 404);
  });
});
