import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import { expectProblem, type TestClient } from '../client.js';

let t: TestApp;
let rep: TestClient;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: '65536' });
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

describe('text PostgreSQL cannot store is cleaned at the edge, for every route', () => {
  it('drops NUL bytes from bodies and queries instead of answering 500', async () => {
    const created = await rep.post('/api/v1/accounts', { name: 'Nul\u0000 SA' });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe('Nul SA');
    expect((await rep.get('/api/v1/accounts?q=Nul%00')).statusCode).toBe(200);
    expect((await rep.get('/api/v1/search?q=%00')).statusCode).toBeLessThan(500);
    expect((await rep.post('/api/v1/situations', { name: 'x\u0000y' })).statusCode).toBeLessThan(500);
  });

  it('replaces lone surrogates, in values and keys', async () => {
    const raw = '{"name":"Lone \\ud800 SA"}';
    const created = await rep.post('/api/v1/accounts', undefined, {
      rawBody: raw,
      contentType: 'application/json',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe('Lone \ufffd SA');
    expect((await rep.get('/api/v1/accounts?q=%ED%A0%80')).statusCode).toBe(200);
    const unknownKey = await rep.post('/api/v1/accounts', undefined, {
      rawBody: '{"name":"K","\\udc00":1}',
      contentType: 'application/json',
    });
    expectProblem(unknownKey, 400, 'validation_failed');
  });

  it('cleans what file decoders produce too: CSV bytes, vCard and NDJSON imports', async () => {
    const admin = await t.login('admin@relais.demo');
    const csv = Buffer.from('Prénom;Nom;E-mail\nA\u0000na;Nul\u0000;ana.nul@example.com\n', 'utf8');
    const imported = await admin.post('/api/v1/contacts/import', undefined, {
      rawBody: csv,
      contentType: 'text/csv',
    });
    expect(imported.statusCode, imported.body.slice(0, 200)).toBeLessThan(300);
    const found = (await admin.get('/api/v1/contacts?q=ana.nul')).json().items;
    expect(found[0]).toMatchObject({ firstName: 'Ana', lastName: 'Nul' });
    const vcard =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\u0000na V\r\nN:V\u0000;Ana;;;\r\nEMAIL:ana.v@example.com\r\nEND:VCARD\r\n';
    expect(
      (
        await admin.post('/api/v1/contacts/import.vcf', undefined, {
          rawBody: vcard,
          contentType: 'text/vcard',
        })
      ).statusCode,
    ).toBeLessThan(300);
    const ndjson =
      '{"type":"answer","title":"Nul \\u0000 titre","body":"x\\u0000"}\n{"type":"answer","title":"Seul \\ud800","body":"y"}\n';
    const items = await admin.post('/api/v1/knowledge/import', undefined, {
      rawBody: ndjson,
      contentType: 'application/x-ndjson',
    });
    expect(items.statusCode, items.body.slice(0, 200)).toBe(201);
  });

  it('refuses JSON nested deeper than any form with 400', async () => {
    const deep = '{"name":' + '['.repeat(500) + ']'.repeat(500) + '}';
    const problem = expectProblem(
      await rep.post('/api/v1/accounts', undefined, { rawBody: deep, contentType: 'application/json' }),
      400,
      'validation_failed',
    );
    expect(problem.errors[0]).toMatchObject({ field: 'body', code: 'too_deep' });
  });

  it('renders Markdown nested thousands deep (knowledge preview, broadcast-like text)', async () => {
    for (const body of ['>'.repeat(3000), '- '.repeat(5000), '1. '.repeat(3000)]) {
      const response = await rep.post('/api/v1/knowledge/preview', { body });
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    }
  });
});

describe('references to records that do not exist', () => {
  it('answer 400 naming the field, not 500 (foreign keys, for every route)', async () => {
    const problem = expectProblem(
      await rep.post('/api/v1/contacts', {
        firstName: 'Ana',
        teamId: '00000000-0000-4000-8000-000000000002',
      }),
      400,
      'validation_failed',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'teamId', code: 'unknown_reference' })]);
  });
});

describe('a change the row-level security refuses', () => {
  it('answers 403, not 500, when an admin would make a record invisible to themselves', async () => {
    const admin = await t.login('admin@relais.demo');
    const account = (await rep.post('/api/v1/accounts', { name: 'Visible SA', visibility: 'team' })).json();
    const problem = expectProblem(
      await admin.patch(`/api/v1/accounts/${account.id}`, { visibility: 'restricted' }),
      403,
      'forbidden',
    );
    expect(problem.detail).not.toMatch(/row-level|policy/);
    expect((await rep.get(`/api/v1/accounts/${account.id}`)).json().visibility).toBe('team');
  });
});

describe("Fastify's own errors are problems that echo nothing", () => {
  const echoes = (body: string, input: string) => body.includes(input);

  it('answers a malformed percent-encoding with 400 problem+json', async () => {
    const response = await rep.get('/api/v1/accounts/%ff');
    const problem = expectProblem(response, 400, 'bad_request');
    expect(echoes(response.body, '%ff')).toBe(false);
    expect(problem.detail).not.toContain('/api/v1/accounts');
  });

  it('answers a path parameter over the length limit with a 404 problem that does not echo it', async () => {
    const long = 'z'.repeat(150);
    const response = await rep.get(`/api/v1/accounts/${long}`);
    expectProblem(response, 404);
    expect(echoes(response.body, long)).toBe(false);
    const unknown = await rep.get(`/api/v1/nowhere-${long}`);
    expectProblem(unknown, 404, 'route_not_found');
    expect(echoes(unknown.body, long)).toBe(false);
  });

  it('answers bad JSON, a wrong content type and a body too large as problems without echoing input', async () => {
    const bad = await rep.post('/api/v1/accounts', undefined, {
      rawBody: '{"name": "SECRET-INPUT',
      contentType: 'application/json',
    });
    expectProblem(bad, 400, 'malformed_json');
    expect(echoes(bad.body, 'SECRET-INPUT')).toBe(false);
    const wrongType = await rep.post('/api/v1/accounts', undefined, {
      rawBody: 'name=x',
      contentType: 'application/x-secret-type',
    });
    expectProblem(wrongType, 415, 'unsupported_media_type');
    expect(echoes(wrongType.body, 'x-secret-type')).toBe(false);
    expectProblem(await rep.post('/api/v1/accounts', { name: 'x'.repeat(70_000) }), 413, 'payload_too_large');
    const charset = await rep.post('/api/v1/accounts', undefined, {
      rawBody: '{}',
      contentType: 'application/json; charset=SECRET',
    });
    expect(charset.statusCode).toBeLessThan(500);
    if (charset.statusCode >= 400)
      expect(String(charset.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(echoes(charset.body, 'SECRET')).toBe(false);
  });
});
