import type { Ctx } from '../../platform/context.js';
import { emitEvent } from '../../platform/events.js';
import { notFound } from '../../platform/errors.js';
import { loadItem } from './items.service.js';
import { markdownToText } from './markdown.js';
import { CANDIDATE_CAP, rankCandidates } from './search.service.js';

const SOLVED = ['published', 'validated', 'stale'];

/** OR of the significant words of a free text, stemmed in French and English. */
async function textQuery(ctx: Ctx, text: string) {
  const [row] = await ctx.tx.query<{ or: string; and: string }>(
    `select replace((plainto_tsquery('relais_fr', $1) || plainto_tsquery('relais_en', $1))::text, '&', '|') as or,
            (plainto_tsquery('relais_fr', $1) || plainto_tsquery('relais_en', $1))::text as and`,
    [text.slice(0, 4000)],
  );
  return { or: row.or ?? '', and: row.and ?? '' };
}

/**
 * KB-4: past problems like the one described — answer items (problem → solution) and
 * activities that were solved with an answer — best first, each with its solution.
 */
export async function findSimilar(ctx: Ctx, text: string, limit: number) {
  const query = await textQuery(ctx, text);
  if (!query.or) return { items: [] };
  const ids = (
    await ctx.tx.query<{ id: string }>(`select id from knowledge_search_candidates($1::tsquery, 'answer', null, null, null, null, $2, $3)`, [query.or, SOLVED, CANDIDATE_CAP])
  ).map((row) => row.id);
  const ranked = await rankCandidates(ctx.tx, ids, query.and, query.or);
  const top = ranked.slice(0, limit);
  const bodies = new Map(
    (await ctx.tx.query(`select id, body_md, reuse_count from knowledge_items where id = any ($1::uuid[])`, [top.map((r: any) => r.id)])).map((row: any) => [row.id, row]),
  );
  const answers = top.map((row: any) => ({
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
  // Activities (visits, calls…) that were solved by linking an answer.
  const activities = await ctx.tx.query(
    `select a.id, a.subject, a.body_md, ak.item_id, k.title as answer_title, k.body_md as answer_body, k.reuse_count,
            ts_rank_cd(to_tsvector('relais_fr', a.subject || ' ' || a.body_md), $1::tsquery, 1) as rank
       from activity_knowledge ak join activities a on a.id = ak.activity_id join knowledge_items k on k.id = ak.item_id
      where to_tsvector('relais_fr', a.subject || ' ' || a.body_md) @@ $1::tsquery
      order by rank desc limit $2`,
    [query.or, limit],
  );
  const best = answers[0]?.score ?? 1;
  const fromActivities = activities.map((row: any) => ({
    kind: 'activity' as const,
    id: row.id,
    answerId: row.item_id,
    title: row.subject,
    problem: markdownToText(row.body_md).slice(0, 600),
    solution: markdownToText(row.answer_body).slice(0, 1200),
    reuseCount: row.reuse_count,
    score: Math.round(Number(row.rank) * best * 10_000) / 10_000,
    activityId: row.id as string | null,
  }));
  const items = [...answers, ...fromActivities].sort((a, b) => b.score - a.score).slice(0, limit);
  return { items };
}

/** "Use this answer": links it to an activity when given, and counts a reuse (KB-4, KB-7). */
export async function reuseAnswer(ctx: Ctx, itemId: string, activityId?: string) {
  const item = await loadItem(ctx, itemId, 'reuse');
  if (activityId) {
    const visible = await ctx.tx.query(`select account_id from activities where id = $1`, [activityId]);
    if (!visible[0]) throw notFound('activity');
    const inserted = await ctx.tx.query(
      `insert into activity_knowledge (activity_id, item_id, user_id) values ($1, $2, $3) on conflict do nothing returning item_id`,
      [activityId, itemId, ctx.actor.userId],
    );
    if (inserted.length === 0) return { reuseCount: item.reuseCount, linked: false };
  }
  const [row] = await ctx.tx.query<{ reuse_count: number }>(`update knowledge_items set reuse_count = reuse_count + 1 where id = $1 returning reuse_count`, [itemId]);
  await emitEvent(ctx.tx, { type: 'knowledge.updated', payload: { itemId, type: item.type, status: item.status, changes: { reuseCount: { from: item.reuseCount, to: row.reuse_count } }, activityId: activityId ?? null }, actorId: ctx.actor.userId });
  return { reuseCount: row.reuse_count, linked: Boolean(activityId) };
}
