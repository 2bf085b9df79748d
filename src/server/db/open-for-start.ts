import type { Config } from '../config.js';
import type { Database } from './client.js';
import { migrate } from './migrate.js';
import { openDatabaseForStart } from './pglite-template.js';

/** Opens the database a start serves and applies the migrations it lacks. */
export async function openAndMigrate(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgliteSharedBuffers'>,
  log: (message: string) => void,
): Promise<Database> {
  const db = await openDatabaseForStart(config);
  const applied = await migrate(db);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  return db;
}
