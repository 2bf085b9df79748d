import type { Queryable } from '../../../db/client.js';
import { idsVisibleTo } from '../../../platform/visibility.js';
import {
  accountExists,
  findAccountsByOwner,
  findMarketAccountOwners,
  findOpenOffersByOwner,
  findProductLabel,
  findSegmentAccountsByOwner,
  productExists,
  type OwnedIds,
} from './push-sources.repository.js';

/** Each owner with how many of their records they may see themselves (ID-3). */
async function countVisible(
  tx: Queryable,
  table: 'accounts' | 'offers',
  rows: OwnedIds[],
): Promise<{ ownerId: string; count: number }[]> {
  const counts: { ownerId: string; count: number }[] = [];
  for (const row of rows)
    counts.push({
      ownerId: row.owner_id,
      count: (await idsVisibleTo(tx, row.owner_id, table, row.ids)).length,
    });
  return counts;
}

/**
 * What the CRM tells the push module about its records (audiences by market, who is concerned by
 * a change, what may be followed). Handed to push by the composition root (`modules/index.ts`).
 */
export const crmPushSource = {
  marketAccountOwners: findMarketAccountOwners,
  accountOwners: async (tx: Queryable, accountIds: string[]) =>
    countVisible(tx, 'accounts', await findAccountsByOwner(tx, accountIds)),
  segmentAccountOwners: async (tx: Queryable, segments: string[]) =>
    countVisible(tx, 'accounts', await findSegmentAccountsByOwner(tx, segments)),
  openOfferOwners: async (tx: Queryable, productId: string) =>
    countVisible(tx, 'offers', await findOpenOffersByOwner(tx, productId)),
  productLabel: findProductLabel,
  productExists,
  accountExists,
};
