import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { buildApp, createDeps } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { startBackground, stopBackground } from '../../src/server/runtime.js';
import { pgliteBase, postgresBase, type ScaleBase } from './base.js';
import { sizesFor } from './generate.js';
import {
  measureRequest,
  trackConnections,
  type Figures,
  type MeasureOptions,
  type RequestFigures,
} from './measure.js';
import { recordingDatabase } from './recording.js';

type Engine = 'pglite' | 'postgres';
type Target = { pglite: number; postgres: number; why: string };
const LIST: Target = { pglite: 100, postgres: 50, why: 'list' };
const DASHBOARD: Target = { pglite: 150, postgres: 150, why: 'dashboard' };
const CTRL_K: Target = { pglite: 100, postgres: 100, why: 'Ctrl+K' };
const APP_OVER_DRIVER = 1.5;

/** The requests of issue 12's table, then the team results and the knowledge list. */
function requestsOf(
  bigAccountId: string,
): { key: string; label: string; path: string; as: 'rep' | 'manager'; target: Target }[] {
  return [
    {
      key: 'accounts',
      label: 'accounts (default sort)',
      path: '/api/v1/accounts?limit=50',
      as: 'rep',
      target: LIST,
    },
    {
      key: 'accounts-name',
      label: 'accounts sort=name',
      path: '/api/v1/accounts?limit=50&sort=name',
      as: 'rep',
      target: LIST,
    },
    {
      key: 'accounts-q',
      label: 'accounts q=dupont',
      path: '/api/v1/accounts?limit=50&q=dupont',
      as: 'rep',
      target: LIST,
    },
    {
      key: 'accounts-kind',
      label: 'accounts kind=customer',
      path: '/api/v1/accounts?limit=50&kind=customer',
      as: 'rep',
      target: LIST,
    },
    { key: 'activities', label: 'activities', path: '/api/v1/activities?limit=50', as: 'rep', target: LIST },
    {
      key: 'contacts',
      label: 'contacts (default sort)',
      path: '/api/v1/contacts?limit=50',
      as: 'rep',
      target: LIST,
    },
    {
      key: 'contacts-updated',
      label: 'contacts sort=-updatedAt',
      path: '/api/v1/contacts?limit=50&sort=-updatedAt',
      as: 'rep',
      target: LIST,
    },
    { key: 'dashboard', label: 'dashboards/me', path: '/api/v1/dashboards/me', as: 'rep', target: DASHBOARD },
    {
      key: 'search',
      label: 'search q=dupont (Ctrl+K)',
      path: '/api/v1/search?q=dupont',
      as: 'rep',
      target: CTRL_K,
    },
    {
      key: 'timeline',
      label: 'timeline (100k-activity acct)',
      path: `/api/v1/accounts/${bigAccountId}/timeline`,
      as: 'rep',
      target: LIST,
    },
    {
      key: 'team',
      label: 'dashboards/team (manager)',
      path: '/api/v1/dashboards/team',
      as: 'manager',
      target: DASHBOARD,
    },
    {
      key: 'knowledge',
      label: 'knowledge list',
      path: '/api/v1/knowledge?limit=50',
      as: 'rep',
      target: LIST,
    },
  ];
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'relais-demo' }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined
    ? '—'
    : value >= 100
      ? Math.round(value).toLocaleString('en')
      : value.toFixed(1);
const rps = (figures: Figures) =>
  figures.samples === 0 && figures.rps === 0
    ? '—'
    : `${figures.rps >= 100 ? Math.round(figures.rps) : figures.rps.toFixed(1)}${figures.mode === 'sequential' ? '*' : ''}`;
const sqlText = (sql: string, max = 110) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

function printTable(
  engine: Engine,
  results: { figures: RequestFigures; target: Target }[],
  options: MeasureOptions,
) {
  const head = [
    'request',
    'first ms',
    'req/s',
    'p50',
    'p95',
    'p99',
    'SQL req/s',
    'SQL p50',
    'SQL p95',
    'app/SQL',
    'target p95',
    '',
  ];
  const rows = results.map(({ figures, target }) => {
    const { app, driver } = figures;
    const ratio = app.p95 && driver.p95 ? app.p95 / driver.p95 : null;
    const goal = target[engine];
    const meets = app.p95 !== null && app.p95 <= goal && (ratio === null || ratio <= APP_OVER_DRIVER);
    return [
      figures.label,
      ms(figures.firstMs),
      rps(app),
      ms(app.p50),
      ms(app.p95),
      ms(app.p99),
      rps(driver),
      ms(driver.p50),
      ms(driver.p95),
      ratio === null ? '—' : `${ratio.toFixed(2)}`,
      `≤ ${goal} (${target.why})`,
      figures.status !== 200 ? `HTTP ${figures.status}` : meets ? 'ok' : 'MISS',
    ];
  });
  const widths = head.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(
    `(ms; p50/p95/p99 of 2xx answers under load; "*" = too slow for ${options.connections} connections in the window: one call at a time; ` +
      `SQL = the statements of the request's transaction replayed through the driver as the same user under RLS; app/SQL on p95, target ≤ ${APP_OVER_DRIVER})`,
  );
}

function printWhereTimeGoes(results: { figures: RequestFigures }[]) {
  console.log('where the time goes (one warm call, statements of its transaction, slowest first):');
  for (const { figures } of results) {
    if (figures.status !== 200) continue;
    const total = figures.statements.reduce((sum, statement) => sum + statement.ms, 0);
    const slowest = [...figures.statements].sort((a, b) => b.ms - a.ms).slice(0, 2);
    console.log(
      `  ${figures.label}: ${figures.statements.length} statements, ${ms(total)} ms in SQL` +
        (figures.rowsMismatch ? ` (warning: ${figures.rowsMismatch})` : ''),
    );
    for (const statement of slowest)
      console.log(`      ${ms(statement.ms).padStart(6)} ms  ${sqlText(statement.sql)}`);
  }
}

async function benchEngine(engine: Engine, base: ScaleBase, options: MeasureOptions) {
  const recorder = recordingDatabase(base.db);
  const config = loadConfig({
    DATA_DIR: base.dataDir,
    DATABASE_URL: base.databaseUrl,
    LOG_LEVEL: 'silent',
    RELAIS_DEMO: '0',
    PORT: '0',
  });
  const deps = createDeps(config, recorder.db);
  const app = await buildApp(deps, { logger: false });
  await startBackground(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const connections = trackConnections(app.server);
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const [{ version }] = await base.db.query<{ version: string }>(`select version()`);
    const { counts } = base.info;
    console.log(`\n### ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} — ${version.split(' on ')[0]}`);
    console.log(
      `data: ${Object.entries(counts)
        .map(([table, count]) => `${count.toLocaleString('en')} ${table}`)
        .join(', ')} ` +
        `(${base.reused ? 'cached base' : `built in ${Math.round(base.info.buildSeconds)} s`}); autocannon ${options.connections} connections × ${options.durationSeconds} s per request; ` +
        `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
    );
    const cookies = {
      rep: await signIn(baseUrl, 'rep@relais.demo'),
      manager: await signIn(baseUrl, 'manager@relais.demo'),
    };
    const results: { figures: RequestFigures; target: Target }[] = [];
    for (const request of requestsOf(base.info.bigAccountId).filter(
      (request) => !options.only || options.only.includes(request.key),
    )) {
      const started = performance.now();
      const figures = await measureRequest(
        { baseUrl, cookie: cookies[request.as], db: recorder.db, recorder, connections },
        request.label,
        request.path,
        options,
      );
      results.push({ figures, target: request.target });
      console.log(
        `  measured ${request.label} in ${((performance.now() - started) / 1000).toFixed(0)} s (load average ${os.loadavg()[0].toFixed(1)})`,
      );
    }
    printTable(engine, results, options);
    printWhereTimeGoes(results);
    const plans = results.flatMap(({ figures }) =>
      figures.plans.map((plan) => ({ ...plan, label: figures.label })),
    );
    if (plans.length) {
      console.log(`EXPLAIN (ANALYZE, BUFFERS) as relais_app, statements over ${options.explainMs} ms:`);
      for (const plan of plans)
        console.log(`\n-- ${plan.label} (${ms(plan.ms)} ms): ${sqlText(plan.sql, 200)}\n${plan.plan}`);
    }
  } finally {
    await app.close();
    await stopBackground(deps);
    deps.mailer.close();
  }
}

/**
 * `npm run bench -- crm`: the scale base of issue 12 (100k accounts, 1M activities on top of
 * the demo company) on PGlite and/or PostgreSQL, and the table of its requests. Environment:
 * BENCH_CRM=pglite|postgres|both, BENCH_CRM_SCALE (1 = full size), BENCH_CRM_DURATION (s per
 * load), BENCH_CRM_SLOW_MS, BENCH_CRM_EXPLAIN=<ms> (print the plans of slower statements),
 * BENCH_CRM_ONLY=accounts,activities,… (request keys, see requestsOf), BENCH_DATABASE_URL.
 */
export async function run(): Promise<void> {
  const scale = Number(process.env.BENCH_CRM_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error('BENCH_CRM_SCALE must be in (0, 1]');
  const choice = process.env.BENCH_CRM ?? 'both';
  const engines: Engine[] =
    choice === 'both' ? ['pglite', 'postgres'] : choice === 'pglite' || choice === 'postgres' ? [choice] : [];
  if (engines.length === 0) throw new Error('BENCH_CRM must be pglite, postgres or both');
  const options: MeasureOptions = {
    connections: 20,
    durationSeconds: Number(process.env.BENCH_CRM_DURATION ?? 6),
    parallelism: 1,
    slowMs: process.env.BENCH_CRM_SLOW_MS ? Number(process.env.BENCH_CRM_SLOW_MS) : null,
    explainMs: process.env.BENCH_CRM_EXPLAIN ? Number(process.env.BENCH_CRM_EXPLAIN) || 20 : null,
    only: process.env.BENCH_CRM_ONLY ? process.env.BENCH_CRM_ONLY.split(',').map((key) => key.trim()) : null,
  };
  const sizes = sizesFor(scale);
  console.log(
    `scale ${scale}: ${sizes.accounts.toLocaleString('en')} accounts, ${sizes.activities.toLocaleString('en')} activities ` +
      `(${sizes.bigAccountActivities.toLocaleString('en')} on one account), ${sizes.offers.toLocaleString('en')} offers, on top of the demo company`,
  );
  const log = (message: string) => console.log(message);
  for (const engine of engines) {
    const started = performance.now();
    const base = engine === 'pglite' ? await pgliteBase(scale, log) : await postgresBase(scale, log);
    try {
      await benchEngine(engine, base, {
        ...options,
        parallelism: engine === 'pglite' ? 1 : os.cpus().length,
      });
    } finally {
      await base.release();
    }
    console.log(`(${engine}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
}
