import { formatMoney } from '../../../../common/format.js';
import type { Ctx } from '../../../platform/context.js';
import { searchOfferRows } from './offer-writes.repository.js';

/** Offers for the global search (Ctrl+K): title, account, stage in the reader's language, amount. */
export async function searchOffers(ctx: Ctx, query: string, limit: number) {
  const rows = await searchOfferRows(ctx.tx, query, limit);
  return rows.map((row) => ({
    type: 'offer',
    id: row.id,
    title: row.title,
    subtitle: `${row.account_name} · ${ctx.locale === 'en' ? row.name_en : row.name_fr} · ${formatMoney(Number(row.amount), ctx.locale)}`,
    url: `/offers/${row.id}`,
    score: Number(row.score) + 0.1,
  }));
}
