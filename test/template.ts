import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const TEMPLATE_DIR = path.resolve('.test-template');
export const PGLITE_TEMPLATE = path.join(TEMPLATE_DIR, 'small.tar.gz');
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/**
 * The PostgreSQL template database name: the migrations' content and the checkout's path are
 * part of it, so two checkouts testing on one server never drop each other's template.
 */
export function pgTemplateName(): string {
  const dir = path.resolve('migrations');
  const hash = createHash('sha1').update(process.cwd());
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
  return `relais_tpl_${hash.digest('hex').slice(0, 10)}`;
}

/** Connection string of another database on the same server. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
