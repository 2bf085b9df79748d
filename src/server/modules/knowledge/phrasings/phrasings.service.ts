import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { isExpert } from '../items/items.policy.js';
import { loadItem } from '../items/items.service.js';
import { normalizeQuestion } from '../gaps/gaps.service.js';
import { meaningfulTokens } from '../search/terms.js';
import { listPhrasings, removePhrasing, searchQuestion, upsertPhrasing } from './phrasings.repository.js';

/**
 * Learning from use (KB-3 item 5). Someone who marks an item as the answer ("utile", "Utiliser
 * cette réponse") right after a search says their question is another way to ask for it: the
 * question (read from their own logged search, never taken from the client) becomes a
 * phrasing of the item, part of its search vector (migration 0265), so the next person who
 * asks it that way finds the item. Experts see the phrasings and remove the wrong ones.
 *
 * Only questions that say something are kept: at least MIN_WORDS words once stop words of
 * both languages are left out ("prix" or "comment faire ?" teach nothing about one item).
 */
export const MIN_WORDS = 2;

export type PhrasingSource = 'useful' | 'reuse';

/** Whether the question has enough meaningful words to be kept as a phrasing. */
export const isTeaching = (question: string) => meaningfulTokens(question).length >= MIN_WORDS;

/**
 * Records the question of the caller's search `searchId` as a phrasing of the item (the caller
 * sees the item: checked by the caller). Returns whether a phrasing was recorded or counted.
 */
export async function learnFromSearch(
  ctx: Ctx,
  itemId: string,
  searchId: string | undefined,
  source: PhrasingSource,
): Promise<boolean> {
  if (!searchId) return false;
  const question = await searchQuestion(ctx.tx, searchId);
  if (!question || !isTeaching(question)) return false;
  const folded = normalizeQuestion(question);
  await upsertPhrasing(ctx.tx, {
    itemId,
    text: question.trim().replace(/\s+/g, ' '),
    folded,
    source,
    userId: ctx.actor.userId,
  });
  return true;
}

/** An item's phrasings (at most 200, most used first); who asked (and the removed ones) only for experts and admins. */
export async function phrasingsOf(ctx: Ctx, itemId: string) {
  await loadItem(ctx, itemId);
  const expert = isExpert(ctx);
  const rows = await listPhrasings(ctx.tx, itemId, expert);
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    source: row.source,
    uses: row.uses,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    askedBy: expert && row.user_id ? { id: row.user_id, name: row.user_name ?? '' } : null,
  }));
}

/** An expert takes a phrasing out of the search (it stays listed as removed, and is not learned again). */
export async function removeItemPhrasing(ctx: Ctx, itemId: string, phrasingId: string) {
  await loadItem(ctx, itemId);
  if (!(await removePhrasing(ctx.tx, itemId, phrasingId, ctx.actor.userId))) throw notFound('phrasing');
}
