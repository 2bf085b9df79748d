import { noted, noteSecretRows } from '../../../platform/secret-reads.js';
import type { Queryable } from '../../../db/client.js';
import {
  cappedCountSql,
  cappedTotal,
  decodeKeysetCursor,
  keysetAfter,
  toKeysetPage,
  type Keyset,
  type KeysetRow,
} from '../../../platform/list-query.js';
import type { Account, AccountFilters } from './accounts.schemas.js';

const ACCOUNT_COLUMNS = `a.*, trim(u.first_name || ' ' || u.last_name) as owner_name, t.name as team_name,
  (select count(*)::int from account_contacts ac join contacts c on c.id = ac.contact_id where ac.account_id = a.id) as contact_count`;
const ACCOUNT_FROM = `accounts a left join users u on u.id = a.owner_id left join teams t on t.id = a.team_id`;

/** An `accounts` row as `select a.*` reads it. */
export type AccountTableRow = {
  id: string;
  name: string;
  kind: Account['kind'];
  siren: string | null;
  siret: string | null;
  sector: string | null;
  size: Account['size'];
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  segment: string | null;
  tags: string[] | null;
  custom_fields: Record<string, unknown> | null;
  phone: string | null;
  website: string | null;
  owner_id: string;
  team_id: string | null;
  visibility: Account['visibility'];
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
};
/** What ACCOUNT_COLUMNS selects. */
type AccountRow = AccountTableRow & {
  owner_name?: string | null;
  team_name?: string | null;
  contact_count?: number | null;
};

export const toAccount = (row: AccountRow): Account =>
  noted('account', {
    id: row.id,
    name: row.name,
    kind: row.kind,
    siren: row.siren,
    siret: row.siret,
    sector: row.sector,
    size: row.size,
    addressLine: row.address_line,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    segment: row.segment,
    tags: row.tags ?? [],
    customFields: row.custom_fields ?? {},
    phone: row.phone,
    website: row.website,
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? null,
    teamId: row.team_id,
    teamName: row.team_name ?? null,
    visibility: row.visibility,
    contactCount: row.contact_count ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

/** Account fields → columns, for inserts and updates (never user text as SQL). */
export const ACCOUNT_COLUMN_OF: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  siren: 'siren',
  siret: 'siret',
  sector: 'sector',
  size: 'size',
  addressLine: 'address_line',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  segment: 'segment',
  tags: 'tags',
  customFields: 'custom_fields',
  phone: 'phone',
  website: 'website',
  ownerId: 'owner_id',
  teamId: 'team_id',
  visibility: 'visibility',
};

const columnValue = (key: string, value: unknown) =>
  key === 'customFields' ? JSON.stringify(value ?? {}) : value;

/** WHERE clause of the list filters (the same for the list, its count and the CSV export). */
export function accountWhere(
  filters: AccountFilters,
  matches?: string[],
): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.kind) where.push(`a.kind = $${params.push(filters.kind)}`);
  if (filters.ownerId) where.push(`a.owner_id = $${params.push(filters.ownerId)}`);
  if (filters.teamId) where.push(`a.team_id = $${params.push(filters.teamId)}`);
  if (filters.segment) where.push(`lower(a.segment) = lower($${params.push(filters.segment)})`);
  if (filters.tag) where.push(`$${params.push(filters.tag)} = any (a.tags)`);
  if (filters.visibility) where.push(`a.visibility = $${params.push(filters.visibility)}`);
  // Through the text indexes (a definer function that applies the visibility rule); the rows
  // themselves are still read under RLS.
  // `matches`: those ids, found once for both the page and its count (see accountMatches).
  if (filters.q && matches) where.push(`a.id = any ($${params.push(matches)}::uuid[])`);
  else if (filters.q)
    where.push(
      `a.id = any (array(select m.id from crm_account_matches($${params.push(filters.q)}, true) m))`,
    );
  return { clause: where.length ? `where ${where.join(' and ')}` : '', params };
}

/** Ids of the accounts the caller sees whose name, city, SIREN or SIRET match `q` (0171). */
async function accountMatches(db: Queryable, q: string): Promise<string[]> {
  const [{ ids }] = await db.query<{ ids: string[] }>(
    `select array(select m.id from crm_account_matches($1, true) m)::text[] as ids`,
    [q],
  );
  return ids;
}

/** One page of the list: keyset-paged in the order of `keyset`, with a total capped at COUNT_CAP. */
export async function findAccounts(
  db: Queryable,
  filters: AccountFilters,
  keyset: Keyset,
  limit: number,
  cursor?: string,
) {
  const after = decodeKeysetCursor(cursor);
  // The text search runs once (its trigram rechecks are the costly part), not for page and count.
  const matches = filters.q ? await accountMatches(db, filters.q) : undefined;
  const { clause, params } = accountWhere(filters, matches);
  const pageParams = [...params];
  const where = after
    ? `${clause ? `${clause} and` : 'where'} ${keysetAfter(keyset, after, (value) => `$${pageParams.push(value)}`)}`
    : clause;
  const rows = await db.query<AccountRow & KeysetRow>(
    `select ${ACCOUNT_COLUMNS}, (${keyset.key})::text as sort_key from ${ACCOUNT_FROM} ${where} ${keyset.order} limit ${limit + 1}`,
    pageParams,
  );
  const [{ count }] = await db.query<{ count: number }>(cappedCountSql(`from accounts a ${clause}`), params);
  return toKeysetPage(rows, limit, toAccount, cappedTotal(count));
}

export async function findAllAccounts(db: Queryable, filters: AccountFilters, order: string, max: number) {
  const { clause, params } = accountWhere(filters);
  return (
    await db.query<AccountRow>(
      `select ${ACCOUNT_COLUMNS} from ${ACCOUNT_FROM} ${clause} ${order} limit ${max}`,
      params,
    )
  ).map(toAccount);
}

export async function findAccount(db: Queryable, id: string): Promise<Account | undefined> {
  const rows = await db.query<AccountRow>(`select ${ACCOUNT_COLUMNS} from ${ACCOUNT_FROM} where a.id = $1`, [
    id,
  ]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

/** Contacts of an account the caller may see (RLS on contacts applies through the join). */
export async function findAccountContacts(db: Queryable, accountId: string) {
  const rows = await db.query<{
    id: string;
    first_name: string;
    last_name: string;
    title: string | null;
    role: string | null;
    is_primary: boolean;
    email: string | null;
    phone: string | null;
    visibility: string;
    owner_id: string;
  }>(
    `select c.id, c.first_name, c.last_name, c.title, ac.role, ac.is_primary, c.emails -> 0 ->> 'address' as email, c.phones -> 0 ->> 'number' as phone, c.visibility, c.owner_id
       from account_contacts ac join contacts c on c.id = ac.contact_id
      where ac.account_id = $1 order by ac.is_primary desc, lower(c.last_name), lower(c.first_name)`,
    [accountId],
  );
  noteSecretRows('contact', rows);
  return rows.map((row) => ({
    contactId: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    role: row.role,
    isPrimary: row.is_primary,
    email: row.email,
    phone: row.phone,
  }));
}

export async function insertAccount(db: Queryable, values: Record<string, unknown>): Promise<string> {
  const keys = Object.keys(values).filter((key) => ACCOUNT_COLUMN_OF[key] && values[key] !== undefined);
  const [row] = await db.query<{ id: string }>(
    `insert into accounts (${keys.map((key) => ACCOUNT_COLUMN_OF[key]).join(', ')}) values (${keys.map((_, index) => `$${index + 1}`).join(', ')}) returning id`,
    keys.map((key) => columnValue(key, values[key])),
  );
  return row.id;
}

export async function updateAccountRow(
  db: Queryable,
  id: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  const keys = Object.keys(values).filter((key) => ACCOUNT_COLUMN_OF[key]);
  if (keys.length === 0) return true;
  const rows = await db.query(
    `update accounts set ${keys.map((key, index) => `${ACCOUNT_COLUMN_OF[key]} = $${index + 2}`).join(', ')}, updated_at = now() where id = $1 returning id`,
    [id, ...keys.map((key) => columnValue(key, values[key]))],
  );
  return rows.length > 0;
}

/** The user's team (accounts default to their owner's team) — null when unknown or inactive. */
export async function findUserTeam(db: Queryable, userId: string): Promise<{ teamId: string | null } | null> {
  const rows = await db.query<{ team_id: string | null }>(
    `select team_id from users where id = $1 and active`,
    [userId],
  );
  return rows[0] ? { teamId: rows[0].team_id } : null;
}

export async function teamExists(db: Queryable, teamId: string): Promise<boolean> {
  return (await db.query(`select 1 from teams where id = $1`, [teamId])).length > 0;
}

/** Deletes an account with its documents and grants (its other records cascade). */
export async function deleteAccountRow(db: Queryable, id: string): Promise<void> {
  await db.query(`delete from documents where parent_type = 'account' and parent_id = $1`, [id]);
  await db.query(`delete from record_grants where record_type = 'account' and record_id = $1`, [id]);
  await db.query(`delete from accounts where id = $1`, [id]);
}

/** Moves every record linked to `otherId` onto `id`, then deletes `otherId` (in the database). */
export async function mergeAccountRows(db: Queryable, id: string, otherId: string): Promise<void> {
  await db.query(`select relais_merge_accounts($1, $2)`, [id, otherId]);
}

export type AccountHit = {
  id: string;
  name: string;
  city: string | null;
  kind: string;
  segment: string | null;
  visibility: string;
  owner_id: string;
  score: number | string;
};

/** Accounts by name (accent-insensitive, typo-tolerant), city or SIREN, best first. */
export async function searchAccountRows(db: Queryable, query: string, limit: number): Promise<AccountHit[]> {
  return db.query<AccountHit>(
    `select a.id, a.name, a.city, a.kind, a.segment, a.visibility, a.owner_id,
            greatest(similarity(relais_unaccent(lower(a.name)), relais_unaccent(lower($1))),
                     case when relais_unaccent(lower(a.name)) like relais_unaccent(lower($1)) || '%' then 0.9
                          when relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower($1)) || '%' then 0.6 else 0 end,
                     case when a.siren = replace($1, ' ', '') then 1 else 0 end,
                     case when relais_unaccent(lower(coalesce(a.city, ''))) = relais_unaccent(lower($1)) then 0.5 else 0 end) as score
       from accounts a
      where a.id = any (array(select m.id from crm_account_matches($1, false) m))
      order by score desc, a.name limit $2`,
    [query, limit],
  );
}
