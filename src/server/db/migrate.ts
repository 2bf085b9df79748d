import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
// Any constant works; it only has to be the same for every instance of Relais.
const MIGRATION_LOCK_KEY = 7_301_955_202;

/**
 * Applies the forward-only SQL migrations of `migrations/` in name order, all in one
 * transaction under an advisory lock, so two instances starting together apply each once.
 * Returns the names applied by this call.
 */
export async function migrate(db: Database, directory = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(await readFile(path.join(directory, file), 'utf8'));
      await tx.query('insert into schema_migrations (name) values ($1)', [file]);
      applied.push(file);
    }
    return applied;
  });
}
