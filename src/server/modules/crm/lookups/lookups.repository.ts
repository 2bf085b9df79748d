import type { Queryable } from '../../../db/client.js';
import type { Visibility } from '../../../../common/roles.js';

/**
 * Read functions the CRM publishes for other modules (knowledge…), so that their SQL never names
 * CRM tables. Each runs in the caller's transaction: under its row-level security, a record the
 * caller may not see is simply absent. Event handlers pass the system transaction.
 */

/** An account as the caller sees it. */
export type VisibleAccount = {
  id: string;
  name: string;
  ownerId: string;
  teamId: string | null;
  visibility: Visibility;
};
type AccountRow = {
  id: string;
  name: string;
  owner_id: string;
  team_id: string | null;
  visibility: Visibility;
};
const toAccount = (row: AccountRow): VisibleAccount => ({
  id: row.id,
  name: row.name,
  ownerId: row.owner_id,
  teamId: row.team_id,
  visibility: row.visibility,
});

export async function findVisibleAccount(tx: Queryable, accountId: string): Promise<VisibleAccount | null> {
  const [row] = await tx.query<AccountRow>(
    `select id, name, owner_id, team_id, visibility from accounts where id = $1`,
    [accountId],
  );
  return row ? toAccount(row) : null;
}

/** The visible accounts among `ids` (any order). */
export async function accountsByIds(tx: Queryable, ids: string[]): Promise<VisibleAccount[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<AccountRow>(
    `select id, name, owner_id, team_id, visibility from accounts where id = any ($1::uuid[])`,
    [ids],
  );
  return rows.map(toAccount);
}

/** A contact as the caller sees it, with what a mail to it needs (addresses, consent). */
export type VisibleContact = {
  id: string;
  firstName: string;
  lastName: string;
  emails: { address?: string }[];
  emailConsent: boolean;
  erasedAt: string | null;
  visibility: Visibility;
  teamId: string | null;
  ownerId: string;
};
type ContactRow = {
  id: string;
  first_name: string;
  last_name: string;
  emails: { address?: string }[] | string | null;
  email_consent: boolean;
  erased_at: string | null;
  visibility: Visibility;
  team_id: string | null;
  owner_id: string;
};
const toContact = (row: ContactRow): VisibleContact => ({
  id: row.id,
  firstName: row.first_name,
  lastName: row.last_name,
  emails: (typeof row.emails === 'string' ? JSON.parse(row.emails) : row.emails) ?? [],
  emailConsent: row.email_consent,
  erasedAt: row.erased_at,
  visibility: row.visibility,
  teamId: row.team_id,
  ownerId: row.owner_id,
});
const CONTACT_COLUMNS = `id, first_name, last_name, emails, email_consent, erased_at, visibility, team_id, owner_id`;

export async function findVisibleContact(tx: Queryable, contactId: string): Promise<VisibleContact | null> {
  const [row] = await tx.query<ContactRow>(`select ${CONTACT_COLUMNS} from contacts where id = $1`, [
    contactId,
  ]);
  return row ? toContact(row) : null;
}

/** The visible contacts among `ids` (any order). */
export async function contactsByIds(tx: Queryable, ids: string[]): Promise<VisibleContact[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<ContactRow>(
    `select ${CONTACT_COLUMNS} from contacts where id = any ($1::uuid[])`,
    [ids],
  );
  return rows.map(toContact);
}

/** The accounts of a contact the caller sees, its primary one first. */
export async function accountsOfContact(
  tx: Queryable,
  contactId: string,
): Promise<{ accountId: string; teamId: string | null; visibility: Visibility }[]> {
  const rows = await tx.query<{ account_id: string; team_id: string | null; visibility: Visibility }>(
    `select ac.account_id, a.team_id, a.visibility from account_contacts ac join accounts a on a.id = ac.account_id
      where ac.contact_id = $1 order by ac.is_primary desc`,
    [contactId],
  );
  return rows.map((row) => ({ accountId: row.account_id, teamId: row.team_id, visibility: row.visibility }));
}

export type VisibleProduct = { id: string; reference: string; name: string; descriptionMd: string | null };

/** The visible products among `ids`, by name. */
export async function productsByIds(tx: Queryable, ids: string[]): Promise<VisibleProduct[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string; reference: string; name: string; description_md: string | null }>(
    `select id, reference, name, description_md from products where id = any ($1::uuid[]) order by name`,
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    name: row.name,
    descriptionMd: row.description_md,
  }));
}

export type VisibleActivity = {
  id: string;
  subject: string;
  bodyMd: string;
  report: Record<string, unknown> | null;
  accountId: string | null;
  ownerId: string;
  visibility: Visibility;
};
type ActivityRow = {
  id: string;
  subject: string;
  body_md: string;
  report: Record<string, unknown> | null;
  account_id: string | null;
  owner_id: string;
  visibility: Visibility;
};
const toActivity = (row: ActivityRow): VisibleActivity => ({
  id: row.id,
  subject: row.subject,
  bodyMd: row.body_md,
  report: row.report,
  accountId: row.account_id,
  ownerId: row.owner_id,
  visibility: row.visibility,
});
const ACTIVITY_COLUMNS = `id, subject, body_md, report, account_id, owner_id, visibility`;

/** The visible activities among `ids` (any order). */
export async function activitiesByIds(tx: Queryable, ids: string[]): Promise<VisibleActivity[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<ActivityRow>(
    `select ${ACTIVITY_COLUMNS} from activities where id = any ($1::uuid[])`,
    [ids],
  );
  return rows.map(toActivity);
}

/**
 * Those of `ids` that are the account's activities the caller sees: probed by id, never every
 * activity of the account (100k on a big one).
 */
export async function activityIdsOfAccount(
  tx: Queryable,
  accountId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `select id from activities where id = any ($2::uuid[]) and account_id = $1`,
    [accountId, ids],
  );
  return rows.map((row) => row.id);
}

/** How often each lexeme occurs in an activity's subject and in its text (and the visit's outcome). */
export type ActivityTerms = { length: number; subject: Record<string, number>; text: Record<string, number> };

/**
 * The visible activities among `ids` whose subject and text (with a visit's outcome) match a
 * tsquery (French configuration), with their term frequencies: similar cases score them with
 * the same BM25 as knowledge answers, so a visit that names the problem ranks beside them.
 */
export async function activitiesMatching(
  tx: Queryable,
  ids: string[],
  tsquery: string,
): Promise<(VisibleActivity & { terms: ActivityTerms })[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<ActivityRow & { terms: ActivityTerms }>(
    `with a as (
       select ${ACTIVITY_COLUMNS}, to_tsvector('relais_fr', subject) as subject_vector,
              to_tsvector('relais_fr', body_md || ' ' || coalesce(report->>'outcome', '')) as text_vector
         from activities where id = any ($1::uuid[]))
     select ${ACTIVITY_COLUMNS},
            json_build_object(
              'length', length(subject_vector || text_vector),
              'subject', (select coalesce(json_object_agg(lexeme, coalesce(array_length(positions, 1), 1)), '{}') from unnest(subject_vector)),
              'text', (select coalesce(json_object_agg(lexeme, coalesce(array_length(positions, 1), 1)), '{}') from unnest(text_vector))
            ) as terms
       from a where (subject_vector || text_vector) @@ $2::tsquery`,
    [ids, tsquery],
  );
  return rows.map((row) => ({ ...toActivity(row), terms: row.terms }));
}

/** An offer as the caller sees it (never its contact: that one may be secret to the caller). */
export type VisibleOffer = {
  id: string;
  title: string;
  accountId: string;
  stage: string;
  amount: number;
  currency: string;
  expectedCloseDate: string | null;
  closedAt: string | null;
  ownerId: string;
  visibility: Visibility;
};

export async function findVisibleOffer(tx: Queryable, offerId: string): Promise<VisibleOffer | null> {
  const [row] = await tx.query<{
    id: string;
    title: string;
    account_id: string;
    stage: string;
    amount: string | number;
    currency: string;
    expected_close_date: string | null;
    closed_at: Date | string | null;
    owner_id: string;
    visibility: Visibility;
  }>(
    `select o.id, o.title, o.account_id, s.key as stage, o.amount, o.currency,
            to_char(o.expected_close_date, 'YYYY-MM-DD') as expected_close_date, o.closed_at, o.owner_id, o.visibility
       from offers o join offer_stages s on s.id = o.stage_id where o.id = $1`,
    [offerId],
  );
  return row
    ? {
        id: row.id,
        title: row.title,
        accountId: row.account_id,
        stage: row.stage,
        amount: Number(row.amount),
        currency: row.currency,
        expectedCloseDate: row.expected_close_date,
        closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
        ownerId: row.owner_id,
        visibility: row.visibility,
      }
    : null;
}
