import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { assertVisibility, bodyProbe, getProbe, listProbe } from '../../../../../test/visibility.js';
import { anyProduct, secretAccount, teamAccountOf } from '../offers/test-fixtures.js';

let t: TestApp;
const who: Record<string, TestClient> = {};
let secretId: string;
let offerId: string;
let activityId: string;
let documentId: string;
let calendarUrls: Record<string, string> = {};

function multipart(fields: Record<string, string>, file: { name: string; type: string; content: Buffer }) {
  const boundary = '----relais' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { rawBody: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
const upload = (
  client: TestClient,
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
) => client.post('/api/v1/documents', undefined, multipart(fields, file));

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_LIMIT_BYTES: String(64 * 1024) });
  for (const email of ['rep', 'rep2', 'rep3', 'manager', 'admin'])
    who[email] = await t.login(`${email}@relais.demo`);
  secretId = await secretAccount(t);
  const product = await anyProduct(t);
  offerId = (
    await who.rep.post('/api/v1/offers', {
      title: 'Offre Oméga confidentielle',
      accountId: secretId,
      lines: [{ productId: product.id }],
    })
  ).json().id;
  activityId = (
    await who.rep.post('/api/v1/activities', {
      kind: 'visit',
      accountId: secretId,
      subject: 'Visite Oméga confidentielle',
      occurredAt: new Date().toISOString(),
    })
  ).json().id;
  const doc = await upload(
    who.rep,
    { parentType: 'offer', parentId: offerId },
    { name: 'devis-oméga.txt', type: 'text/plain', content: Buffer.from('Devis confidentiel Oméga') },
  );
  documentId = doc.json().id;
  for (const [name, client] of Object.entries(who))
    calendarUrls[name] = new URL((await client.post('/api/v1/calendar/token')).json().url).pathname;
});
afterAll(() => t.close());

const others = () => ({ rep2: who.rep2, rep3: who.rep3, manager: who.manager });

describe("visibility of a secret account's sales records (ID-3)", () => {
  it('is secret by default and every probe hides it from rep2, rep3 and manager', async () => {
    expect((await who.rep.get(`/api/v1/offers/${offerId}`)).json().visibility).toBe('secret');
    expect((await who.rep.get(`/api/v1/activities/${activityId}`)).json().visibility).toBe('secret');
    await assertVisibility({
      recordId: offerId,
      canSee: { rep: who.rep },
      cannotSee: others(),
      probes: [
        getProbe((id) => `/api/v1/offers/${id}`),
        listProbe('/api/v1/offers?limit=500'),
        listProbe(`/api/v1/offers?q=Oméga`, 'filtered list'),
        bodyProbe('search', '/api/v1/search?q=Oméga%20confidentielle', (body, id) => body.includes(id)),
        bodyProbe('board', '/api/v1/offers/board?perStage=200', (body, id) => body.includes(id)),
        bodyProbe('csv', '/api/v1/offers/export.csv', (body) => body.includes('Offre Oméga confidentielle')),
        bodyProbe('team dashboard', '/api/v1/dashboards/me', (body) => body.includes('Oméga')),
      ],
    });
    await assertVisibility({
      recordId: activityId,
      canSee: { rep: who.rep },
      cannotSee: others(),
      probes: [
        getProbe((id) => `/api/v1/activities/${id}`),
        listProbe('/api/v1/activities?limit=500&q=Oméga'),
        bodyProbe('csv', '/api/v1/activities/export.csv', (body) =>
          body.includes('Visite Oméga confidentielle'),
        ),
      ],
    });
    await assertVisibility({
      recordId: documentId,
      canSee: { rep: who.rep },
      cannotSee: others(),
      probes: [getProbe((id) => `/api/v1/documents/${id}/download`, 'download')],
    });
    await assertVisibility({
      recordId: secretId,
      canSee: { rep: who.rep },
      cannotSee: others(),
      probes: [
        getProbe((id) => `/api/v1/accounts/${id}/timeline`, 'timeline'),
        getProbe((id) => `/api/v1/accounts/${id}/brief`, 'brief'),
        getProbe((id) => `/api/v1/accounts/${id}/brief?format=text`, 'brief text'),
      ],
    });
    expectProblem(await who.rep2.get(`/api/v1/documents?parentType=offer&parentId=${offerId}`), 404);
    // Totals do not count it either.
    const total = async (client: TestClient) =>
      (await client.get(`/api/v1/offers?accountId=${secretId}`)).json().total;
    expect(await total(who.rep)).toBeGreaterThanOrEqual(1);
    expect(await total(who.rep2)).toBe(0);
    expect(await total(who.manager)).toBe(0);
    const team = (await who.manager.get('/api/v1/dashboards/team')).json();
    expect(JSON.stringify(team)).not.toContain('Oméga');
  });

  it("keeps it out of the others' calendar feeds", async () => {
    const parse = async (path: string) => {
      const response = await t.anonymous().get(path);
      expect(response.statusCode).toBe(200);
      return new ICAL.Component(ICAL.parse(response.body))
        .getAllSubcomponents('vevent')
        .map((event) => String(event.getFirstPropertyValue('summary')));
    };
    expect(await parse(calendarUrls.rep)).toContain('Visite Oméga confidentielle');
    for (const name of ['rep2', 'rep3', 'manager'])
      expect((await parse(calendarUrls[name])).join('|')).not.toContain('Oméga');
  });

  it('audits every single read of a secret record', async () => {
    const count = async () =>
      (
        await t.db.query<{ n: number }>(
          `select count(*)::int as n from audit_log where action = 'record.secret_read' and target_id in ($1, $2, $3)`,
          [offerId, activityId, secretId],
        )
      )[0].n;
    const before = await count();
    await who.rep.get(`/api/v1/offers/${offerId}`);
    await who.rep.get(`/api/v1/activities/${activityId}`);
    await who.rep.get(`/api/v1/accounts/${secretId}/brief`);
    await who.rep.get(`/api/v1/documents/${documentId}/download`);
    expect(await count()).toBe(before + 4);
  });

  it('opens to rep2 after a grant, and closes again after revoking it', async () => {
    const granted = await who.rep.post(`/api/v1/offers/${offerId}/grants`, { userId: who.rep2.userId });
    expect(granted.statusCode).toBe(201);
    // The offer stays gated by its account: a grant on the account too.
    const accountGrant = await t.db.query<{ id: string }>(
      `insert into record_grants (record_type, record_id, user_id, granted_by) values ('account', $1, $2, $3) returning id`,
      [secretId, who.rep2.userId, who.rep.userId],
    );
    expect((await who.rep2.get(`/api/v1/offers/${offerId}`)).statusCode).toBe(200);
    expect((await who.rep2.get(`/api/v1/documents/${documentId}/download`)).statusCode).toBe(200);
    expect((await who.rep3.get(`/api/v1/offers/${offerId}`)).statusCode).toBe(404);
    expect((await who.rep.delete(`/api/v1/offers/${offerId}/grants/${granted.json().id}`)).statusCode).toBe(
      204,
    );
    expect((await who.rep2.get(`/api/v1/offers/${offerId}`)).statusCode).toBe(404);
    await t.db.query(`delete from record_grants where id = $1`, [accountGrant[0].id]);
  });

  it('shows team records to the team and the managers above, not to another team', async () => {
    const accountId = await teamAccountOf(t, 'rep@relais.demo');
    const offer = (await who.rep.post('/api/v1/offers', { title: 'Offre équipe Paris', accountId })).json();
    await assertVisibility({
      recordId: offer.id,
      canSee: { rep: who.rep, manager: who.manager, admin: who.admin },
      cannotSee: { rep2: who.rep2, rep3: who.rep3 },
      probes: [
        getProbe((id) => `/api/v1/offers/${id}`),
        listProbe('/api/v1/offers?q=Offre%20%C3%A9quipe%20Paris'),
      ],
    });
  });
});

describe('documents', () => {
  it('uploads, sniffs the type, lists, downloads as an attachment and deletes', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const response = await upload(
      who.rep,
      { parentType: 'offer', parentId: offerId },
      { name: "Plan d'implantation.pdf", type: 'application/octet-stream', content: pdf },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      fileName: "Plan d'implantation.pdf",
    });
    const listed = (await who.rep.get(`/api/v1/documents?parentType=offer&parentId=${offerId}`)).json();
    expect(listed.items.map((d: any) => d.id)).toContain(response.json().id);
    const download = await who.rep.get(`/api/v1/documents/${response.json().id}/download`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const timeline = (await who.rep.get(`/api/v1/accounts/${secretId}/timeline?types=document`)).json();
    expect(timeline.items.every((e: any) => e.type === 'document')).toBe(true);
    expect(timeline.items.length).toBeGreaterThanOrEqual(2);
    expect((await who.rep.delete(`/api/v1/documents/${response.json().id}`)).statusCode).toBe(204);
  });

  it('refuses bad uploads: too large (413), wrong type (415), missing fields (400), invisible parent (404)', async () => {
    const before = (await t.db.query<{ n: number }>(`select count(*)::int as n from documents`))[0].n;
    expectProblem(
      await upload(
        who.rep,
        { parentType: 'offer', parentId: offerId },
        { name: 'big.txt', type: 'text/plain', content: Buffer.alloc(70 * 1024, 'a') },
      ),
      413,
      'file.too_large',
    );
    expectProblem(
      await upload(
        who.rep,
        { parentType: 'offer', parentId: offerId },
        {
          name: 'x.exe',
          type: 'application/octet-stream',
          content: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8]),
        },
      ),
      415,
    );
    expectProblem(
      await upload(
        who.rep,
        { parentType: 'invoice', parentId: offerId },
        { name: 'a.txt', type: 'text/plain', content: Buffer.from('a') },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await upload(
        who.rep,
        { parentType: 'offer', parentId: offerId },
        { name: 'a.txt', type: 'text/plain', content: Buffer.alloc(0) },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await upload(
        who.rep2,
        { parentType: 'offer', parentId: offerId },
        { name: 'a.txt', type: 'text/plain', content: Buffer.from('a') },
      ),
      404,
    );
    expectProblem(await who.rep.post('/api/v1/documents', { parentType: 'offer' }), 415);
    expectProblem(await who.rep.get('/api/v1/documents?parentType=offer'), 400, 'validation_failed');
    expect((await t.db.query<{ n: number }>(`select count(*)::int as n from documents`))[0].n).toBe(before);
  });
});
