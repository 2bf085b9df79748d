import Fastify from 'fastify';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pgliteBase } from '../crm/base.js';
import { sizesFor } from '../crm/generate.js';
import { checkBodies, load, RULES, startPushApp, type LoadResult } from '../push/index.js';
import { ensureServerBundle, ROOT, runTsx, startServer, treeMemory } from './process.js';

const IDLE_SECONDS = 10;
const LOAD_SECONDS = 6;
const ROUNDS = 3;
const CONNECTIONS = 50;
const mb = (value: number) => `${Math.round(value)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One start of the server on `dataDir`: time to healthy, the server's own log lines, memory after start and after idling. */
async function measureStart(label: string, dataDir: string, targetMs: number) {
  const server = await startServer(dataDir);
  try {
    const afterStart = await treeMemory(server.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const afterIdle = await treeMemory(server.child.pid!);
    console.log(
      `${label}: healthy after ${s(server.healthyMs)} (target ≤ ${s(targetMs)}) ${server.healthyMs <= targetMs ? 'ok' : 'MISS'}`,
    );
    for (const line of server.lines) console.log(`    +${s(line.atMs).padStart(7)}  ${line.text}`);
    for (const [when, memory] of [
      ['after start', afterStart],
      [`after ${IDLE_SECONDS} s idle`, afterIdle],
    ] as const) {
      const main = memory.server;
      console.log(
        `  RSS ${when}: server ${main ? `${mb(main.rssMb)} (anonymous ${mb(main.anonMb)}, files ${mb(main.fileMb)})` : 'not found'}, ` +
          `with child processes ${mb(memory.totalMb)} in ${memory.processes.length} processes (target idle ≤ 400 MB)` +
          (when !== 'after start' ? ` ${main && main.rssMb <= 400 ? 'ok' : 'MISS'}` : ''),
      );
    }
  } finally {
    await server.stop();
  }
}

/** The phases of a warm start measured one by one in a fresh process (see probe.ts). */
async function startPhases(dataDir: string) {
  const fresh = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-ops-fresh-'));
  try {
    const first = JSON.parse(await runTsx(path.join(ROOT, 'bench/ops/probe.ts'), [fresh])) as Record<
      string,
      number
    >;
    console.log(
      `  where a first start goes before the demo (fresh process, empty DATA_DIR): create PGlite ${s(first.openPgliteMs)}, migrations ${s(first.migrateMs)}`,
    );
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  const spawned = performance.now();
  const phases = JSON.parse(await runTsx(path.join(ROOT, 'bench/ops/probe.ts'), [dataDir])) as Record<
    string,
    number
  >;
  const totalMs = performance.now() - spawned;
  console.log(
    `  where a warm start goes (fresh process, phase by phase): tsx launcher ${s(totalMs - phases.scriptMs - phases.beforeScriptMs)}, ` +
      `node + tsx loader before the script ${s(phases.beforeScriptMs)}; import config ${s(phases.importConfigMs)}, db client (PGlite) ${s(phases.importDbMs)}, app and modules ${s(phases.importAppAndModulesMs)}; ` +
      `open PGlite ${s(phases.openPgliteMs)}, migrations check ${s(phases.migrateMs)}, buildApp ${s(phases.buildAppMs)}, ready ${s(phases.appReadyMs)}; ` +
      `process total ${s(totalMs)}; heap ${mb(phases.heapUsedMb)}, RSS ${mb(phases.rssMb)} once built`,
  );
}

/** `relais backup` of `dataDir`, then `relais restore` into an empty DATA_DIR (PGlite, processes included). */
async function timeBackupRestore(label: string, dataDir: string): Promise<void> {
  const archive = path.join(os.tmpdir(), `relais-bench-backup-${process.pid}.tar.gz`);
  const target = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-restore-'));
  const pgliteEnv = (dir: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    return env;
  };
  const main = path.join(ROOT, 'src/server/main.ts');
  try {
    let started = Date.now();
    await runTsx(main, ['backup', archive], pgliteEnv(dataDir));
    const backupMs = Date.now() - started;
    const size = (await stat(archive)).size;
    started = Date.now();
    await runTsx(main, ['restore', archive], pgliteEnv(target));
    console.log(
      `backup and restore (PGlite, ${label}, processes included): backup ${s(backupMs)}, archive ${(size / 1e6).toFixed(1)} MB; ` +
        `restore into an empty DATA_DIR ${s(Date.now() - started)}`,
    );
  } finally {
    await rm(archive, { force: true });
    await rm(target, { recursive: true, force: true });
  }
}

/**
 * Backup and restore of the scale issue's base (bench/crm: 100k accounts, 1M activities at
 * scale 1), built once into bench/.cache and shared with `npm run bench -- crm`.
 * BENCH_OPS_SCALE picks the scale (default 1; 0 skips it).
 */
async function benchBackupRestoreAtScale(): Promise<void> {
  const scale = Number(process.env.BENCH_OPS_SCALE ?? 1);
  if (scale === 0) return console.log('backup and restore of the scale base: skipped (BENCH_OPS_SCALE=0)');
  if (!(scale > 0 && scale <= 1)) throw new Error('BENCH_OPS_SCALE must be 0 or in (0, 1]');
  const base = await pgliteBase(scale, (message) => console.log(`  ${message}`));
  try {
    await base.db.close();
    const sizes = sizesFor(scale);
    await timeBackupRestore(
      `scale base: ${sizes.accounts.toLocaleString('en')} accounts, ${sizes.activities.toLocaleString('en')} activities`,
      base.dataDir,
    );
  } finally {
    await base.release();
  }
}

/** Plain Fastify answering a tiny JSON, in this process: the ceiling the app's overhead is measured against. */
async function startBareServer() {
  const bare = Fastify();
  bare.get('/bare', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/bare`,
    close: () => bare.close(),
  };
}

/** A personal API token the way a user gets one: sign in, then POST /api/v1/me/tokens with the CSRF token. */
async function createToken(baseUrl: string, email: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'relais-demo' }),
  });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench ops' }),
  });
  if (created.status !== 201)
    throw new Error(`POST /api/v1/me/tokens answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

async function benchApiOverhead() {
  const bare = await startBareServer();
  const relais = await startPushApp();
  try {
    const baseUrl = `http://127.0.0.1:${relais.port}`;
    const token = await createToken(baseUrl, 'rep@relais.demo');
    const common = { connections: CONNECTIONS, duration: LOAD_SECONDS };
    // Warm-up: the first check compiles the rule index, the first calls JIT the routes.
    await load({ ...common, duration: 2, url: bare.url, method: 'GET' });
    await load({ ...common, duration: 2, url: `${baseUrl}/api/v1/me`, method: 'GET', token });
    await load({
      ...common,
      duration: 3,
      url: `${baseUrl}/api/v1/push/check`,
      method: 'POST',
      token,
      bodies: checkBodies(),
    });
    // The machine's speed drifts from one run to the next (seen: ±30 % on the same code): each
    // round measures the bare route, /me and the check back to back, and the verdict is on the
    // median round, so a slow or fast moment does not decide it.
    const rounds: { bare: LoadResult; me: LoadResult; check: LoadResult }[] = [];
    for (let round = 0; round < ROUNDS; round += 1)
      rounds.push({
        bare: await load({ ...common, url: bare.url, method: 'GET' }),
        me: await load({ ...common, url: `${baseUrl}/api/v1/me`, method: 'GET', token }),
        check: await load({
          ...common,
          url: `${baseUrl}/api/v1/push/check`,
          method: 'POST',
          token,
          bodies: checkBodies(),
        }),
      });
    const row = (label: string, result: LoadResult, bareResult: LoadResult) => {
      const [p50, p95, p99] = [result.percentiles.p50, result.percentiles.p95, result.percentiles.p99].map(
        (value) => (value === null ? '—' : value.toFixed(1)),
      );
      console.log(
        `    ${label.padEnd(42)} ${String(Math.round(result.rps)).padStart(7)} req/s  ${((result.rps / bareResult.rps) * 100).toFixed(0).padStart(4)} %  ` +
          `p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms` +
          (result.non2xx || result.errors ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : ''),
      );
    };
    console.log(
      `API overhead (PGlite, small demo + ${RULES.toLocaleString('en')} push rules, ${CONNECTIONS} connections × ${LOAD_SECONDS} s, load from a separate process; req/s and % of the bare route in the same round):`,
    );
    rounds.forEach((round, index) => {
      console.log(`  round ${index + 1}:`);
      row('bare Fastify GET /bare (same process)', round.bare, round.bare);
      row('GET /api/v1/me (bearer token)', round.me, round.bare);
      row(`POST /api/v1/push/check (${RULES.toLocaleString('en')} rules)`, round.check, round.bare);
    });
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const meShare = median(rounds.map((round) => round.me.rps / round.bare.rps));
    const checkShare = median(rounds.map((round) => round.check.rps / round.bare.rps));
    const checkP99 = median(rounds.map((round) => round.check.percentiles.p99 ?? Infinity));
    console.log(
      `  median of the rounds: /me ${(meShare * 100).toFixed(0)} % of the bare route (target ≥ 40 %) ${meShare >= 0.4 ? 'ok' : 'MISS'}; ` +
        `check ${(checkShare * 100).toFixed(0)} % (target ≥ 50 %) ${checkShare >= 0.5 ? 'ok' : 'MISS'}, p99 ${checkP99.toFixed(1)} ms (target ≤ 15 ms) ${checkP99 <= 15 ? 'ok' : 'MISS'}`,
    );
  } finally {
    await relais.close();
    await bare.close();
  }
}

/**
 * `npm run bench -- ops`: start and footprint (first start with the full demo, then a warm
 * start on the same DATA_DIR, RSS after start and after idling), API overhead against a bare
 * Fastify route, and the place for backup and restore timings (issue 14 item 6).
 */
export async function run(): Promise<void> {
  console.log(
    `load average ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' / ')} on ${os.cpus().length} cores (other work on the machine skews these figures)`,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-ops-'));
  try {
    await ensureServerBundle();
    console.log(
      `start and footprint: \`node dist/server/main.mjs start\` (npm start once the web app and server bundle are built) on an empty DATA_DIR, PGlite, LOG_LEVEL info`,
    );
    await measureStart('first start (migrations + full demo company)', dataDir, 20_000);
    await measureStart('warm start (same DATA_DIR)', dataDir, 2_000);
    await startPhases(dataDir);
    await timeBackupRestore('demo company', dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  await benchApiOverhead();
  await benchBackupRestoreAtScale();
}
