import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent, type DomainEvent } from '../../src/server/platform/events.js';
import { startBackground, stopBackground } from '../../src/server/runtime.js';
import { createTestApp, type TestApp } from '../app.js';

let t: TestApp;
const handled: DomainEvent[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.exec(`create table event_effects (event_id bigint primary key)`);
  t.deps.events.subscribe('test-recorder', 'test.*', async (event, tx) => {
    // The write and the job's completion commit together; a failure rolls both back.
    await tx.query(`insert into event_effects (event_id) values ($1)`, [event.id]);
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('simulated crash in the handler');
    }
    handled.push(event);
  });
});
afterAll(() => t.close());

describe('transactional outbox and jobs', () => {
  it('delivers each committed event once to each subscriber, and none from a rolled-back change', async () => {
    handled.length = 0;
    await t.db.transaction((tx) => emitEvent(tx, { type: 'test.created', payload: { n: 1 } }));
    await t.db.transaction((tx) => emitEvent(tx, { type: 'other.created', payload: { n: 2 } }));
    await expect(
      t.db.transaction(async (tx) => {
        await emitEvent(tx, { type: 'test.created', payload: { n: 3 } });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await t.deps.events.dispatchSoon();
    await t.deps.jobs.drain();
    expect(handled.map((event) => event.payload.n)).toEqual([1]);

    // A crash after dispatch that makes the dispatcher run again must not handle it twice.
    await t.db.query(`update outbox_events set dispatched_at = null`);
    await t.deps.events.dispatchSoon();
    await t.deps.jobs.drain();
    expect(handled.map((event) => event.payload.n)).toEqual([1]);
    expect((await t.db.query(`select count(*)::int as count from event_effects`))[0].count).toBe(1);
  });

  it('retries a failed handler without keeping the failed attempt’s writes', async () => {
    handled.length = 0;
    failuresLeft = 1;
    await t.db.transaction((tx) => emitEvent(tx, { type: 'test.retried', payload: { n: 4 } }));
    await t.deps.events.dispatchSoon();
    await t.deps.jobs.drain();
    expect(handled).toEqual([]);
    const [job] = await t.db.query(
      `select state, attempts, last_error from jobs where queue = 'event:test-recorder' order by id desc limit 1`,
    );
    expect(job).toMatchObject({
      state: 'pending',
      attempts: 1,
      last_error: 'simulated crash in the handler',
    });
    await t.db.query(
      `update jobs set run_at = now() where queue = 'event:test-recorder' and state = 'pending'`,
    );
    await t.deps.jobs.drain();
    expect(handled.map((event) => event.payload.n)).toEqual([4]);
  });

  it('enqueues a singleton job once however often it is asked', async () => {
    let runs = 0;
    t.deps.jobs.register('test.once', async () => {
      runs += 1;
    });
    for (let i = 0; i < 3; i += 1)
      await t.db.transaction((tx) => t.deps.jobs.enqueue(tx, 'test.once', {}, { singletonKey: 'once:1' }));
    await t.deps.jobs.drain();
    expect(runs).toBe(1);
  });
});

describe('GET /api/v1/events/stream (SSE)', () => {
  it('streams a user their own events in real time, and nobody else’s', async () => {
    await startBackground(t.deps);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const rep = await t.login('rep@relais.demo');
      const rep2 = await t.login('rep2@relais.demo');
      const open = (cookie: string) =>
        new Promise<{ chunks: string[]; close: () => void }>((resolve, reject) => {
          const request = http.get(`${address}/api/v1/events/stream`, { headers: { cookie } }, (response) => {
            expect(response.headers['content-type']).toContain('text/event-stream');
            const chunks: string[] = [];
            response.on('data', (chunk) => chunks.push(String(chunk)));
            response.once('data', () => resolve({ chunks, close: () => request.destroy() }));
          });
          request.on('error', reject);
        });
      const repStream = await open(rep.cookie!);
      const rep2Stream = await open(rep2.cookie!);
      const started = Date.now();
      await t.db.transaction((tx) =>
        emitEvent(tx, { type: 'test.live', payload: { hello: 'Romain' }, recipients: [rep.userId!] }),
      );
      while (!repStream.chunks.join('').includes('test.live') && Date.now() - started < 5000)
        await new Promise((r) => setTimeout(r, 20));
      const received = repStream.chunks.join('');
      expect(received).toContain('event: test.live');
      expect(received).toContain('"hello":"Romain"');
      expect(rep2Stream.chunks.join('')).not.toContain('test.live');
      // Without a session the stream is refused.
      const status = await new Promise<number>((resolve) =>
        http.get(`${address}/api/v1/events/stream`, (response) => resolve(response.statusCode!)),
      );
      expect(status).toBe(401);
      repStream.close();
      rep2Stream.close();
    } finally {
      await stopBackground(t.deps);
    }
  });
});
