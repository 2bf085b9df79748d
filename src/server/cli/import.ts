import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import { loadActor, runAsActor } from '../db/access.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createDeps } from '../app.js';
import { AppError } from '../platform/errors.js';

/**
 * `relais import knowledge FILE.jsonl [--as EMAIL]`: imports knowledge items (one JSON object
 * per line) as EMAIL (default: the first admin), with progress; all or nothing, invalid lines
 * reported by number.
 */
export async function runImportCommand(
  config: Config,
  args: string[],
  log: (message: string) => void,
): Promise<void> {
  const [kind, file, ...options] = args;
  if (kind !== 'knowledge' || !file)
    throw new Error('Usage: relais import knowledge FILE.jsonl [--as EMAIL]');
  const asIndex = options.indexOf('--as');
  const email = asIndex >= 0 ? options[asIndex + 1] : undefined;
  const text = await readFile(file, 'utf8');
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const [user] = await db.query<{ id: string }>(
      email
        ? `select id from users where lower(email) = lower($1) and active`
        : `select id from users where role = 'admin' and active order by created_at limit 1`,
      email ? [email] : [],
    );
    if (!user) throw new Error(email ? `No active user ${email}.` : 'No admin user: pass --as EMAIL.');
    const actor = (await loadActor(db, user.id))!;
    const deps = createDeps(config, db);
    const { importItems, refreshSearchStats } = await import('../modules/knowledge/index.js');
    const started = Date.now();
    const ids = await runAsActor(db, actor, (tx) =>
      importItems({ actor, tx, deps, requestId: 'cli', locale: actor.locale }, text, (done, total) => {
        process.stdout.write(
          `\r[relais] importing knowledge: ${done}/${total} (${Math.round((done / total) * 100)} %)`,
        );
      }),
    );
    process.stdout.write('\n');
    await db.transaction((tx) => refreshSearchStats(tx));
    log(
      `imported ${ids.length} knowledge items as ${actor.email} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    if (error instanceof AppError) {
      const lines = error.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
      throw new Error(`${error.detail}\n${lines}`, { cause: error });
    }
    throw error;
  } finally {
    await db.close();
  }
}
