import type { Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events.js';
import { canEdit, loadItem, updateItem } from './items.service.js';

/** KB-7: "was this useful?" (one vote per person, changeable), comments, suggested edits. */
export async function vote(ctx: Ctx, itemId: string, useful: boolean) {
  await loadItem(ctx, itemId, 'feedback');
  await ctx.tx.query(`delete from knowledge_feedback where item_id = $1 and user_id = $2 and useful is not null and comment is null`, [itemId, ctx.actor.userId]);
  await ctx.tx.query(`insert into knowledge_feedback (item_id, user_id, useful) values ($1, $2, $3)`, [itemId, ctx.actor.userId, useful]);
  const [counts] = await ctx.tx.query<{ useful: number; not_useful: number }>(
    `update knowledge_items set useful_count = (select count(*) from knowledge_feedback where item_id = $1 and useful and comment is null),
            not_useful_count = (select count(*) from knowledge_feedback where item_id = $1 and not useful and comment is null)
      where id = $1 returning useful_count as useful, not_useful_count as not_useful`,
    [itemId],
  );
  return { usefulCount: counts.useful, notUsefulCount: counts.not_useful, myVote: useful };
}

export async function comment(ctx: Ctx, itemId: string, text: string) {
  const item = await loadItem(ctx, itemId, 'feedback');
  const [row] = await ctx.tx.query(`insert into knowledge_feedback (item_id, user_id, comment) values ($1, $2, $3) returning id, created_at`, [itemId, ctx.actor.userId, text]);
  await emitEvent(ctx.tx, { type: 'knowledge.commented', payload: { itemId, commentId: row.id }, actorId: ctx.actor.userId, recipients: item.ownerId !== ctx.actor.userId ? [item.ownerId] : [] });
  return { id: row.id, userId: ctx.actor.userId, userName: ctx.actor.displayName, comment: text, createdAt: row.created_at };
}

export async function feedbackOf(ctx: Ctx, itemId: string) {
  const item = await loadItem(ctx, itemId, 'feedback');
  const comments = await ctx.tx.query(
    `select f.id, f.user_id, trim(u.first_name || ' ' || u.last_name) as user_name, f.comment, f.created_at from knowledge_feedback f join users u on u.id = f.user_id
      where f.item_id = $1 and f.comment is not null order by f.created_at desc limit 200`,
    [itemId],
  );
  const [mine] = await ctx.tx.query(`select useful from knowledge_feedback where item_id = $1 and user_id = $2 and useful is not null and comment is null`, [itemId, ctx.actor.userId]);
  const suggestions = await ctx.tx.query(
    `select s.*, trim(u.first_name || ' ' || u.last_name) as author_name from knowledge_suggestions s join users u on u.id = s.author_id
      where s.item_id = $1 order by (s.status = 'pending') desc, s.created_at desc limit 100`,
    [itemId],
  );
  return {
    usefulCount: item.usefulCount,
    notUsefulCount: item.notUsefulCount,
    viewCount: item.viewCount,
    reuseCount: item.reuseCount,
    myVote: mine ? mine.useful : null,
    comments: comments.map((c: any) => ({ id: c.id, userId: c.user_id, userName: c.user_name, comment: c.comment, createdAt: c.created_at })),
    suggestions: suggestions.map(toSuggestion),
  };
}

const toSuggestion = (s: any) => ({
  id: s.id, authorId: s.author_id, authorName: s.author_name ?? null, title: s.title, body: s.body_md, note: s.note, status: s.status, createdAt: s.created_at, decidedAt: s.decided_at,
});

export async function suggestEdit(ctx: Ctx, itemId: string, input: { title?: string; body: string; note?: string }) {
  const item = await loadItem(ctx, itemId, 'suggest');
  if (input.body === item.body && (!input.title || input.title === item.title)) {
    throw validationError([{ field: 'body', message: 'The suggestion changes nothing.', code: 'unchanged' }]);
  }
  const [row] = await ctx.tx.query(
    `insert into knowledge_suggestions (item_id, author_id, title, body_md, note) values ($1, $2, $3, $4, $5) returning *`,
    [itemId, ctx.actor.userId, input.title ?? null, input.body, input.note ?? null],
  );
  await emitEvent(ctx.tx, { type: 'knowledge.edit_suggested', payload: { itemId, suggestionId: row.id }, actorId: ctx.actor.userId, recipients: [item.ownerId] });
  return toSuggestion({ ...row, author_name: ctx.actor.displayName });
}

/** The owner (or an expert) accepts — the suggestion becomes a new version — or declines it. */
export async function decideSuggestion(ctx: Ctx, itemId: string, suggestionId: string, decision: 'accept' | 'decline') {
  const item = await loadItem(ctx, itemId, 'suggest');
  if (!canEdit(ctx, item)) throw forbidden('Only the owner, experts and admins decide on suggested edits.', 'knowledge.edit_forbidden');
  const [suggestion] = await ctx.tx.query(`select * from knowledge_suggestions where id = $1 and item_id = $2`, [suggestionId, itemId]);
  if (!suggestion) throw notFound('suggestion');
  if (suggestion.status !== 'pending') throw conflict('suggestion.decided', `This suggestion was already ${suggestion.status}.`);
  await ctx.tx.query(`update knowledge_suggestions set status = $2, decided_by = $3, decided_at = now() where id = $1`, [suggestionId, decision === 'accept' ? 'accepted' : 'declined', ctx.actor.userId]);
  if (decision === 'accept') {
    await updateItem(ctx, itemId, { body: suggestion.body_md, ...(suggestion.title ? { title: suggestion.title } : {}), note: `suggested edit ${suggestionId.slice(0, 8)}` });
  }
  const [row] = await ctx.tx.query(`select s.*, trim(u.first_name || ' ' || u.last_name) as author_name from knowledge_suggestions s join users u on u.id = s.author_id where s.id = $1`, [suggestionId]);
  return toSuggestion(row);
}
