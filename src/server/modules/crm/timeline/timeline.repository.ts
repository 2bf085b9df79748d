import type { Queryable } from '../../../db/client.js';
import { cappedCountSql } from '../../../platform/list-query.js';
import type { AccountTableRow } from '../accounts/accounts.repository.js';
import type { Visibility } from '../../../../common/roles.js';

/** SQL of the CRM's own timeline entries (CRM-6). Runs under the caller's RLS; pages by time. */

const beforeClause = (column: string, before?: string) => (before ? `and ${column} < $3::timestamptz` : '');
const paramsOf = (accountId: string, limit: number, before?: string) =>
  before ? [accountId, limit, before] : [accountId, limit];
/** The count of `fromWhere` (its `$1` the account), stopped one row past `cap`. */
const countOf = async (tx: Queryable, fromWhere: string, accountId: string, cap: number) =>
  (await tx.query<{ count: number }>(cappedCountSql(fromWhere, cap), [accountId]))[0].count;
/* A document's parent is probed by its primary key (documents are few; an account's activities
   can be 100k: `parent_id in (select … where account_id = $1)` read them all under RLS). */
const DOCUMENTS_OF_ACCOUNT = `where ((d.parent_type = 'account' and d.parent_id = $1)
           or (d.parent_type = 'offer' and exists (select 1 from offers o where o.id = d.parent_id and o.account_id = $1))
           or (d.parent_type = 'activity' and exists (select 1 from activities x where x.id = d.parent_id and x.account_id = $1)))`;

export type Page = { before?: string; limit: number };

/** The account's row as the caller sees it (every column: the brief shows them), or null. */
export async function findAccountRow(tx: Queryable, accountId: string): Promise<AccountTableRow | null> {
  const [row] = await tx.query<AccountTableRow>(`select * from accounts where id = $1`, [accountId]);
  return row ?? null;
}

export type ActivityEntryRow = {
  id: string;
  kind: string;
  subject: string;
  body_md: string | null;
  report: { outcome?: string } | null;
  occurred_at: string;
  due_date: string | null;
  done_at: string | null;
  visibility: Visibility;
  owner_id: string;
  actor: string | null;
};

export async function activityEntries(tx: Queryable, accountId: string, { before, limit }: Page) {
  return tx.query<ActivityEntryRow>(
    `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.due_date, x.done_at, x.visibility, x.owner_id, trim(u.first_name || ' ' || u.last_name) as actor
       from activities x join users u on u.id = x.owner_id
      where x.account_id = $1 ${beforeClause('x.occurred_at', before)} order by x.occurred_at desc limit $2`,
    paramsOf(accountId, limit, before),
  );
}

export const countActivities = (tx: Queryable, accountId: string, cap: number) =>
  countOf(tx, `from activities x where x.account_id = $1`, accountId, cap);

export type OfferEntryRow = {
  id: string;
  title: string;
  amount: string | number;
  updated_at: string;
  close_reason: string | null;
  visibility: Visibility;
  owner_id: string;
  stage: string;
  name_fr: string;
  name_en: string;
  outcome: string | null;
  actor: string | null;
};

export async function offerEntries(tx: Queryable, accountId: string, { before, limit }: Page) {
  return tx.query<OfferEntryRow>(
    `select o.id, o.title, o.amount, o.updated_at, o.close_reason, o.visibility, o.owner_id, s.key as stage, s.name_fr, s.name_en, s.outcome, trim(u.first_name || ' ' || u.last_name) as actor
       from offers o join offer_stages s on s.id = o.stage_id join users u on u.id = o.owner_id
      where o.account_id = $1 ${beforeClause('o.updated_at', before)} order by o.updated_at desc limit $2`,
    paramsOf(accountId, limit, before),
  );
}

export const countOffers = (tx: Queryable, accountId: string, cap: number) =>
  countOf(tx, `from offers o where o.account_id = $1`, accountId, cap);

export type DocumentEntryRow = {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: string | number;
  created_at: string;
  parent_type: string;
  parent_id: string;
  actor: string | null;
};

export async function documentEntries(tx: Queryable, accountId: string, { before, limit }: Page) {
  return tx.query<DocumentEntryRow>(
    `select d.id, d.file_name, d.content_type, d.size_bytes, d.created_at, d.parent_type, d.parent_id, trim(u.first_name || ' ' || u.last_name) as actor
       from documents d left join users u on u.id = d.uploaded_by
      ${DOCUMENTS_OF_ACCOUNT}
        ${beforeClause('d.created_at', before)} order by d.created_at desc limit $2`,
    paramsOf(accountId, limit, before),
  );
}

export const countDocuments = (tx: Queryable, accountId: string, cap: number) =>
  countOf(tx, `from documents d ${DOCUMENTS_OF_ACCOUNT}`, accountId, cap);
