import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { canEdit } from '../items/items.policy.js';
import { voteAnswersSearch } from '../gaps/gaps.service.js';
import { learnFromSearch } from '../phrasings/phrasings.service.js';
import { loadItem, updateItem } from '../items/items.service.js';
import {
  findSuggestion,
  findSuggestionWithAuthor,
  findVote,
  insertComment,
  insertSuggestion,
  listComments,
  listSuggestions,
  recountVotes,
  upsertVote,
  writeDecision,
  type SuggestionRow,
} from './feedback.repository.js';

/**
 * KB-7: "was this useful?" (one vote per person, changeable), comments, suggested edits.
 * A "useful" right after a search (`searchId`) also teaches the item that question (KB-3 item 5).
 */
export async function vote(ctx: Ctx, itemId: string, useful: boolean, searchId?: string) {
  await loadItem(ctx, itemId, 'feedback');
  await upsertVote(ctx.tx, itemId, ctx.actor.userId, useful);
  const learned = useful ? await learnFromSearch(ctx, itemId, searchId, 'useful') : false;
  // KB-8: the verdict on the search that led here ("pas utile" makes it a gap).
  await voteAnswersSearch(ctx, itemId, useful);
  const counts = await recountVotes(ctx.tx, itemId);
  return { usefulCount: counts.useful, notUsefulCount: counts.not_useful, myVote: useful, learned };
}

export async function comment(ctx: Ctx, itemId: string, text: string) {
  const item = await loadItem(ctx, itemId, 'feedback');
  const row = await insertComment(ctx.tx, itemId, ctx.actor.userId, text);
  await emitEvent(ctx.tx, {
    type: 'knowledge.commented',
    payload: {
      itemId,
      commentId: row.id,
      title: item.title,
      authorName: ctx.actor.displayName,
      excerpt: text.slice(0, 280),
    },
    actorId: ctx.actor.userId,
    recipients: item.ownerId !== ctx.actor.userId ? [item.ownerId] : [],
  });
  return {
    id: row.id,
    userId: ctx.actor.userId,
    userName: ctx.actor.displayName,
    comment: text,
    createdAt: row.created_at,
  };
}

export async function feedbackOf(ctx: Ctx, itemId: string) {
  const item = await loadItem(ctx, itemId, 'feedback');
  const comments = await listComments(ctx.tx, itemId);
  const myVote = await findVote(ctx.tx, itemId, ctx.actor.userId);
  const suggestions = await listSuggestions(ctx.tx, itemId);
  return {
    usefulCount: item.usefulCount,
    notUsefulCount: item.notUsefulCount,
    viewCount: item.viewCount,
    reuseCount: item.reuseCount,
    myVote,
    comments: comments.map((c) => ({
      id: c.id,
      userId: c.user_id,
      userName: c.user_name,
      comment: c.comment,
      createdAt: c.created_at,
    })),
    suggestions: suggestions.map(toSuggestion),
  };
}

const toSuggestion = (s: SuggestionRow) => ({
  id: s.id,
  authorId: s.author_id,
  authorName: s.author_name ?? null,
  title: s.title,
  body: s.body_md,
  note: s.note,
  status: s.status,
  createdAt: s.created_at,
  decidedAt: s.decided_at,
});

export async function suggestEdit(
  ctx: Ctx,
  itemId: string,
  input: { title?: string; body: string; note?: string },
) {
  const item = await loadItem(ctx, itemId, 'suggest');
  if (input.body === item.body && (!input.title || input.title === item.title)) {
    throw validationError([{ field: 'body', message: 'The suggestion changes nothing.', code: 'unchanged' }]);
  }
  const row = await insertSuggestion(ctx.tx, {
    itemId,
    authorId: ctx.actor.userId,
    title: input.title ?? null,
    body: input.body,
    note: input.note ?? null,
  });
  await emitEvent(ctx.tx, {
    type: 'knowledge.edit_suggested',
    payload: {
      itemId,
      suggestionId: row.id,
      title: item.title,
      authorName: ctx.actor.displayName,
      note: input.note ?? null,
    },
    actorId: ctx.actor.userId,
    recipients: item.ownerId !== ctx.actor.userId ? [item.ownerId] : [],
  });
  return toSuggestion({ ...row, author_name: ctx.actor.displayName });
}

/** The owner (or an expert) accepts — the suggestion becomes a new version — or declines it. */
export async function decideSuggestion(
  ctx: Ctx,
  itemId: string,
  suggestionId: string,
  decision: 'accept' | 'decline',
) {
  const item = await loadItem(ctx, itemId, 'suggest');
  if (!canEdit(ctx, item))
    throw forbidden(
      'Only the owner, experts and admins decide on suggested edits.',
      'knowledge.edit_forbidden',
    );
  const suggestion = await findSuggestion(ctx.tx, itemId, suggestionId);
  if (!suggestion) throw notFound('suggestion');
  if (suggestion.status !== 'pending')
    throw conflict('suggestion.decided', `This suggestion was already ${suggestion.status}.`);
  await writeDecision(
    ctx.tx,
    suggestionId,
    decision === 'accept' ? 'accepted' : 'declined',
    ctx.actor.userId,
  );
  if (decision === 'accept') {
    await updateItem(ctx, itemId, {
      body: suggestion.body_md,
      ...(suggestion.title ? { title: suggestion.title } : {}),
      note: `suggested edit ${suggestionId.slice(0, 8)}`,
    });
  }
  return toSuggestion(await findSuggestionWithAuthor(ctx.tx, suggestionId));
}
