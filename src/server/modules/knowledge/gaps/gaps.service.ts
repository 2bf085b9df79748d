import type { Queryable } from '../../../db/client.js';
import type { Ctx } from '../../../platform/context.js';
import { emitEvent, type DomainEvent } from '../../../platform/events.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { idsVisibleTo } from '../../../platform/visibility.js';
import { isExpert } from '../items/items.policy.js';
import { itemInputSchema } from '../items/items.schemas.js';
import { createItem, getItem } from '../items/items.service.js';
import { detectLanguage } from '../search/lang.js';
import {
  closeGapsOf,
  findAskers,
  findGapGroups,
  findItemTitle,
  findKnownWords,
  findOpenGaps,
  logQuestion,
  purgeQuestions,
  signalQuestion,
  voteOnQuestion,
  upsertOpenGap,
  type GapGroupRow,
} from './gaps.repository.js';

/**
 * Knowledge gaps (KB-8). Every first page of a knowledge search is logged (one statement in the
 * search's transaction); what people did with it (opened a result, voted, searched again
 * differently within 60 s) tells whether it found an answer. Questions that did not are
 * grouped by their stemmed words for the experts, with counts and a trend, never with who
 * asked; an expert writes the answer from a group, and those who asked are told once it is
 * published.
 */

/** Lower case, accents folded, words separated by one space: "the same wording". */
export const normalizeQuestion = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const VALIDATED = new Set(['published', 'validated']);

/** Logs the caller's search and answers its id (for the signals the web sends), or null. */
export async function recordSearch(
  ctx: Ctx,
  search: { q: string; lang?: 'fr' | 'en'; total: number; items: { id: string; status: string }[] },
): Promise<string | null> {
  const normalized = normalizeQuestion(search.q);
  if (!normalized) return null;
  return logQuestion(ctx.tx, {
    query: search.q.trim().slice(0, 300),
    normalized,
    lang: search.lang ?? detectLanguage(search.q),
    resultCount: search.total,
    validatedCount: search.items.filter((item) => VALIDATED.has(item.status)).length,
    topIds: search.items.slice(0, 10).map((item) => item.id),
  });
}

export type SearchSignal = 'opened' | 'useful' | 'not_useful';

/** What the caller did with the results of their search; 404 when it is not theirs. */
export async function signalSearch(ctx: Ctx, searchId: string, signal: SearchSignal) {
  if (!(await signalQuestion(ctx.tx, searchId, signal))) throw notFound('search');
}

/** A vote on an item also answers the caller's latest search that listed it. */
export const voteAnswersSearch = (ctx: Ctx, itemId: string, useful: boolean) =>
  voteOnQuestion(ctx.tx, itemId, useful);

function assertExpert(ctx: Ctx) {
  if (!isExpert(ctx)) throw forbidden('Only experts and admins see knowledge gaps.', 'knowledge.expert_only');
}

const DAY = 86_400_000;

/** What stands for a masked word. */
export const MASK = '•••';
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The wordings as the reader may see them: a word is shown only when the reader can read it in
 * the knowledge base (or it is a stop word); any other word — a client's name typed by someone
 * who sees that client, a term nobody wrote yet — becomes •••. What people typed never names a
 * record the reader may not see (ID-3). One query for all the groups' words.
 */
async function maskWordings(ctx: Ctx, rows: GapGroupRow[]) {
  const known = new Map<'fr' | 'en', Set<string>>();
  for (const lang of ['fr', 'en'] as const) {
    const words = new Set<string>();
    for (const row of rows)
      if (row.lang === lang)
        for (const text of [row.label, ...row.wordings])
          for (const word of text.match(WORD) ?? []) words.add(word.toLowerCase());
    known.set(lang, await findKnownWords(ctx.tx, [...words], lang));
  }
  const mask = (text: string, lang: 'fr' | 'en') =>
    text.replace(WORD, (word) => (known.get(lang)!.has(word.toLowerCase()) ? word : MASK));
  return (row: GapGroupRow) => ({
    label: mask(row.label, row.lang),
    wordings: [...new Set(row.wordings.map((wording) => mask(wording, row.lang)))],
  });
}

const toGroup = (row: GapGroupRow, shown: { label: string; wordings: string[] }) => ({
  key: row.group_id,
  lang: row.lang,
  label: shown.label,
  wordings: shown.wordings,
  count: row.total,
  askers: row.askers,
  trend: {
    recent: row.recent,
    previous: row.previous,
    direction: (row.recent > row.previous ? 'up' : row.recent < row.previous ? 'down' : 'flat') as
      'up' | 'down' | 'flat',
  },
  reasons: {
    noResult: row.no_result,
    noValidatedAnswer: row.no_validated,
    noClick: row.no_click,
    notUseful: row.not_useful,
    reformulated: row.reformulated,
  },
  lastAskedOn: row.last_asked_at.slice(0, 10),
});

/** The gaps of the last `days` days, most asked first (experts and admins). */
export async function listGaps(ctx: Ctx, options: { days: number; limit: number }) {
  assertExpert(ctx);
  const now = ctx.deps.clock();
  const rows = await findGapGroups(ctx.tx, {
    now,
    since: new Date(now.getTime() - options.days * DAY),
    key: null,
    limit: options.limit,
  });
  const drafts = new Map(
    (
      await findOpenGaps(
        ctx.tx,
        rows.map((row) => row.group_key),
      )
    ).map((gap) => [gap.group_key, gap]),
  );
  const shown = await maskWordings(ctx, rows);
  return rows.map((row) => {
    const gap = drafts.get(row.group_key);
    return {
      ...toGroup(row, shown(row)),
      draft:
        gap?.item_id && gap.item_title && gap.item_status
          ? { itemId: gap.item_id, title: gap.item_title, status: gap.item_status }
          : null,
    };
  });
}

const HEADINGS = {
  fr: 'Questions posées (lacune de la base) :',
  en: 'Questions asked (knowledge gap):',
};

/**
 * "Write the answer": a draft answer whose problem lists the group's questions, linked to the
 * group so that its publication tells those who asked. A draft already being written for the
 * group is answered instead of a second one.
 */
export async function writeGapAnswer(ctx: Ctx, key: string, days = 90) {
  assertExpert(ctx);
  const now = ctx.deps.clock();
  const [group] = await findGapGroups(ctx.tx, {
    now,
    since: new Date(now.getTime() - days * DAY),
    key,
    limit: 1,
  });
  if (!group) throw notFound('gap');
  const [open] = await findOpenGaps(ctx.tx, [group.group_key]);
  if (open?.item_id) return { item: await getItem(ctx, open.item_id), created: false };
  // The draft holds the questions as the expert sees them (masked words stay masked).
  const shown = (await maskWordings(ctx, [group]))(group);
  const problem = `${HEADINGS[group.lang]}\n\n${shown.wordings.map((w) => `- ${w}`).join('\n')}`;
  const itemId = await createItem(
    ctx,
    itemInputSchema.parse({
      type: 'answer',
      title: shown.label.slice(0, 300),
      problem,
      lang: group.lang,
    }),
  );
  await upsertOpenGap(ctx.tx, group.group_key, itemId, ctx.actor.userId);
  return { item: await getItem(ctx, itemId), created: true };
}

/**
 * When an item answering gaps is published (system job, once per publication event): the gaps
 * close, and each asker who may see the item gets one notice (push turns the event into a
 * notification on their channels, with their preferences). A gap closes once, so a second
 * publication tells nobody again.
 */
export async function answerGaps(tx: Queryable, event: DomainEvent<{ itemId: string; title?: string }>) {
  const itemId = event.payload.itemId;
  const gaps = await closeGapsOf(tx, itemId);
  for (const gap of gaps) {
    const askers = await findAskers(tx, gap.group_key, gap.since, gap.answered_at);
    const recipients: string[] = [];
    for (const userId of askers)
      if (userId !== event.actorId && (await idsVisibleTo(tx, userId, 'knowledge_items', [itemId])).length)
        recipients.push(userId);
    if (recipients.length === 0) continue;
    await emitEvent(tx, {
      type: 'knowledge.gap_answered',
      payload: { itemId, gapId: gap.id, title: (await findItemTitle(tx, itemId)) ?? '' },
      actorId: event.actorId,
      recipients,
    });
  }
}

/** The daily purge of questions older than `search_log_days` (system job). */
export const purgeOldQuestions = (tx: Queryable) => purgeQuestions(tx);
