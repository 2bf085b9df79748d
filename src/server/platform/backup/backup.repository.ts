import type { Queryable } from '../../db/client.js';

/** A quoted SQL identifier (table and sequence names come from the catalogue, never from input). */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type TableColumns = { name: string; insertable: string[]; identityAlways: boolean };
export type TableSummary = { rows: number; checksum: string };
export type SequenceState = { lastValue: number; isCalled: boolean };

/**
 * Fixes the settings that shape a row's text, so a checksum taken on PGlite (PostgreSQL 17)
 * equals the one taken on a PostgreSQL 15 server, whatever their defaults.
 */
export async function setStableOutput(tx: Queryable): Promise<void> {
  await tx.query(
    `select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
            set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '1', true),
            set_config('bytea_output', 'hex', true)`,
  );
}

/** The first statement of the backup transaction: one snapshot for every table (PostgreSQL). */
export const beginSnapshot = (tx: Queryable) =>
  tx.query('set transaction isolation level repeatable read, read only');

/** The application's tables: ordinary tables of schema public, not owned by an extension. */
export async function listTables(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
      order by c.relname`,
  );
  return rows.map((row) => row.name);
}

/** Columns a restore writes (generated columns are computed again by the database). */
export async function tableColumns(tx: Queryable, table: string): Promise<TableColumns> {
  const rows = await tx.query<{ name: string; generated: boolean; identity_always: boolean }>(
    `select a.attname as name, a.attgenerated <> '' as generated, a.attidentity = 'a' as identity_always
       from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [ident(table)],
  );
  return {
    name: table,
    insertable: rows.filter((row) => !row.generated).map((row) => row.name),
    identityAlways: rows.some((row) => row.identity_always),
  };
}

/** Row count and an md5 of every row's text in a collation-independent order. */
export async function summarizeTable(tx: Queryable, table: string): Promise<TableSummary> {
  const [row] = await tx.query<{ rows: number; checksum: string }>(
    `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate "C"), '')) as checksum
       from ${ident(table)} t`,
  );
  return { rows: row.rows, checksum: row.checksum };
}

/** Reads a table as JSON rows, `batch` at a time, through a cursor of the open transaction. */
export async function* readRows(tx: Queryable, table: string, batch = 1000): AsyncGenerator<string[]> {
  await tx.query(
    `declare relais_backup_rows no scroll cursor for select row_to_json(t)::text as j from ${ident(table)} t`,
  );
  try {
    for (;;) {
      const rows = await tx.query<{ j: string }>(`fetch ${batch} from relais_backup_rows`);
      if (!rows.length) return;
      yield rows.map((row) => row.j);
    }
  } finally {
    await tx.query('close relais_backup_rows');
  }
}

export async function readSequences(tx: Queryable): Promise<Record<string, SequenceState>> {
  const names = await tx.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const result: Record<string, SequenceState> = {};
  for (const { name } of names) {
    const [row] = await tx.query<{ last_value: number; is_called: boolean }>(
      `select last_value, is_called from ${ident(name)}`,
    );
    result[name] = { lastValue: Number(row.last_value), isCalled: row.is_called };
  }
  return result;
}

export async function setSequence(tx: Queryable, name: string, state: SequenceState): Promise<void> {
  await tx.query('select setval($1::regclass, $2, $3)', [ident(name), state.lastValue, state.isCalled]);
}

/** How many people the target already holds (0 when it was never migrated). */
export async function countUsers(db: Queryable): Promise<number> {
  const [exists] = await db.query<{ found: boolean }>(
    `select to_regclass('public.users') is not null as found`,
  );
  if (!exists.found) return 0;
  const [row] = await db.query<{ count: number }>('select count(*)::int as count from users');
  return row.count;
}

/**
 * Empties the target: the whole public schema goes (tables, functions, policies, grants),
 * to be rebuilt by the archive's migrations.
 */
export async function resetSchema(tx: Queryable): Promise<void> {
  await tx.exec('drop schema if exists public cascade; create schema public');
}

/**
 * Triggers and foreign-key checks stay off for the rest of the transaction, so rows load in
 * any order exactly as they were (needs a superuser on a PostgreSQL server, or a role granted
 * SET on session_replication_role).
 */
export async function suspendTriggers(tx: Queryable): Promise<void> {
  await tx.query(`select set_config('session_replication_role', 'replica', true)`);
}

/** The migrations applied, in order: the last one is the schema version. */
export async function listMigrations(tx: Queryable): Promise<string[]> {
  return (await tx.query<{ name: string }>('select name from schema_migrations order by name')).map(
    (row) => row.name,
  );
}

export async function recordMigration(tx: Queryable, name: string): Promise<void> {
  await tx.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  await tx.query('insert into schema_migrations (name) values ($1)', [name]);
}

/** Removes the rows migrations inserted (defaults, markers): the archive's rows replace them. */
export async function truncateTables(tx: Queryable, tables: string[]): Promise<void> {
  if (tables.length) await tx.exec(`truncate ${tables.map(ident).join(', ')}`);
}

export async function insertRows(tx: Queryable, table: TableColumns, jsonRows: string[]): Promise<void> {
  const columns = table.insertable.map(ident).join(', ');
  await tx.query(
    `insert into ${ident(table.name)} (${columns}) ${table.identityAlways ? 'overriding system value' : ''}
     select ${columns} from json_populate_recordset(null::${ident(table.name)}, $1::json)`,
    [`[${jsonRows.join(',')}]`],
  );
}

export async function serverVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(`select current_setting('server_version') as version`);
  return row.version;
}
