import type { Queryable } from '../../../db/client.js';

/** The account fields an offer or an activity needs from the account it is written on. */
export type RecordAccount = {
  id: string;
  name: string;
  kind: string;
  segment: string | null;
  sector: string | null;
  visibility: string;
  team_id: string | null;
};

/** The account as the actor sees it (RLS), or null. */
export async function findRecordAccount(tx: Queryable, accountId: string): Promise<RecordAccount | null> {
  const rows = await tx.query<RecordAccount>(
    `select id, name, kind, segment, sector, visibility, team_id from accounts where id = $1`,
    [accountId],
  );
  return rows[0] ?? null;
}

export async function contactExists(tx: Queryable, contactId: string): Promise<boolean> {
  return (await tx.query(`select 1 from contacts where id = $1`, [contactId])).length > 0;
}

export type LineProduct = {
  id: string;
  reference: string;
  unit_price: number | string;
  discount_percent: number | string;
  active: boolean;
};

export async function findLineProduct(tx: Queryable, productId: string): Promise<LineProduct | null> {
  const rows = await tx.query<LineProduct>(
    `select id, reference, unit_price, discount_percent, active from products where id = $1`,
    [productId],
  );
  return rows[0] ?? null;
}

export async function insertOffer(
  tx: Queryable,
  values: {
    title: string;
    accountId: string;
    contactId: string | null;
    stageId: string;
    expectedCloseDate: string | null;
    ownerId: string;
    teamId: string | null;
    visibility: string;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into offers (title, account_id, contact_id, stage_id, expected_close_date, owner_id, team_id, visibility)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      values.title,
      values.accountId,
      values.contactId,
      values.stageId,
      values.expectedCloseDate,
      values.ownerId,
      values.teamId,
      values.visibility,
    ],
  );
  return row.id;
}

/** The first entry of an offer's stage history (its creation). */
export async function insertFirstStage(tx: Queryable, offerId: string, stageId: string, userId: string) {
  await tx.query(`insert into offer_stage_history (offer_id, to_stage_id, changed_by) values ($1, $2, $3)`, [
    offerId,
    stageId,
    userId,
  ]);
}

const OFFER_COLUMNS = {
  title: 'title',
  contactId: 'contact_id',
  expectedCloseDate: 'expected_close_date',
  ownerId: 'owner_id',
  visibility: 'visibility',
} as const;
export type OfferField = keyof typeof OFFER_COLUMNS;

/** Writes the changed fields and the (possibly new) owner's team. */
export async function updateOfferFields(
  tx: Queryable,
  id: string,
  teamId: string | null,
  changes: Partial<Record<OfferField, unknown>>,
) {
  const params: unknown[] = [id, teamId];
  const sets = (Object.keys(changes) as OfferField[]).map((key) => {
    params.push(changes[key]);
    return `${OFFER_COLUMNS[key]} = $${params.length}`;
  });
  await tx.query(
    `update offers set ${sets.join(', ')}, team_id = $2, updated_at = now() where id = $1`,
    params,
  );
}

/** Deletes an offer and the documents attached to it. */
export async function deleteOfferRow(tx: Queryable, id: string) {
  await tx.query(`delete from documents where parent_type = 'offer' and parent_id = $1`, [id]);
  await tx.query(`delete from offers where id = $1`, [id]);
}

/** Moves an offer to a stage and records the move in its history. */
export async function moveOfferRow(
  tx: Queryable,
  move: {
    id: string;
    fromStageKey: string;
    toStageId: string;
    closedAt: string | null;
    closeReason: string | null;
    competitor: string | null;
    changedBy: string;
    reason: string | null;
    historyCompetitor: string | null;
  },
) {
  await tx.query(
    `update offers set stage_id = $2, closed_at = $3::timestamptz, close_reason = $4, competitor = $5, updated_at = now() where id = $1`,
    [move.id, move.toStageId, move.closedAt, move.closeReason, move.competitor],
  );
  await tx.query(
    `insert into offer_stage_history (offer_id, from_stage_id, to_stage_id, changed_by, reason, competitor)
     values ($1, (select id from offer_stages where key = $2), $3, $4, $5, $6)`,
    [move.id, move.fromStageKey, move.toStageId, move.changedBy, move.reason, move.historyCompetitor],
  );
}

/** Changes a line's figures; false when the offer has no such line. */
export async function updateLine(
  tx: Queryable,
  offerId: string,
  lineId: string,
  patch: { quantity?: number; unitPrice?: number; discountPercent?: number },
): Promise<boolean> {
  const updated = await tx.query(
    `update offer_lines set quantity = coalesce($3, quantity), unit_price = coalesce($4, unit_price), discount_percent = coalesce($5, discount_percent)
      where id = $2 and offer_id = $1 returning id`,
    [offerId, lineId, patch.quantity ?? null, patch.unitPrice ?? null, patch.discountPercent ?? null],
  );
  return updated.length > 0;
}

/** Removes a line; false when the offer has no such line. */
export async function deleteLineRow(tx: Queryable, offerId: string, lineId: string): Promise<boolean> {
  const deleted = await tx.query(`delete from offer_lines where id = $2 and offer_id = $1 returning id`, [
    offerId,
    lineId,
  ]);
  return deleted.length > 0;
}

export type OfferHit = {
  id: string;
  title: string;
  account_name: string;
  amount: number | string;
  name_fr: string;
  name_en: string;
  score: number | string;
};

/**
 * Offers whose title (one of its words) or account name looks like `query`, best first (global
 * search). crm_offer_matches (0173) scores the matches the caller may see and returns the best
 * `limit`: only those rows are read here, under row-level security like every other read.
 */
export async function searchOfferRows(tx: Queryable, query: string, limit: number): Promise<OfferHit[]> {
  return tx.query<OfferHit>(
    `select o.id, o.title, a.name as account_name, o.amount, s.name_fr, s.name_en, m.score
       from crm_offer_matches($1, $2) m join offers o on o.id = m.id
       join accounts a on a.id = o.account_id join offer_stages s on s.id = o.stage_id
      order by m.score desc, o.id`,
    [query, limit],
  );
}
