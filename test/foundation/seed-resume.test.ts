import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { prepare } from '../../src/server/runtime.js';
import { testDatabaseUrl, urlForDatabase, withAdminClient } from '../template.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Runs the fixture that SIGKILLs itself mid-seed; resolves with its output and signal. */
function startAndKillMidSeed(
  env: Record<string, string>,
): Promise<{ output: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/seed-and-die.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ output, signal }));
  });
}

describe('first-start seeding survives a kill (issue 10, item 12)', () => {
  it('resumes the modules not yet seeded on the next start: a full demo, nothing twice', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-seed-kill-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RELAIS_DEMO: '1',
      RELAIS_DEMO_SIZE: 'small',
    };
    if (testDatabaseUrl) {
      const name = `relais_seedkill_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await withAdminClient((client) => client.query(`create database ${name}`));
      cleanups.push(() =>
        withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)),
      );
      env.DATABASE_URL = urlForDatabase(testDatabaseUrl, name);
    }

    const killed = await startAndKillMidSeed(env);
    expect(killed.signal, killed.output).toBe('SIGKILL');
    expect(killed.output).toMatch(/killing with [1-9]\d* knowledge items written/);

    // The next start, as `npm start` does it.
    const messages: string[] = [];
    const { app, deps } = await prepare(loadConfig(env), (message) => messages.push(message));
    cleanups.push(async () => {
      await app.close();
      deps.mailer.close();
      await deps.db.close();
    });
    expect(messages).toContain('demo company loaded (password relais-demo)');
    const count = async (table: string) =>
      (await deps.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
    expect(await count('knowledge_items')).toBeGreaterThan(0);
    expect(await count('push_rules')).toBeGreaterThan(0);
    expect(await count('accounts')).toBeGreaterThan(0);
    // Modules seeded before the kill were kept, not seeded again.
    expect(messages.some((message) => message.startsWith('demo data: identity'))).toBe(false);
    expect(messages.some((message) => message.startsWith('demo data: knowledge'))).toBe(true);
    expect(await count(`users where email = 'rep@relais.demo'`)).toBe(1);
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
  });
});
