import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { createNotifications } from '../notifications/notify.js';
import { sendDigests } from './deliver.js';

let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
const mails = (to: string) =>
  t.db.query<{ subject: string; text_body: string }>(
    `select subject, text_body from mail_messages where to_address = $1 order by created_at`,
    [to],
  );
const notify = (userIds: string[], kind: 'change' | 'broadcast', key: string) =>
  t.db.transaction((tx) =>
    createNotifications(tx, t.deps, {
      kind,
      title: { fr: `Titre ${key}`, en: `Title ${key}` },
      body: { fr: 'Corps', en: 'Body' },
      dedupeKey: key,
      url: '/for-me',
      recipients: userIds.map((userId) => ({ userId, reason: { fr: 'parce que', en: 'because' } })),
    }),
  );

beforeAll(async () => {
  // The local receiver of the web push test is trusted by the setting; nothing else private is.
  t = await createTestApp({ OUTBOUND_TRUSTED_HOSTS: '127.0.0.1' });
  rep = await t.login('rep@relais.demo');
  rep2 = await t.login('rep2@relais.demo');
});
afterAll(() => t.close());

describe('in-app notifications', () => {
  it('lists, counts unread, marks read; one notification per dedupe key; others are invisible', async () => {
    await notify([rep.userId!, rep2.userId!], 'change', 'n1');
    await notify([rep.userId!], 'change', 'n1'); // same key: nothing new
    const list = (await rep.get('/api/v1/notifications')).json();
    expect(list.items.filter((n: any) => n.title === 'Titre n1')).toHaveLength(1);
    const unread = (await rep.get('/api/v1/notifications/unread-count')).json().count;
    expect(unread).toBeGreaterThan(0);
    const id = list.items[0].id;
    expect((await rep.post(`/api/v1/notifications/${id}/read`)).json().readAt).toBeTruthy();
    expect((await rep.get('/api/v1/notifications/unread-count')).json().count).toBe(unread - 1);
    expectProblem(await rep2.post(`/api/v1/notifications/${id}/read`), 404);
    expectProblem(await rep.post('/api/v1/notifications/42/read'), 400);
    expectProblem(await rep.get('/api/v1/notifications?kind=gossip'), 400);
    expect((await rep.post('/api/v1/notifications/read-all')).json().updated).toBe(unread - 1);
    expect((await rep.get('/api/v1/notifications?q=n1')).json().items).toHaveLength(1);
  });

  it('is announced live on the SSE stream of its recipient only', async () => {
    const got: { userId: string; type: string }[] = [];
    await t.deps.events.dispatchSoon();
    await t.deps.sse.start();
    const off1 = t.deps.sse.add({
      userId: rep.userId!,
      send: (event) => got.push({ userId: rep.userId!, type: event.type }),
    });
    const off2 = t.deps.sse.add({
      userId: rep2.userId!,
      send: (event) => got.push({ userId: rep2.userId!, type: event.type }),
    });
    await notify([rep.userId!], 'broadcast', 'live-1');
    await t.deps.events.dispatchSoon();
    for (let i = 0; i < 50 && got.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    off1();
    off2();
    await t.deps.sse.stop();
    expect(got).toEqual([{ userId: rep.userId, type: 'notification.created' }]);
  });
});

describe('e-mail', () => {
  it('sends broadcasts at once in the recipient language, changes as a daily digest, each once', async () => {
    await rep2.patch('/api/v1/me', { locale: 'en' });
    await notify([rep.userId!, rep2.userId!], 'broadcast', 'mail-1');
    await t.deps.jobs.drain();
    expect((await mails('rep@relais.demo')).map((m) => m.subject)).toContain('[Relais] Titre mail-1');
    expect((await mails('rep2@relais.demo')).map((m) => m.subject)).toContain('[Relais] Title mail-1');
    await t.db.query(`update jobs set state = 'pending' where queue = 'push.deliver'`);
    await t.deps.jobs.drain();
    expect(
      (await mails('rep@relais.demo')).filter((m) => m.subject === '[Relais] Titre mail-1'),
    ).toHaveLength(1);

    await notify([rep.userId!], 'change', 'digest-1');
    await notify([rep.userId!], 'change', 'digest-2');
    await t.deps.jobs.drain();
    const before = (await mails('rep@relais.demo')).length;
    await t.db.transaction((tx) => sendDigests(tx, t.deps));
    const digest = (await mails('rep@relais.demo')).slice(before);
    expect(digest).toHaveLength(1);
    expect(digest[0].subject).toMatch(/résumé du jour/);
    expect(digest[0].text_body).toContain('Titre digest-1');
    expect(digest[0].text_body).toContain('Titre digest-2');
    await t.db.transaction((tx) => sendDigests(tx, t.deps));
    expect((await mails('rep@relais.demo')).length).toBe(before + 1);
  });

  it('honours preferences: e-mail off, quiet hours postpone', async () => {
    const prefs = await rep.put('/api/v1/notifications/preferences', {
      channels: { broadcast: { email: 'off', webpush: false } },
      quietHours: null,
    });
    expect(prefs.json().channels.broadcast).toEqual({ email: 'off', webpush: false });
    expect(prefs.json().channels.change.email).toBe('digest');
    const before = (await mails('rep@relais.demo')).length;
    await notify([rep.userId!], 'broadcast', 'pref-1');
    await t.deps.jobs.drain();
    expect((await mails('rep@relais.demo')).length).toBe(before);

    const now = new Date();
    const hh = (offset: number) => `${String((now.getUTCHours() + offset + 24) % 24).padStart(2, '0')}:00`;
    await rep2.put('/api/v1/notifications/preferences', {
      channels: {},
      quietHours: { start: hh(-1), end: hh(2) },
      timeZone: 'UTC',
    });
    const mailsBefore = (await mails('rep2@relais.demo')).length;
    await notify([rep2.userId!], 'broadcast', 'quiet-1');
    await t.deps.jobs.drain();
    expect((await mails('rep2@relais.demo')).length).toBe(mailsBefore);
    const [job] = await t.db.query<{ run_at: string }>(
      `select run_at from jobs where queue = 'push.deliver' and state = 'pending' order by id desc limit 1`,
    );
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 3_000_000);

    expectProblem(
      await rep.put('/api/v1/notifications/preferences', {
        channels: { broadcast: { email: 'sometimes', webpush: true } },
      }),
      400,
    );
    expectProblem(
      await rep.put('/api/v1/notifications/preferences', { quietHours: { start: '25:00', end: '07:00' } }),
      400,
    );
    expectProblem(
      await rep.put('/api/v1/notifications/preferences', { quietHours: { start: '07:00', end: '07:00' } }),
      400,
    );
    expectProblem(await rep.put('/api/v1/notifications/preferences', { timeZone: 'Mars/Olympus' }), 400);
    expect((await rep.get('/api/v1/notifications/preferences')).json().channels.broadcast.email).toBe('off');
  });
});

describe('web push', () => {
  it('sends an encrypted, VAPID-signed message to the subscription endpoint, once', async () => {
    const received: { headers: IncomingHttpHeaders; body: Buffer; url: string }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks), url: request.url! });
        response.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push/abc`;
      const browserKeys = createECDH('prime256v1');
      browserKeys.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      const publicKey = (await rep.get('/api/v1/push/webpush/key')).json().publicKey;
      const [stored] = await t.db.query<{ value: any }>(
        `select value from settings where key = 'push.vapid'`,
      );
      expect(stored.value.publicKey).toBe(publicKey);

      expectProblem(
        await rep.post('/api/v1/push/subscriptions', { endpoint, keys: { p256dh: 'short', auth } }),
        400,
      );
      expectProblem(
        await rep.post('/api/v1/push/subscriptions', {
          endpoint: 'ftp://x',
          keys: { p256dh: browserKeys.getPublicKey('base64url'), auth },
        }),
        400,
      );
      expect(
        (
          await rep.post('/api/v1/push/subscriptions', {
            endpoint,
            keys: { p256dh: browserKeys.getPublicKey('base64url'), auth },
          })
        ).statusCode,
      ).toBe(201);
      await rep.put('/api/v1/notifications/preferences', {
        channels: { broadcast: { email: 'off', webpush: true } },
      });

      await notify([rep.userId!], 'broadcast', 'push-1');
      await t.deps.jobs.drain();
      expect(received).toHaveLength(1);
      const [message] = received;
      expect(message.url).toBe('/push/abc');
      expect(message.headers['content-encoding']).toBe('aes128gcm');
      expect(message.headers.authorization).toMatch(
        new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`),
      );
      expect(message.headers.ttl).toBeTruthy();
      const ece: any = (await import('http_ece' as string)).default;
      const clear = JSON.parse(
        ece
          .decrypt(message.body, { version: 'aes128gcm', privateKey: browserKeys, authSecret: auth })
          .toString('utf8'),
      );
      expect(clear).toMatchObject({ title: 'Titre push-1', body: 'parce que', url: '/for-me' });

      await t.db.query(
        `update jobs set state = 'pending' where id = (select max(id) from jobs where queue = 'push.deliver')`,
      );
      await t.deps.jobs.drain();
      expect(received).toHaveLength(1);
      expect(
        (await rep.delete(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(endpoint)}`)).statusCode,
      ).toBe(204);
      expectProblem(
        await rep.delete(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(endpoint)}`),
        404,
      );
    } finally {
      server.close();
    }
  });
});

describe('web push endpoints (no server-side request forgery)', () => {
  const keys = () => {
    const browserKeys = createECDH('prime256v1');
    browserKeys.generateKeys();
    return { p256dh: browserKeys.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };
  };
  let resolved: Record<string, string> = {};
  beforeAll(() => {
    t.deps.resolveHost = async (host: string) => {
      if (!resolved[host]) throw new Error('ENOTFOUND');
      return [{ address: resolved[host], family: 4 }];
    };
  });

  it('accepts only https endpoints on public hosts', async () => {
    resolved = { 'fcm.example.net': '93.184.216.34', 'inside.example.net': '10.1.2.3' };
    const refused = async (endpoint: string, code: string) => {
      const problem = expectProblem(
        await rep.post('/api/v1/push/subscriptions', { endpoint, keys: keys() }),
        400,
        'validation_failed',
      );
      expect(problem.errors[0]).toMatchObject({ field: 'endpoint', code });
    };
    await refused('http://fcm.example.net/push/1', 'not_https');
    await refused('https://10.0.0.7/push', 'not_public_host');
    await refused('https://169.254.169.254/latest/meta-data', 'not_public_host');
    await refused('https://[::1]:8443/push', 'not_public_host');
    await refused('https://localhost/push', 'not_public_host');
    await refused('https://inside.example.net/push', 'not_public_host');
    await refused('https://nowhere.example.net/push', 'unresolvable');
    // 127.0.0.1 is trusted in this app, but only that host.
    await refused('https://127.0.0.2/push', 'not_public_host');
    expect(
      await t.db.query(
        `select 1 from push_subscriptions where endpoint like '%example.net%' or endpoint like '%10.0.0.7%'`,
      ),
    ).toEqual([]);
    expect(
      (
        await rep.post('/api/v1/push/subscriptions', {
          endpoint: 'https://fcm.example.net/push/1',
          keys: keys(),
        })
      ).statusCode,
    ).toBe(201);
  });

  it('checks the address again at delivery: a name now pointing inside the network gets nothing', async () => {
    let connections = 0;
    const server = createServer((_request, response) => response.writeHead(201).end());
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      resolved = { 'rebind.example.net': '93.184.216.34' };
      const endpoint = `https://rebind.example.net:${(server.address() as AddressInfo).port}/push`;
      expect((await rep2.post('/api/v1/push/subscriptions', { endpoint, keys: keys() })).statusCode).toBe(
        201,
      );
      await rep2.put('/api/v1/notifications/preferences', {
        channels: { broadcast: { email: 'off', webpush: true } },
      });
      resolved = { 'rebind.example.net': '127.0.0.1' };
      const [created] = await notify([rep2.userId!], 'broadcast', 'rebind-1');
      await t.deps.jobs.drain();
      expect(connections).toBe(0);
      const [delivery] = await t.db.query<{ status: string; detail: string }>(
        `select status, detail from notification_deliveries where notification_id = $1 and channel = 'webpush'`,
        [created.id],
      );
      expect(delivery.status).toBe('failed');
      expect(delivery.detail).toMatch(/^refused: /);
    } finally {
      server.close();
    }
  });
});
