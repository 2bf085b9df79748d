import type { Queryable } from '../../../db/client.js';

/**
 * SQL of what the push module reads of CRM records (PUSH-3, PUSH-4), under the row-level security
 * of the transaction it is given.
 */

export type OwnedIds = { owner_id: string; ids: string[] };

export async function findMarketAccountOwners(
  tx: Queryable,
  market: { segments: string[]; sectors: string[]; countries: string[] },
): Promise<string[]> {
  const rows = await tx.query<{ owner_id: string }>(
    `select distinct a.owner_id from accounts a where a.merged_into_id is null and (
        lower(a.segment) = any ($1::text[]) or lower(a.sector) = any ($2::text[]) or lower(a.country) = any ($3::text[]))`,
    [market.segments, market.sectors, market.countries],
  );
  return rows.map((row) => row.owner_id);
}

export async function findAccountsByOwner(tx: Queryable, accountIds: string[]): Promise<OwnedIds[]> {
  return tx.query<OwnedIds>(
    `select owner_id, array_agg(distinct id) as ids from accounts where id = any ($1::uuid[]) group by owner_id`,
    [accountIds],
  );
}

export async function findSegmentAccountsByOwner(tx: Queryable, segments: string[]): Promise<OwnedIds[]> {
  return tx.query<OwnedIds>(
    `select owner_id, array_agg(id) as ids from accounts where lower(segment) = any ($1::text[]) group by owner_id`,
    [segments],
  );
}

export async function findOpenOffersByOwner(tx: Queryable, productId: string): Promise<OwnedIds[]> {
  return tx.query<OwnedIds>(
    `select o.owner_id, array_agg(distinct o.id) as ids from offers o join offer_lines l on l.offer_id = o.id join offer_stages s on s.id = o.stage_id
      where l.product_id = $1 and s.outcome = 'open' group by o.owner_id`,
    [productId],
  );
}

export async function findProductLabel(
  tx: Queryable,
  productId: string,
): Promise<{ name: string; reference: string } | null> {
  const [product] = await tx.query<{ name: string; reference: string }>(
    `select name, reference from products where id = $1`,
    [productId],
  );
  return product ?? null;
}

export async function productExists(tx: Queryable, productId: string): Promise<boolean> {
  return (await tx.query(`select 1 from products where id = $1`, [productId])).length > 0;
}

export async function accountExists(tx: Queryable, accountId: string): Promise<boolean> {
  return (await tx.query(`select 1 from accounts where id = $1`, [accountId])).length > 0;
}
