import { runAsActor, type Actor } from '../../../db/access.js';
import type { Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { resolveAgainstDatabase, type ImportRow, type RowError } from './import-rows.js';
import {
  emitContactsImported,
  findImportRecord,
  finishImportRecord,
  insertImportedAccounts,
  insertImportedContacts,
  insertImportRecord,
  linkImportedContacts,
} from './import.repository.js';

export const IMPORT_MODES = ['all_or_nothing', 'skip_invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export type ImportProgress = {
  id: string;
  status: 'running' | 'done' | 'failed';
  mode: ImportMode;
  total: number;
  processed: number;
  created: number;
  skipped: number;
  accountsCreated: number;
  errors: RowError[];
};

/** Live progress of the imports running in this instance (the final state is in contact_imports). */
const live = new Map<string, ImportProgress & { userId: string }>();
const CHUNK = 250;

/** Validated rows (or their errors) from a CSV or vCard file, before any write. */
export type Candidate = { value?: ImportRow; errors: RowError[] };

const sortErrors = (errors: RowError[]) =>
  errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));

async function insertChunk(
  tx: Queryable,
  actor: Actor,
  rows: ImportRow[],
  accounts: Map<string, string>,
  accountKey: (name: string) => string,
) {
  const contactIds = await insertImportedContacts(tx, actor, rows);
  const links = rows.flatMap((row, index) => {
    const accountId = row.accountName ? accounts.get(accountKey(row.accountName)) : undefined;
    return accountId ? [{ contactId: contactIds[index], accountId, role: row.role ?? null }] : [];
  });
  await linkImportedContacts(tx, links);
  await emitContactsImported(tx, contactIds, actor.userId);
}

async function createMissingAccounts(
  tx: Queryable,
  actor: Actor,
  names: string[],
  accounts: Map<string, string>,
  accountKey: (name: string) => string,
) {
  if (names.length === 0) return 0;
  const created = await insertImportedAccounts(tx, actor, names);
  for (const row of created) accounts.set(accountKey(row.name), row.id);
  return created.length;
}

/**
 * Imports validated candidates (CRM-2). `all_or_nothing`: one invalid row → nothing is written
 * and the import fails with every error. `skip_invalid`: valid rows are written in chunks (each
 * chunk committed, so progress is real and other requests interleave), invalid rows are reported.
 * Progress is readable through `importProgress` while it runs.
 */
export async function runImport(
  deps: AppDeps,
  actor: Actor,
  id: string,
  mode: ImportMode,
  candidates: Candidate[],
  source: string,
): Promise<ImportProgress> {
  const state: ImportProgress & { userId: string } = {
    id,
    userId: actor.userId,
    status: 'running',
    mode,
    total: candidates.length,
    processed: 0,
    created: 0,
    skipped: 0,
    accountsCreated: 0,
    errors: [],
  };
  live.set(id, state);
  try {
    const rowErrors = candidates.flatMap((candidate) => candidate.errors);
    const parsed = candidates.flatMap((candidate) => (candidate.value ? [candidate.value] : []));
    const resolved = await runAsActor(deps.db, actor, (tx) => resolveAgainstDatabase(tx, parsed));
    state.errors = sortErrors([...rowErrors, ...resolved.errors]);
    const invalidRows = new Set(state.errors.map((error) => error.row)).size;
    if (mode === 'all_or_nothing' && state.errors.length > 0) {
      state.status = 'failed';
      state.processed = state.total;
      return state;
    }
    state.skipped = invalidRows;
    state.processed = invalidRows;
    const write = async (tx: Queryable, rows: ImportRow[], first: boolean) => {
      if (first)
        state.accountsCreated = await createMissingAccounts(
          tx,
          actor,
          resolved.newAccounts,
          resolved.accounts,
          resolved.accountKey,
        );
      if (rows.length) await insertChunk(tx, actor, rows, resolved.accounts, resolved.accountKey);
    };
    if (mode === 'all_or_nothing') {
      await runAsActor(deps.db, actor, async (tx) => {
        for (let start = 0; start < resolved.valid.length || start === 0; start += CHUNK) {
          const rows = resolved.valid.slice(start, start + CHUNK);
          await write(tx, rows, start === 0);
          state.processed += rows.length;
          await new Promise((resolve) => setImmediate(resolve));
          if (rows.length === 0) break;
        }
      });
      state.created = resolved.valid.length;
    } else {
      for (let start = 0; start < resolved.valid.length || start === 0; start += CHUNK) {
        const rows = resolved.valid.slice(start, start + CHUNK);
        await runAsActor(deps.db, actor, (tx) => write(tx, rows, start === 0));
        state.processed += rows.length;
        state.created += rows.length;
        if (rows.length === 0) break;
      }
    }
    state.status = 'done';
    return state;
  } catch (error) {
    state.status = 'failed';
    if (!(error instanceof AppError))
      state.errors = [
        ...state.errors,
        {
          row: 0,
          field: 'file',
          message: 'The import stopped on a server error; rows already committed are counted in "created".',
          code: 'server_error',
        },
      ];
    throw error;
  } finally {
    const { userId: _user, ...final } = state;
    await runAsActor(deps.db, actor, async (tx) => {
      await finishImportRecord(tx, id, final);
      await writeAudit(tx, {
        actorId: actor.userId,
        action: 'contact.imported',
        targetType: 'contact_import',
        targetId: id,
        details: {
          source,
          mode,
          status: final.status,
          created: final.created,
          skipped: final.skipped,
          accountsCreated: final.accountsCreated,
        },
      });
    }).catch(() => undefined);
    setTimeout(() => live.delete(id), 10 * 60_000).unref();
  }
}

/** Creates the import's record (so its progress and result can be read from any instance). */
export async function startImportRecord(ctx: Ctx, mode: ImportMode, total: number): Promise<string> {
  return insertImportRecord(ctx.tx, ctx.actor.userId, mode, total);
}

export async function importProgress(ctx: Ctx, id: string): Promise<ImportProgress> {
  const running = live.get(id);
  if (running && running.userId === ctx.actor.userId) {
    const { userId: _user, ...progress } = running;
    return { ...progress, errors: progress.status === 'running' ? [] : progress.errors };
  }
  const row = await findImportRecord(ctx.tx, id, ctx.actor.userId);
  if (!row) throw notFound('import');
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    total: row.total,
    processed: row.processed,
    created: row.created,
    skipped: row.skipped,
    accountsCreated: 0,
    errors: row.errors ?? [],
  };
}
