import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import type { BriefProvider } from '../../../platform/extension-points.js';
import { crm } from '../crm-reads.js';
import {
  authorsOnProducts,
  confirmedSituations,
  itemsForAccount,
  situationsWithKnowledge,
} from './brief.repository.js';

/** Names of the visible products among `ids`, by name (the CRM's order). */
async function productNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  return new Map((await crm().productsByIds(ctx.tx, ids)).map((p) => [p.id, p.name]));
}
const namesOf = (names: Map<string, string>, ids: string[]) => {
  const wanted = new Set(ids);
  return [...names].filter(([id]) => wanted.has(id)).map(([, name]) => name);
};

/**
 * Knowledge for a client brief (CRM-7, KB-5): items linked to the account itself or to the
 * products it buys or is offered, best used first. Read under the caller's row-level security.
 */
export async function knowledgeForAccount(ctx: Ctx, accountId: string, productIds: string[], limit = 8) {
  const rows = await itemsForAccount(ctx.tx, accountId, productIds, limit);
  noteSecretRows('knowledge', rows);
  const names = await productNames(ctx, productIds);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    url: `/knowledge/${row.id}`,
    why: row.for_account ? ('account' as const) : ('product' as const),
    productNames: namesOf(names, row.product_ids ?? []),
  }));
}

/** The account's confirmed situations with their advice, products and readable knowledge (KB-5). */
export async function situationsForAccount(ctx: Ctx, accountId: string) {
  const rows = await confirmedSituations(ctx.tx, accountId);
  for (const row of rows) noteSecretRows('knowledge', row.knowledge);
  const products = await crm().productsByIds(ctx.tx, [
    ...new Set(rows.flatMap((row) => row.product_ids ?? [])),
  ]);
  return rows.map((row) => {
    const own = new Set(row.product_ids ?? []);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      advice: row.advice_md,
      adviceHtml: row.advice_html,
      products: products
        .filter((p) => own.has(p.id))
        .map((p) => ({ id: p.id, reference: p.reference, name: p.name })),
      knowledge: row.knowledge.map(({ id, title }) => ({ id, title })),
    };
  });
}

/** Who wrote or validated readable knowledge about these products: the company's experts on them (EXP-1). */
export async function expertsOnProducts(ctx: Ctx, productIds: string[]) {
  if (productIds.length === 0) return [];
  const names = await productNames(ctx, productIds);
  return (await authorsOnProducts(ctx.tx, productIds))
    .map((row) => ({ user_id: row.user_id, product_names: [...new Set(namesOf(names, row.product_ids))] }))
    .filter((row) => row.product_names.length > 0);
}

/** The client brief's "situations" section: confirmed situations and their visible knowledge. */
export const situationsBrief: BriefProvider = async (ctx, accountId) => {
  const rows = await situationsWithKnowledge(ctx.tx, accountId);
  if (rows.length === 0) return null;
  const items = rows.flatMap((row) => [
    { title: row.name, summary: row.description || null, url: `/knowledge/situations/${row.id}` },
    ...row.knowledge.map((entry) => {
      // title|id|visibility|owner (the title may hold a '|'): a secret item shown is a read of it.
      const [ownerId, visibility, id, ...title] = entry.split('|').reverse();
      noteSecretRows('knowledge', [{ id, visibility, ownerId }]);
      return { title: `→ ${title.reverse().join('|')}`, summary: null, url: `/knowledge/${id}` };
    }),
  ]);
  return {
    key: 'situations',
    title: {
      fr: 'Situations du client et connaissances utiles',
      en: 'Client situations and useful knowledge',
    },
    items,
  };
};
