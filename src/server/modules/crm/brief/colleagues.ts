import type { Ctx } from '../../../platform/context.js';
import { expertsOnProducts } from '../../knowledge/index.js';
import { findActiveUserNames, findTeamManager, findWorkedWith } from './brief.repository.js';

export const COLLEAGUE_REASONS = ['worked_with', 'account_owner', 'team_manager', 'product_expert'] as const;
export type ColleagueReason = (typeof COLLEAGUE_REASONS)[number];
export type Colleague = { id: string; name: string; reasons: ColleagueReason[]; products: string[] };

/**
 * "Who in the company knows this client" (CRM-7), from the data, never the reader themself:
 * colleagues who had activities or offers with the account (that the reader may see), the
 * account's owner and the manager of its team, and the experts of the products it buys.
 * Names and reasons only — no counts of anyone's activity (principle 1).
 */
export async function colleaguesFor(
  ctx: Ctx,
  account: { id: string; owner_id: string; team_id: string | null },
  productIds: string[],
  limit = 8,
): Promise<Colleague[]> {
  const found = new Map<string, { reasons: Set<ColleagueReason>; products: Set<string>; rank: number }>();
  const add = (userId: string | null, reason: ColleagueReason, rank: number, products: string[] = []) => {
    if (!userId || userId === ctx.actor.userId) return;
    const entry = found.get(userId) ?? { reasons: new Set(), products: new Set(), rank };
    entry.reasons.add(reason);
    products.forEach((product) => entry.products.add(product));
    entry.rank = Math.min(entry.rank, rank);
    found.set(userId, entry);
  };
  const worked = await findWorkedWith(ctx.tx, account.id);
  worked.forEach((ownerId, index) => add(ownerId, 'worked_with', index));
  add(account.owner_id, 'account_owner', 100);
  if (account.team_id) {
    add(await findTeamManager(ctx.tx, account.team_id), 'team_manager', 200);
  }
  for (const expert of await expertsOnProducts(ctx, productIds))
    add(expert.user_id, 'product_expert', 300, expert.product_names);
  if (found.size === 0) return [];
  const people = await findActiveUserNames(ctx.tx, [...found.keys()]);
  return people
    .map((person) => ({ person, entry: found.get(person.id)! }))
    .sort((a, b) => a.entry.rank - b.entry.rank || a.person.name.localeCompare(b.person.name))
    .slice(0, limit)
    .map(({ person, entry }) => ({
      id: person.id,
      name: person.name,
      reasons: COLLEAGUE_REASONS.filter((reason) => entry.reasons.has(reason)),
      products: [...entry.products].slice(0, 3),
    }));
}
