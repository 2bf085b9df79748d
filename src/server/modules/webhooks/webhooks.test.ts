import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../test/client.js';

/**
 * Outgoing webhooks (API-2) against a real HTTP receiver that checks the Standard Webhooks
 * signature with the kept `standardwebhooks` package, as an integrator's server would.
 */
let t: TestApp;
let admin: TestClient;
let rep: TestClient;
let receiver: Server;
let receiverUrl: string;
let answer = 200;
let received: { headers: IncomingHttpHeaders; body: string }[] = [];

/** Moves the outbox to its subscribers, then runs every job due (retries planned at 0 s included). */
const deliver = async () => {
  await t.deps.events.dispatchSoon();
  await t.deps.jobs.drain();
};
const headersOf = (headers: IncomingHttpHeaders) => ({
  'webhook-id': String(headers['webhook-id']),
  'webhook-timestamp': String(headers['webhook-timestamp']),
  'webhook-signature': String(headers['webhook-signature']),
});

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  // The local receiver is trusted by the setting; retries come at once and two final failures disable.
  t = await createTestApp({
    OUTBOUND_TRUSTED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SECONDS: '0,0',
    WEBHOOK_DISABLE_AFTER: '2',
  });
  admin = await t.login('admin@relais.demo');
  rep = await t.login('rep@relais.demo');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  answer = 200;
  received = [];
});

async function register(eventTypes: string[]) {
  const response = await admin.post('/api/v1/webhooks', {
    url: receiverUrl,
    description: 'ERP du siège',
    eventTypes,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; secret: string };
}

describe('webhooks', () => {
  it('delivers a created account to the receiver, signed so that it verifies, and logs it', async () => {
    const endpoint = await register(['account.created']);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const listed = (await admin.get('/api/v1/webhooks')).json().items;
    expect(listed.find((item: { id: string }) => item.id === endpoint.id)).not.toHaveProperty('secret');

    const account = (
      await rep.post('/api/v1/accounts', { name: 'Brasserie du Port', visibility: 'public' })
    ).json();
    await deliver();

    const mine = received.filter((request) => request.body.includes(account.id));
    expect(mine).toHaveLength(1);
    const verified = new Webhook(endpoint.secret).verify(mine[0].body, headersOf(mine[0].headers)) as {
      type: string;
      data: { object: string; id: string; name: string };
    };
    expect(verified).toMatchObject({
      type: 'account.created',
      data: { object: 'account', id: account.id, name: 'Brasserie du Port' },
    });
    // A body changed on the way, or another secret, does not verify.
    expect(() =>
      new Webhook(endpoint.secret).verify(mine[0].body.replace('Port', 'Pont'), headersOf(mine[0].headers)),
    ).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`).verify(
        mine[0].body,
        headersOf(mine[0].headers),
      ),
    ).toThrow();

    const log = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({
      eventType: 'account.created',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      messageId: mine[0].headers['webhook-id'],
    });
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it("holds only what the endpoint's owner may see: a rep's secret account never leaves", async () => {
    const endpoint = await register(['account.created', 'offer.won']);
    const secret = (await rep.post('/api/v1/accounts', { name: 'Projet Véga', visibility: 'secret' })).json();
    expectProblem(await admin.get(`/api/v1/accounts/${secret.id}`), 404); // the owner (an admin) may not see it
    const visible = (await rep.post('/api/v1/accounts', { name: 'Auberge Véga', visibility: 'team' })).json();
    await deliver();
    const bodies = received.map((request) => request.body);
    expect(bodies.some((body) => body.includes(visible.id))).toBe(true);
    expect(bodies.some((body) => body.includes(secret.id) || body.includes('Projet Véga'))).toBe(false);
    const log = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json();
    expect(JSON.stringify(log)).not.toContain(secret.id);
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('retries a failing receiver, then fails for good; repeated failures disable; redeliver after enabling again', async () => {
    const endpoint = await register(['account.updated']);
    const account = (
      await rep.post('/api/v1/accounts', { name: 'Hôtel des Dunes', visibility: 'public' })
    ).json();
    answer = 503;
    await rep.patch(`/api/v1/accounts/${account.id}`, { name: 'Hôtel des Dunes et des Pins' });
    await deliver();
    // One attempt and two retries, all with the same webhook-id so the receiver can deduplicate.
    expect(received).toHaveLength(3);
    expect(new Set(received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    let log = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ status: 'failed', attempts: 3, responseStatus: 503 });
    expect(log.items[0].responseExcerpt).toBe('receiver down');
    let state = (await admin.get(`/api/v1/webhooks/${endpoint.id}`)).json();
    expect(state).toMatchObject({ enabled: true, consecutiveFailures: 1 });

    await rep.patch(`/api/v1/accounts/${account.id}`, { name: 'Hôtel des Pins' });
    await deliver();
    state = (await admin.get(`/api/v1/webhooks/${endpoint.id}`)).json();
    expect(state).toMatchObject({ enabled: false, consecutiveFailures: 2 });
    expect(state.disabledReason).toMatch(/2 deliveries/);

    // Disabled: nothing more is sent.
    received = [];
    await rep.patch(`/api/v1/accounts/${account.id}`, { name: 'Hôtel des Pins et des Dunes' });
    await deliver();
    expect(received).toHaveLength(0);

    answer = 200;
    state = (await admin.patch(`/api/v1/webhooks/${endpoint.id}`, { enabled: true })).json();
    expect(state).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    log = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json();
    const failed = log.items.find((item: { status: string }) => item.status === 'failed');
    const again = await admin.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${failed.id}/redeliver`);
    expect(again.statusCode).toBe(202);
    await deliver();
    expect(received).toHaveLength(1);
    expect(received[0].headers['webhook-id']).toBe(failed.messageId);
    const redelivered = (await admin.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).json().items[0];
    expect(redelivered).toMatchObject({ redeliveryOf: failed.id, status: 'succeeded', responseStatus: 200 });
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('sends a test event on demand, and announces a won offer as offer.won', async () => {
    const endpoint = await register(['offer.won']);
    expect((await admin.post(`/api/v1/webhooks/${endpoint.id}/ping`)).statusCode).toBe(202);
    await deliver();
    expect(received).toHaveLength(1);
    const ping = new Webhook(endpoint.secret).verify(received[0].body, headersOf(received[0].headers));
    expect(ping).toMatchObject({ type: 'webhook.ping', data: { id: endpoint.id } });

    received = [];
    const account = (
      await rep.post('/api/v1/accounts', { name: 'Traiteur Lumière', visibility: 'public' })
    ).json();
    const offer = (
      await rep.post('/api/v1/offers', { accountId: account.id, title: 'Four mixte pour la cuisine' })
    ).json();
    expect(offer.id).toBeTruthy();
    const moved = await rep.post(`/api/v1/offers/${offer.id}/stage`, { stage: 'won' });
    expect(moved.statusCode).toBeLessThan(300);
    await deliver();
    const won = received.map((request) => JSON.parse(request.body));
    expect(won).toEqual([
      expect.objectContaining({
        type: 'offer.won',
        data: expect.objectContaining({ id: offer.id, stage: 'won' }),
      }),
    ]);
    expect(won[0].data).not.toHaveProperty('contactId');
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('announces a broadcast and an acknowledged alert, without the fields the owner might not see', async () => {
    const endpoint = await register(['broadcast.created', 'alert.acknowledged']);
    const manager = await t.login('manager@relais.demo');
    const broadcast = (await manager.post('/api/v1/broadcasts', { title: 'Temps fort de printemps' })).json();
    const [rule] = await t.db.query<{ id: string }>(
      `select id from push_rules where key = 'discount-over-30'`,
    );
    const ack = await rep.post('/api/v1/push/ack', {
      ruleId: rule.id,
      action: 'offer.line.add',
      fields: { discountPercent: 35 },
    });
    expect(ack.statusCode).toBe(201);
    await deliver();
    const bodies = received.map((request) => JSON.parse(request.body));
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'broadcast.created',
          data: expect.objectContaining({ id: broadcast.id, title: 'Temps fort de printemps' }),
        }),
        expect.objectContaining({
          type: 'alert.acknowledged',
          data: expect.objectContaining({ id: ack.json().id, ruleId: rule.id }),
        }),
      ]),
    );
    const acknowledged = bodies.find((body) => body.type === 'alert.acknowledged');
    expect(acknowledged.data).not.toHaveProperty('fields');
    await admin.delete(`/api/v1/webhooks/${endpoint.id}`);
  });

  it('refuses private and plain-http addresses, non-admins and bad input, with a problem', async () => {
    for (const url of [
      'https://10.0.0.5/hook',
      'https://192.168.1.20/hook',
      'https://localhost/hook',
      'http://example.com/hook',
      'https://[::1]/x',
    ])
      expectProblem(await admin.post('/api/v1/webhooks', { url, eventTypes: ['account.created'] }), 400);
    expectProblem(
      await rep.post('/api/v1/webhooks', { url: receiverUrl, eventTypes: ['account.created'] }),
      403,
    );
    expectProblem(await rep.get('/api/v1/webhooks'), 403);
    expectProblem(
      await admin.post('/api/v1/webhooks', { url: receiverUrl, eventTypes: ['account.gossip'] }),
      400,
    );
    expectProblem(await admin.post('/api/v1/webhooks', { url: receiverUrl, eventTypes: [] }), 400);
    expectProblem(
      await admin.post('/api/v1/webhooks', {
        url: receiverUrl,
        eventTypes: ['account.created'],
        secret: 'mine',
      }),
      400,
    );
    expectProblem(await admin.get('/api/v1/webhooks/not-a-uuid'), 400);
    expectProblem(await admin.get('/api/v1/webhooks?color=red'), 400);
    expectProblem(await admin.get('/api/v1/webhooks/00000000-0000-4000-8000-000000000000'), 404);
    const endpoint = await register(['account.created']);
    expectProblem(await admin.patch(`/api/v1/webhooks/${endpoint.id}`, { url: 'https://127.0.0.2/x' }), 400);
    expectProblem(await rep.post(`/api/v1/webhooks/${endpoint.id}/ping`), 403);
    expect((await admin.delete(`/api/v1/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    expectProblem(await admin.get(`/api/v1/webhooks/${endpoint.id}`), 404);
  });
});
