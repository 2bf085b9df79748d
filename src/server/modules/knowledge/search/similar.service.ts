import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import { emitEvent } from '../../../platform/events.js';
import { notFound } from '../../../platform/errors.js';
import { crm } from '../crm-reads.js';
import { loadItem } from '../items/items.service.js';
import { learnFromSearch } from '../phrasings/phrasings.service.js';
import { markdownToText } from '../markdown/markdown.js';
import { scoreCounts } from './ranking.js';
import { relevantItems } from './search.service.js';
import {
  answersOfActivities,
  countReuse,
  itemBodies,
  linkAnswer,
  linkedActivityIds,
  textTsqueries,
} from './search.repository.js';

const SOLVED = ['published', 'validated', 'stale'];

/** OR of the significant words of a free text, stemmed in French and English. */
async function textQuery(ctx: Ctx, text: string) {
  const row = await textTsqueries(ctx.tx, text.slice(0, 4000));
  return { or: row.or ?? '', and: row.and ?? '' };
}

/** The problem to match: the text given, or the activity's subject, text and visit outcome. */
async function describedProblem(ctx: Ctx, source: { text?: string; activityId?: string }) {
  if (source.text !== undefined) return { text: source.text, activityId: null };
  const [activity] = await crm().activitiesByIds(ctx.tx, [source.activityId!]);
  if (!activity) throw notFound('activity');
  const outcome = typeof activity.report?.outcome === 'string' ? activity.report.outcome : '';
  const text = [activity.subject, markdownToText(activity.bodyMd), outcome].join('\n').slice(0, 4000);
  return { text, activityId: activity.id };
}

/**
 * KB-4: past problems like the one described — answer items (problem → solution) and
 * activities that were solved with an answer — best first, each with its solution.
 */
export async function findSimilar(ctx: Ctx, source: { text?: string; activityId?: string }, limit: number) {
  const { text, activityId: inHand } = await describedProblem(ctx, source);
  const query = await textQuery(ctx, text);
  if (!query.or) return { items: [] };
  const { ranked, weighted } = await relevantItems(
    ctx.tx,
    text.replace(/["-]/g, ' '),
    { type: 'answer', statuses: SOLVED },
    { prefix: false, strictTsquery: '' },
  );
  const top = ranked.slice(0, limit);
  noteSecretRows('knowledge', top);
  const bodies = new Map(
    (
      await itemBodies(
        ctx.tx,
        top.map((r) => r.id),
      )
    ).map((row) => [row.id, row]),
  );
  const answers = top.map((row) => ({
    kind: 'answer' as const,
    id: row.id,
    answerId: row.id,
    title: row.title,
    problem: row.problem,
    solution: markdownToText(bodies.get(row.id)?.body_md ?? '').slice(0, 1200),
    reuseCount: bodies.get(row.id)?.reuse_count ?? 0,
    score: Math.round(row.score * 10_000) / 10_000,
    activityId: null as string | null,
  }));
  // Activities (visits, calls…) that were solved by linking an answer, scored like the answers.
  const matching = weighted
    ? await crm().activitiesMatching(
        ctx.tx,
        (await linkedActivityIds(ctx.tx)).filter((id) => id !== inHand),
        query.or,
      )
    : [];
  const byId = new Map(
    matching.map((activity) => [activity.id, { ...activity, score: scoreCounts(weighted!, activity.terms) }]),
  );
  const activities = (
    await answersOfActivities(
      ctx.tx,
      matching.map((activity) => activity.id),
    )
  )
    .map((link) => ({ ...link, activity: byId.get(link.activity_id)! }))
    .sort((a, b) => b.activity.score - a.activity.score)
    .slice(0, limit);
  noteSecretRows(
    'activity',
    activities.map((row) => ({
      id: row.activity.id,
      visibility: row.activity.visibility,
      ownerId: row.activity.ownerId,
    })),
  );
  noteSecretRows(
    'knowledge',
    activities.map((row) => ({
      id: row.item_id,
      visibility: row.item_visibility,
      owner_id: row.item_owner_id,
    })),
  );
  const fromActivities = activities.map((row) => ({
    kind: 'activity' as const,
    id: row.activity.id,
    answerId: row.item_id,
    title: row.activity.subject,
    problem: markdownToText(row.activity.bodyMd).slice(0, 600),
    solution: markdownToText(row.answer_body).slice(0, 1200),
    reuseCount: row.reuse_count,
    score: Math.round(row.activity.score * 10_000) / 10_000,
    activityId: row.activity.id as string | null,
  }));
  const items = [...answers, ...fromActivities].sort((a, b) => b.score - a.score).slice(0, limit);
  return { items };
}

/** "Use this answer": links it to an activity when given, and counts a reuse (KB-4, KB-7). */
export async function reuseAnswer(ctx: Ctx, itemId: string, activityId?: string, searchId?: string) {
  const item = await loadItem(ctx, itemId, 'reuse');
  // KB-3 item 5: the question that led here becomes a phrasing of the answer.
  await learnFromSearch(ctx, itemId, searchId, 'reuse');
  if (activityId) {
    const [visible] = await crm().activitiesByIds(ctx.tx, [activityId]);
    if (!visible) throw notFound('activity');
    if (!(await linkAnswer(ctx.tx, activityId, itemId, ctx.actor.userId)))
      return { reuseCount: item.reuseCount, linked: false };
  }
  const reuseCount = await countReuse(ctx.tx, itemId);
  // A use, not a change: `knowledge.updated` (which notifies followers) is kept for content changes.
  await emitEvent(ctx.tx, {
    type: 'knowledge.reused',
    payload: { itemId, type: item.type, reuseCount, activityId: activityId ?? null },
    actorId: ctx.actor.userId,
  });
  return { reuseCount, linked: Boolean(activityId) };
}
