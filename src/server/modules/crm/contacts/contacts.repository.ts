import {
  cappedCountSql,
  cappedTotal,
  decodeKeysetCursor,
  keysetAfter,
  toKeysetPage,
  type Keyset,
  type KeysetRow,
} from '../../../platform/list-query.js';
import { noted } from '../../../platform/secret-reads.js';
import type { Queryable } from '../../../db/client.js';
import type { Contact, ContactFilters } from './contacts.schemas.js';

const CONTACT_COLUMNS = `c.*, trim(u.first_name || ' ' || u.last_name) as owner_name,
  coalesce((select json_agg(json_build_object('accountId', a.id, 'accountName', a.name, 'role', ac.role, 'isPrimary', ac.is_primary) order by ac.is_primary desc, a.name)
              from account_contacts ac join accounts a on a.id = ac.account_id where ac.contact_id = c.id), '[]') as account_links`;
const CONTACT_FROM = `contacts c left join users u on u.id = c.owner_id`;

export const displayNameOf = (row: { first_name: string; last_name: string; erased_at?: string | null }) =>
  row.erased_at ? '—' : `${row.first_name} ${row.last_name}`.trim() || '—';

/** What CONTACT_COLUMNS selects: the `contacts` columns, the owner's name and the account links. */
type ContactRow = {
  id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  emails: Contact['emails'] | null;
  phones: Contact['phones'] | null;
  email_consent: boolean;
  consent_at: string | null;
  consent_source: string | null;
  notes: string | null;
  custom_fields: Record<string, unknown> | null;
  owner_id: string;
  owner_name?: string | null;
  team_id: string | null;
  visibility: Contact['visibility'];
  erased_at: string | null;
  /** json_agg comes back parsed (pg, PGlite) or as text, depending on the driver. */
  account_links: Contact['accounts'] | string | null;
  created_at: string;
  updated_at: string;
};

export const toContact = (row: ContactRow): Contact =>
  noted('contact', {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: displayNameOf(row),
    title: row.title,
    emails: row.emails ?? [],
    phones: row.phones ?? [],
    emailConsent: row.email_consent,
    consentAt: row.consent_at,
    consentSource: row.consent_source,
    notes: row.notes,
    customFields: row.custom_fields ?? {},
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? null,
    teamId: row.team_id,
    visibility: row.visibility,
    erasedAt: row.erased_at,
    accounts:
      typeof row.account_links === 'string'
        ? (JSON.parse(row.account_links) as Contact['accounts'])
        : (row.account_links ?? []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

export const CONTACT_COLUMN_OF: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  emails: 'emails',
  phones: 'phones',
  emailConsent: 'email_consent',
  consentAt: 'consent_at',
  consentSource: 'consent_source',
  notes: 'notes',
  customFields: 'custom_fields',
  ownerId: 'owner_id',
  teamId: 'team_id',
  visibility: 'visibility',
};
const JSON_COLUMNS = new Set(['emails', 'phones', 'customFields']);
const valueOf = (key: string, value: unknown) => (JSON_COLUMNS.has(key) ? JSON.stringify(value) : value);

export function contactWhere(filters: ContactFilters): { clause: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  // Through the accounts the reader sees: a hidden account's contacts are not listed by its id.
  if (filters.accountId)
    where.push(
      `exists (select 1 from account_contacts ac join accounts fa on fa.id = ac.account_id where ac.contact_id = c.id and ac.account_id = $${params.push(filters.accountId)})`,
    );
  if (filters.ownerId) where.push(`c.owner_id = $${params.push(filters.ownerId)}`);
  if (filters.teamId) where.push(`c.team_id = $${params.push(filters.teamId)}`);
  if (filters.consent) where.push(`c.email_consent = $${params.push(filters.consent === 'true')}`);
  if (filters.visibility) where.push(`c.visibility = $${params.push(filters.visibility)}`);
  if (filters.q) {
    const p = params.push(filters.q);
    where.push(`(relais_unaccent(lower(c.first_name || ' ' || c.last_name)) like '%' || relais_unaccent(lower($${p})) || '%'
      or relais_unaccent(lower(c.first_name || ' ' || c.last_name)) % relais_unaccent(lower($${p}))
      or exists (select 1 from jsonb_array_elements(c.emails) e where e ->> 'address' like '%' || lower($${p}) || '%'))`);
  }
  return { clause: where.length ? `where ${where.join(' and ')}` : '', params };
}

/** One page of the list, keyset-paged in the order of `keyset` (the cursor: the last row's sort key and id). */
export async function findContacts(
  db: Queryable,
  filters: ContactFilters,
  keyset: Keyset,
  limit: number,
  cursor?: string,
) {
  const after = decodeKeysetCursor(cursor);
  const { clause, params } = contactWhere(filters);
  const pageParams = [...params];
  const where = after
    ? `${clause ? `${clause} and` : 'where'} ${keysetAfter(keyset, after, (value) => `$${pageParams.push(value)}`)}`
    : clause;
  const rows = await db.query<ContactRow & KeysetRow>(
    `select ${CONTACT_COLUMNS}, (${keyset.key})::text as sort_key from ${CONTACT_FROM} ${where} ${keyset.order} limit ${limit + 1}`,
    pageParams,
  );
  // Exact up to COUNT_CAP, then "more than 1,000" (250k contacts: no full count under RLS).
  const [{ count }] = await db.query<{ count: number }>(cappedCountSql(`from contacts c ${clause}`), params);
  return toKeysetPage(rows, limit, toContact, cappedTotal(count));
}

export async function findAllContacts(db: Queryable, filters: ContactFilters, order: string, max: number) {
  const { clause, params } = contactWhere(filters);
  return (
    await db.query<ContactRow>(
      `select ${CONTACT_COLUMNS} from ${CONTACT_FROM} ${clause} ${order} limit ${max}`,
      params,
    )
  ).map(toContact);
}

export async function findContact(db: Queryable, id: string): Promise<Contact | undefined> {
  const rows = await db.query<ContactRow>(`select ${CONTACT_COLUMNS} from ${CONTACT_FROM} where c.id = $1`, [
    id,
  ]);
  return rows[0] ? toContact(rows[0]) : undefined;
}

export async function insertContact(db: Queryable, values: Record<string, unknown>): Promise<string> {
  const keys = Object.keys(values).filter((key) => CONTACT_COLUMN_OF[key] && values[key] !== undefined);
  const [row] = await db.query<{ id: string }>(
    `insert into contacts (${keys.map((key) => CONTACT_COLUMN_OF[key]).join(', ')}) values (${keys.map((_, index) => `$${index + 1}`).join(', ')}) returning id`,
    keys.map((key) => valueOf(key, values[key])),
  );
  return row.id;
}

export async function updateContactRow(
  db: Queryable,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const keys = Object.keys(values).filter((key) => CONTACT_COLUMN_OF[key]);
  if (keys.length === 0) return;
  await db.query(
    `update contacts set ${keys.map((key, index) => `${CONTACT_COLUMN_OF[key]} = $${index + 2}`).join(', ')}, updated_at = now() where id = $1`,
    [id, ...keys.map((key) => valueOf(key, values[key]))],
  );
}

/** Replaces the account links of a contact (accounts already checked visible). */
export async function replaceAccountLinks(
  db: Queryable,
  contactId: string,
  links: { accountId: string; role?: string | null; isPrimary: boolean }[],
) {
  await db.query(
    `delete from account_contacts where contact_id = $1 and account_id in (select id from accounts)`,
    [contactId],
  );
  for (const link of links) {
    await db.query(
      `insert into account_contacts (account_id, contact_id, role, is_primary) values ($1, $2, $3, $4)
       on conflict (account_id, contact_id) do update set role = excluded.role, is_primary = excluded.is_primary`,
      [link.accountId, contactId, link.role ?? null, link.isPrimary],
    );
  }
}

/** Of `ids`, the accounts the caller can see (RLS). */
export async function visibleAccountIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(`select id from accounts where id = any ($1::uuid[])`, [ids]);
  return new Set(rows.map((row) => row.id));
}

export type ContactHit = {
  id: string;
  name: string;
  title: string | null;
  visibility: string;
  owner_id: string;
  account_name: string | null;
  score: number | string;
};

/**
 * Contacts by name (accent-insensitive, typo-tolerant) or e-mail, best first; erased ones never.
 * crm_contact_search (0175) scores the matches the caller may see and returns the best `limit`:
 * only those rows are read here, under row-level security.
 */
export async function searchContactRows(db: Queryable, query: string, limit: number): Promise<ContactHit[]> {
  return db.query<ContactHit>(
    `select c.id, trim(c.first_name || ' ' || c.last_name) as name, c.title, c.visibility, c.owner_id,
            (select a.name from account_contacts ac join accounts a on a.id = ac.account_id where ac.contact_id = c.id order by ac.is_primary desc limit 1) as account_name,
            m.score
       from crm_contact_search($1, $2) m join contacts c on c.id = m.id
      where c.erased_at is null
      order by m.score desc, c.last_name, c.id`,
    [query, limit],
  );
}

/** Deletes a contact and its grants (its links cascade). */
export async function deleteContactRow(db: Queryable, id: string): Promise<void> {
  await db.query(`delete from record_grants where record_type = 'contact' and record_id = $1`, [id]);
  await db.query(`delete from contacts where id = $1`, [id]);
}
