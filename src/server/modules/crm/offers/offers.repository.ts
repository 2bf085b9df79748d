import { noted } from '../../../platform/secret-reads.js';
import type { Queryable } from '../../../db/client.js';
import { cappedCountSql, cappedTotal, decodeCursor, orderBy, toPage } from '../../../platform/list-query.js';
import type { Offer, OfferFilters } from './offers.schemas.js';

/** An `offer_stages` row as the database returns it. */
export type StageRow = {
  id: string;
  key: string;
  name_fr: string;
  name_en: string;
  probability: number | string;
  position: number | string;
  outcome: 'open' | 'won' | 'lost';
};

export const toStage = (row: StageRow) => ({
  id: row.id,
  key: row.key,
  nameFr: row.name_fr,
  nameEn: row.name_en,
  probability: Number(row.probability),
  position: Number(row.position),
  outcome: row.outcome,
});
export type Stage = ReturnType<typeof toStage>;

export async function listStages(tx: Queryable): Promise<Stage[]> {
  return (await tx.query<StageRow>(`select * from offer_stages order by position, key`)).map(toStage);
}

export async function findStage(tx: Queryable, key: string): Promise<Stage | null> {
  const rows = await tx.query<StageRow>(`select * from offer_stages where key = $1`, [key]);
  return rows[0] ? toStage(rows[0]) : null;
}

/** The offer columns every answer carries, with the names of its account, contact, owner and stage. */
export const OFFER_SELECT = `
  select o.*, c.id as visible_contact_id, a.name as account_name, nullif(trim(c.first_name || ' ' || c.last_name), '') as contact_name,
         trim(u.first_name || ' ' || u.last_name) as owner_name,
         s.key as stage_key, s.name_fr as stage_name_fr, s.name_en as stage_name_en, s.probability, s.outcome, s.position as stage_position
    from offers o
    join accounts a on a.id = o.account_id
    join offer_stages s on s.id = o.stage_id
    join users u on u.id = o.owner_id
    left join contacts c on c.id = o.contact_id`;

/** What OFFER_SELECT reads: the `offers` columns and the names joined to them. */
type OfferRow = {
  id: string;
  title: string;
  account_id: string;
  account_name: string;
  visible_contact_id: string | null;
  contact_name: string | null;
  stage_key: string;
  stage_name_fr: string;
  stage_name_en: string;
  probability: number | string;
  outcome: Offer['outcome'];
  amount: number | string;
  currency: string;
  expected_close_date: string | null;
  closed_at: string | null;
  close_reason: string | null;
  competitor: string | null;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  visibility: string;
  created_at: string;
  updated_at: string;
};

export const toOffer = (row: OfferRow): Offer =>
  noted('offer', {
    id: row.id,
    title: row.title,
    accountId: row.account_id,
    accountName: row.account_name,
    // A contact the reader may not see is not named, not even by its id (issue 10.2).
    contactId: row.visible_contact_id ?? null,
    contactName: row.contact_name ?? null,
    stage: row.stage_key,
    stageNameFr: row.stage_name_fr,
    stageNameEn: row.stage_name_en,
    probability: Number(row.probability),
    outcome: row.outcome,
    amount: Number(row.amount),
    currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    competitor: row.competitor,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
    visibility: row.visibility,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

const SORTS = {
  title: 'o.title',
  amount: 'o.amount',
  expectedCloseDate: 'o.expected_close_date',
  updatedAt: 'o.updated_at',
  createdAt: 'o.created_at',
  stage: 's.position',
  account: 'a.name',
  closedAt: 'o.closed_at',
};

function whereOf(ctxUserId: string, filters: Partial<OfferFilters>) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (filters.q)
    add(
      (p) =>
        `(relais_unaccent(lower(o.title)) like '%' || relais_unaccent(lower(${p})) || '%' or relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower(${p})) || '%')`,
      filters.q,
    );
  if (filters.stage)
    add(
      (p) => `s.key = any (${p}::text[])`,
      filters.stage
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    );
  if (filters.outcome) add((p) => `s.outcome = ${p}`, filters.outcome);
  if (filters.accountId) add((p) => `o.account_id = ${p}`, filters.accountId);
  if (filters.ownerId)
    add((p) => `o.owner_id = ${p}`, filters.ownerId === 'me' ? ctxUserId : filters.ownerId);
  if (filters.productId)
    add(
      (p) => `exists (select 1 from offer_lines l where l.offer_id = o.id and l.product_id = ${p})`,
      filters.productId,
    );
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

export async function listOffers(tx: Queryable, userId: string, filters: OfferFilters, all = false) {
  const offset = all ? 0 : decodeCursor(filters.cursor);
  const { where, params } = whereOf(userId, filters);
  const order = orderBy(filters.sort, SORTS, '-updatedAt', 'o.id');
  const limit = all ? 100_000 : filters.limit + 1;
  const rows = await tx.query<OfferRow>(
    `${OFFER_SELECT} ${where} ${order} limit ${limit} offset ${offset}`,
    params,
  );
  // The export counts nothing; a page's total is exact up to COUNT_CAP, then "more than 1,000".
  if (all) return toPage(rows.map(toOffer), { ...filters, limit: 100_000 }, offset, rows.length);
  const [{ count }] = await tx.query<{ count: number }>(
    cappedCountSql(
      `from offers o join accounts a on a.id = o.account_id join offer_stages s on s.id = o.stage_id ${where}`,
    ),
    params,
  );
  return toPage(rows.map(toOffer), filters, offset, cappedTotal(count));
}

/** Kanban columns: per stage the count, the sum, and the most recently touched offers. */
export async function boardOffers(
  tx: Queryable,
  userId: string,
  filters: Partial<OfferFilters>,
  perStage: number,
) {
  const { where, params } = whereOf(userId, filters);
  const rows = await tx.query<OfferRow & { stage_count: number; stage_sum: number | string | null }>(
    `select * from (select x.*, row_number() over (partition by x.stage_id order by x.updated_at desc, x.id) as rank,
                           count(*) over (partition by x.stage_id)::int as stage_count,
                           sum(x.amount) over (partition by x.stage_id) as stage_sum
                      from (${OFFER_SELECT} ${where}) x) ranked
      where rank <= ${perStage}`,
    params,
  );
  return rows.map((row) => ({
    offer: toOffer(row),
    stageCount: Number(row.stage_count),
    stageSum: Number(row.stage_sum),
  }));
}

export async function findOffer(tx: Queryable, id: string, lock = false) {
  if (lock) await tx.query(`select id from offers where id = $1 for update`, [id]);
  const rows = await tx.query<OfferRow>(`${OFFER_SELECT} where o.id = $1`, [id]);
  return rows[0] ? toOffer(rows[0]) : null;
}

export async function listLines(tx: Queryable, offerId: string) {
  const rows = await tx.query<{
    id: string;
    product_id: string;
    reference: string;
    name: string;
    quantity: number | string;
    unit_price: number | string;
    discount_percent: number | string;
    position: number;
  }>(
    `select l.*, p.reference, p.name from offer_lines l join products p on p.id = l.product_id where l.offer_id = $1 order by l.position, l.id`,
    [offerId],
  );
  return rows.map((row) => {
    const quantity = Number(row.quantity);
    const unitPrice = Number(row.unit_price);
    const discountPercent = Number(row.discount_percent);
    return {
      id: row.id,
      productId: row.product_id,
      productReference: row.reference,
      productName: row.name,
      quantity,
      unitPrice,
      discountPercent,
      position: Number(row.position),
      total: Math.round(quantity * unitPrice * (100 - discountPercent)) / 100,
    };
  });
}

export async function listStageHistory(tx: Queryable, offerId: string) {
  const rows = await tx.query<{
    id: number | string;
    from_key: string | null;
    to_key: string;
    changed_at: string;
    reason: string | null;
    competitor: string | null;
    name: string | null;
  }>(
    `select h.id, f.key as from_key, t.key as to_key, h.changed_at, h.reason, h.competitor,
            nullif(trim(u.first_name || ' ' || u.last_name), '') as name
       from offer_stage_history h join offer_stages t on t.id = h.to_stage_id
       left join offer_stages f on f.id = h.from_stage_id left join users u on u.id = h.changed_by
      where h.offer_id = $1 order by h.changed_at, h.id`,
    [offerId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    from: row.from_key,
    to: row.to_key,
    changedAt: row.changed_at,
    changedByName: row.name,
    reason: row.reason,
    competitor: row.competitor,
  }));
}

/** The amount is always the sum of the lines, computed by the database (never sent by clients). */
export async function recomputeAmount(tx: Queryable, offerId: string) {
  await tx.query(
    `update offers set amount = coalesce((select round(sum(quantity * unit_price * (100 - discount_percent) / 100), 2) from offer_lines where offer_id = $1), 0),
                       updated_at = now() where id = $1`,
    [offerId],
  );
}

export async function insertLine(
  tx: Queryable,
  offerId: string,
  line: { productId: string; quantity: number; unitPrice: number; discountPercent: number },
) {
  const [row] = await tx.query<{ id: string }>(
    `insert into offer_lines (offer_id, product_id, quantity, unit_price, discount_percent, position)
     values ($1, $2, $3, $4, $5, coalesce((select max(position) + 1 from offer_lines where offer_id = $1), 0)) returning id`,
    [offerId, line.productId, line.quantity, line.unitPrice, line.discountPercent],
  );
  return row.id;
}
