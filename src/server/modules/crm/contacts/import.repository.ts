import type { Actor } from '../../../db/access.js';
import type { Queryable } from '../../../db/client.js';

/** A row's problem, as import-rows reports it (declared here too so the two files do not import each other). */
type RowError = { row: number; field: string; message: string; code: string };
/** The contact fields of a validated import row. */
type ImportedContact = {
  firstName: string;
  lastName: string;
  title: string | null;
  emails: { address: string; label: string }[];
  phones: { number: string; label: string }[];
  emailConsent: boolean;
  consentAt: string | null;
  consentSource: string | null;
  notes: string | null;
};

/** The addresses among `addresses` already held by a contact the reader sees. */
export async function findUsedAddresses(tx: Queryable, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await tx.query<{ address: string }>(
    `select distinct e ->> 'address' as address from contacts c, jsonb_array_elements(c.emails) e where e ->> 'address' = any ($1::text[])`,
    [addresses],
  );
  return new Set(rows.map((r) => r.address));
}

/** Visible accounts whose normalised name is one of `keys` (the oldest per key): key → id. */
export async function findAccountIdsByKey(tx: Queryable, keys: string[]): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  if (keys.length === 0) return accounts;
  const found = await tx.query<{ id: string; key: string }>(
    `select distinct on (k.key) a.id, k.key from accounts a join unnest($1::text[]) k(key) on regexp_replace(relais_unaccent(lower(a.name)), '\\s+', ' ', 'g') = k.key order by k.key, a.created_at`,
    [keys],
  );
  for (const row of found) accounts.set(row.key, row.id);
  return accounts;
}

/** Inserts imported contacts (team visibility, owned by the importer); their ids in row order. */
export async function insertImportedContacts(
  tx: Queryable,
  actor: Actor,
  rows: ImportedContact[],
): Promise<string[]> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const base = params.length;
    params.push(
      row.firstName,
      row.lastName,
      row.title,
      JSON.stringify(row.emails),
      JSON.stringify(row.phones),
      row.emailConsent,
      row.consentAt,
      row.consentSource,
      row.notes,
      actor.userId,
      actor.teamId,
    );
    return `(${Array.from({ length: 11 }, (_, index) => `$${base + index + 1}`).join(', ')}, 'team')`;
  });
  const inserted = await tx.query<{ id: string }>(
    `insert into contacts (first_name, last_name, title, emails, phones, email_consent, consent_at, consent_source, notes, owner_id, team_id, visibility)
     values ${tuples.join(', ')} returning id`,
    params,
  );
  return inserted.map((row) => row.id);
}

export async function linkImportedContacts(
  tx: Queryable,
  links: { accountId: string; contactId: string; role: string | null }[],
) {
  if (links.length === 0) return;
  await tx.query(
    `insert into account_contacts (account_id, contact_id, role, is_primary)
     select a, c, r, false from unnest($1::uuid[], $2::uuid[], $3::text[]) as t(a, c, r) on conflict do nothing`,
    [links.map((l) => l.accountId), links.map((l) => l.contactId), links.map((l) => l.role)],
  );
}

/** One `contact.created` event per imported contact, in one statement, then the outbox is woken. */
export async function emitContactsImported(tx: Queryable, contactIds: string[], actorId: string) {
  await tx.query(
    `insert into outbox_events (type, payload, actor_id)
     select 'contact.created', jsonb_build_object('contactId', c.id, 'accountIds', coalesce((select jsonb_agg(ac.account_id) from account_contacts ac where ac.contact_id = c.id), '[]'), 'source', 'import'), $2
       from unnest($1::uuid[]) as c(id)`,
    [contactIds, actorId],
  );
  await tx.query(`select pg_notify('relais_outbox', '')`);
}

/** Creates the named accounts as prospects tagged `import`, with their `account.created` events. */
export async function insertImportedAccounts(
  tx: Queryable,
  actor: Actor,
  names: string[],
): Promise<{ id: string; name: string }[]> {
  const created = await tx.query<{ id: string; name: string }>(
    `insert into accounts (name, kind, owner_id, team_id, visibility, tags) select n, 'prospect', $2, $3, 'team', '{import}' from unnest($1::text[]) as t(n) returning id, name`,
    [names, actor.userId, actor.teamId],
  );
  await tx.query(
    `insert into outbox_events (type, payload, actor_id) select 'account.created', jsonb_build_object('accountId', id, 'source', 'import'), $2 from unnest($1::uuid[]) as t(id)`,
    [created.map((r) => r.id), actor.userId],
  );
  return created;
}

export type ImportRecordRow = {
  id: string;
  user_id: string;
  mode: 'all_or_nothing' | 'skip_invalid';
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  created: number;
  skipped: number;
  errors: RowError[] | null;
};

export async function insertImportRecord(
  tx: Queryable,
  userId: string,
  mode: string,
  total: number,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into contact_imports (user_id, mode, status, total) values ($1, $2, 'running', $3) returning id`,
    [userId, mode, total],
  );
  return row.id;
}

/** An import of this user's, or null. */
export async function findImportRecord(
  tx: Queryable,
  id: string,
  userId: string,
): Promise<ImportRecordRow | null> {
  const rows = await tx.query<ImportRecordRow>(
    `select * from contact_imports where id = $1 and user_id = $2`,
    [id, userId],
  );
  return rows[0] ?? null;
}

export async function finishImportRecord(
  tx: Queryable,
  id: string,
  final: {
    status: string;
    total: number;
    processed: number;
    created: number;
    skipped: number;
    errors: RowError[];
  },
) {
  await tx.query(
    `update contact_imports set status = $2, total = $3, processed = $4, created = $5, skipped = $6, errors = $7, finished_at = now() where id = $1`,
    [
      id,
      final.status,
      final.total,
      final.processed,
      final.created,
      final.skipped,
      JSON.stringify(final.errors.slice(0, 5000)),
    ],
  );
}
