import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp, createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import { sha256 } from '../../src/server/modules/identity/shared/credentials.js';
import { seedDemo, startBackground, stopBackground } from '../../src/server/runtime.js';
import { ACTIONS, benchRules, generateRules, random, sampleAction } from './rules.js';

export const RULES = 10_000;
const SSE_USERS = 2_000;

export type LoadOptions = {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  token?: string;
  headers?: Record<string, string>;
  bodies?: string[];
  /** Seconds before autocannon gives up on one request. */
  timeout?: number;
};
export type LoadResult = {
  rps: number;
  completed: number;
  latency: any;
  percentiles: { p50: number | null; p95: number | null; p99: number | null };
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** autocannon in a child process, so the load generator does not share the server's event loop. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'load.mjs');
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [script, JSON.stringify(options)],
      { maxBuffer: 10_000_000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    ),
  );
}

export async function tokenFor(db: Database, userId: string): Promise<string> {
  const token = `rls_${randomBytes(24).toString('base64url')}`;
  await db.query(`insert into api_tokens (user_id, name, token_hash, prefix) values ($1, 'bench', $2, $3)`, [
    userId,
    sha256(token),
    token.slice(0, 8),
  ]);
  return token;
}

/** Loads the 10,000 generated rules into the database (the running app resyncs through the version counter). */
export async function insertRules(db: Database) {
  const rules = generateRules(RULES);
  await db.query(
    `insert into push_actions (name, fields) select unnest($1::text[]), $2 on conflict do nothing`,
    [
      ACTIONS,
      JSON.stringify(
        ['country', 'segment', 'currency']
          .map((name) => ({ name, type: 'string' }))
          .concat([
            { name: 'amount', type: 'number' },
            { name: 'tags', type: 'strings' },
            { name: 'date', type: 'date' },
          ]),
      ),
    ],
  );
  await db.query(
    `insert into push_rules (key, name, action, conditions, severity, message_fr, message_en)
     select r->>'key', r->>'name', r->>'action', r->'conditions', 'warning', 'Règle **' || (r->>'key') || '**', 'Rule **' || (r->>'key') || '**'
       from jsonb_array_elements($1::jsonb) r`,
    [JSON.stringify(rules.map(({ key, name, action, conditions }) => ({ key, name, action, conditions })))],
  );
  await db.query(`update push_rules_state set version = version + 1`);
}

function openStream(
  port: number,
  token: string,
  onEvent: (type: string) => void,
): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/api/v1/events/stream',
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      agent: false,
    });
    request.on('response', (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          if (type === 'ready') resolve(request);
          else if (type) onEvent(type);
        }
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** The bodies of the check load: 50 sampled actions plus one that fires the KY rule. */
export function checkBodies(): string[] {
  const r = random(5);
  const bodies = Array.from({ length: 50 }, () => JSON.stringify(sampleAction(r)));
  bodies.push(JSON.stringify({ action: 'transfer.create', fields: { country: 'KY', amount: 1000 } }));
  return bodies;
}

export type PushBenchApp = {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Database;
  deps: ReturnType<typeof createDeps>;
  port: number;
  close(): Promise<void>;
};

/** The real app, in this process, on its own PGlite data dir and a free port: small demo plus the 10,000 rules. */
export async function startPushApp(): Promise<PushBenchApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-push-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RELAIS_DEMO: '0', PORT: '0' });
  const db = await openDatabase({ dataDir });
  await migrate(db);
  const deps = createDeps(config, db);
  const app = await buildApp(deps, { logger: false });
  await seedDemo(db, deps, { size: 'small' });
  await insertRules(db);
  await startBackground(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    app,
    db,
    deps,
    port,
    async close() {
      await app.close();
      await stopBackground(deps);
      deps.mailer.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Its own app on its own data dir and port: HTTP check under load, then a broadcast to 2,000 live users. */
async function benchHttpAndSse() {
  const { db, deps, port, close } = await startPushApp();
  try {
    const [rep] = await db.query<{ id: string }>(`select id from users where email = 'rep@relais.demo'`);
    const repToken = await tokenFor(db, rep.id);
    const result = await load({
      url: `http://127.0.0.1:${port}/api/v1/push/check`,
      token: repToken,
      bodies: checkBodies(),
      connections: 50,
      duration: 10,
    });
    console.log(
      `HTTP POST /api/v1/push/check (${RULES} rules, PGlite, 50 connections, 10 s, load from a separate process): ${Math.round(result.rps)} req/s, ` +
        `latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms (target p99 ≤ 15 ms); ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}`,
    );

    const [team] = await db.query<{ id: string }>(
      `insert into teams (name, kind, parent_id) select 'Bench équipe', 'team', id from teams where parent_id is null limit 1 returning id`,
    );
    const users = await db.query<{ id: string }>(
      `insert into users (email, first_name, last_name, role, team_id) select 'bench' || g || '@bench.test', 'Bench', 'User ' || g, 'rep', $1 from generate_series(1, $2) g returning id`,
      [team.id, SSE_USERS],
    );
    const tokens: string[] = [];
    for (const user of users) tokens.push(await tokenFor(db, user.id));
    const [admin] = await db.query<{ id: string }>(`select id from users where email = 'admin@relais.demo'`);
    const adminToken = await tokenFor(db, admin.id);
    let started = 0;
    const arrivals: number[] = [];
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    const openedAt = performance.now();
    const streams: http.ClientRequest[] = [];
    for (let start = 0; start < tokens.length; start += 200) {
      streams.push(
        ...(await Promise.all(
          tokens.slice(start, start + 200).map((token) =>
            openStream(port, token, (type) => {
              if (type !== 'notification.created' || !started) return;
              arrivals.push(performance.now() - started);
              if (arrivals.length === SSE_USERS) done();
            }),
          ),
        )),
      );
    }
    console.log(
      `SSE: ${streams.length} connections open in ${((performance.now() - openedAt) / 1000).toFixed(1)} s (hub sees ${deps.sse.connectionCount})`,
    );
    started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/broadcasts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Bench broadcast',
        body: 'Hello',
        audience: { teamIds: [team.id] },
        requiresAck: true,
      }),
    });
    const accepted = performance.now() - started;
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    arrivals.sort((a, b) => a - b);
    const last = arrivals[arrivals.length - 1] ?? NaN;
    console.log(
      `broadcast to ${SSE_USERS} users with ${streams.length} SSE connections open: POST answered ${response.status} in ${accepted.toFixed(0)} ms; ` +
        `${arrivals.length}/${SSE_USERS} clients got it; first after ${arrivals[0]?.toFixed(0)} ms, median ${arrivals[Math.floor(arrivals.length / 2)]?.toFixed(0)} ms, ` +
        `last after ${last.toFixed(0)} ms (target ≤ 3,000 ms)`,
    );
    for (const stream of streams) stream.destroy();
  } finally {
    await close();
  }
}

export async function run(): Promise<void> {
  await benchRules(RULES);
  await benchHttpAndSse();
}
