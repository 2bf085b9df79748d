import type { Ctx } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { detectLanguage } from '../search/lang.js';
import { queuePush } from '../delivery/push-delivery.js';
import { renderMarkdown } from '../markdown/markdown.js';
import {
  authorsAfter,
  insertVersion,
  lastVersionNumber,
  rejectVersionsAfter,
  type ItemRow,
} from '../items/items.repository.js';
import { READABLE_STATUSES } from '../items/items.schemas.js';
import { isAdmin, isExpert } from '../items/items.policy.js';
import {
  applyVersion,
  findVersion,
  readReviewSettings,
  reviewers,
  setReviewVersion,
  writeReviewSettings,
  type SecondExpert,
  type VersionContent,
} from './review.repository.js';

/**
 * Review of changes (KB-2, issue 9). What readers see is an item's validated `version`. A
 * content change to a validated, published or stale item is a new version *in review*
 * (`review_version`): readers — item page, search, similar cases, sends — keep the validated
 * one until an expert validates the change. An expert does not validate their own change alone
 * when the organisation has a second expert (admin setting `second_expert`, default
 * `when_possible`).
 */

export const isReadable = (status: string) => (READABLE_STATUSES as readonly string[]).includes(status);

export type Content = { type: string; title: string; problem: string; body: string; tags: string[] };
export const CONTENT_FIELDS = ['type', 'title', 'problem', 'body', 'tags'] as const;

export async function getReviewSettings(ctx: Ctx) {
  const settings = await readReviewSettings(ctx.tx);
  return {
    ...settings,
    secondExpertRequired: settings.secondExpert === 'when_possible' && settings.validators >= 2,
  };
}

export async function setReviewSettings(
  ctx: Ctx,
  changes: { secondExpert?: SecondExpert; searchLogDays?: number },
) {
  if (!isAdmin(ctx) || !(await writeReviewSettings(ctx.tx, changes, ctx.actor.userId))) {
    throw forbidden('Only admins change how knowledge is reviewed.', 'knowledge.settings_admin_only');
  }
  return getReviewSettings(ctx);
}

/** Who wrote what waits for validation: versions after the last validated one. */
export const pendingAuthors = (ctx: Ctx, item: ItemRow) =>
  authorsAfter(ctx.tx, item.id, item.reviewVersion ? item.version : item.validatedVersion);

/** Whether the caller may validate what `authors` wrote (an expert, and not alone on their own change). */
export async function mayValidate(ctx: Ctx, authors: string[]): Promise<boolean> {
  if (!isExpert(ctx)) return false;
  return !authors.includes(ctx.actor.userId) || !(await getReviewSettings(ctx)).secondExpertRequired;
}

export async function assertMayValidate(ctx: Ctx, authors: string[]) {
  if (!isExpert(ctx)) throw forbidden('Only experts and admins validate knowledge.', 'knowledge.expert_only');
  if (!(await mayValidate(ctx, authors))) {
    throw forbidden(
      'You wrote this change: another expert validates it.',
      'knowledge.second_expert_required',
    );
  }
}

/** The change in review, when the caller may see it (RLS hides it from readers). */
export async function revisionOf(ctx: Ctx, item: ItemRow) {
  if (!item.reviewVersion) return null;
  const version = await findVersion(ctx.tx, item.id, item.reviewVersion);
  return version ? { ...version, html: renderMarkdown(version.body) } : null;
}

/** Tells the experts (but the author) that a change waits for them; the push module notifies them. */
export async function requestReview(
  ctx: Ctx,
  item: { id: string; type: string; title: string },
  version: number,
) {
  const recipients = await reviewers(ctx.tx, ctx.actor.userId);
  await emitEvent(ctx.tx, {
    type: 'knowledge.review_requested',
    payload: {
      itemId: item.id,
      type: item.type,
      title: item.title,
      version,
      authorName: ctx.actor.displayName,
    },
    actorId: ctx.actor.userId,
    recipients,
  });
}

/** Keeps `next` as a new version in review; readers keep the validated version. */
export async function proposeChange(
  ctx: Ctx,
  item: ItemRow,
  next: Content,
  note?: string | null,
): Promise<number> {
  const version = (await lastVersionNumber(ctx.tx, item.id)) + 1;
  await insertVersion(ctx.tx, item.id, version, next, ctx.actor.userId, note);
  await setReviewVersion(ctx.tx, item.id, version);
  await requestReview(ctx, { id: item.id, type: next.type, title: next.title }, version);
  return version;
}

const changesBetween = (before: Content, after: Content) => {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of CONTENT_FIELDS) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes[field] =
      field === 'body' || field === 'problem'
        ? { from: null, to: null }
        : { from: before[field], to: after[field] };
  }
  return changes;
};

/** An expert validates the change in review: it becomes what readers see (published again if it was). */
export async function validateChange(ctx: Ctx, item: ItemRow, note?: string) {
  await assertMayValidate(ctx, await pendingAuthors(ctx, item));
  const revision = (await findVersion(ctx.tx, item.id, item.reviewVersion!)) as VersionContent;
  const lang = detectLanguage(`${revision.title}\n${revision.problem}\n${revision.body}`);
  await applyVersion(
    ctx.tx,
    item.id,
    { ...revision, html: renderMarkdown(revision.body), lang },
    ctx.actor.userId,
    item.status !== 'validated',
  );
  const changes = {
    ...changesBetween(item, revision),
    version: { from: item.version, to: revision.version },
  };
  const status = item.status === 'validated' ? 'validated' : 'published';
  // A push item's new version goes to its audience again (PUSH-1: those concerned).
  if (status === 'published') await queuePush(ctx.tx, item.id, ctx.actor.userId);
  await emitEvent(ctx.tx, {
    type: 'knowledge.updated',
    payload: { itemId: item.id, type: revision.type, status, changes, note: note ?? null },
    actorId: ctx.actor.userId,
  });
  await emitEvent(ctx.tx, {
    type: 'knowledge.change_decided',
    payload: { itemId: item.id, title: revision.title, version: revision.version, decision: 'validated' },
    actorId: ctx.actor.userId,
    recipients: (await authorsAfter(ctx.tx, item.id, item.version)).filter((id) => id !== ctx.actor.userId),
  });
}

/** An expert turns the change down: readers keep the validated version; the versions stay in history as rejected. */
export async function rejectChange(ctx: Ctx, item: ItemRow, note?: string) {
  if (!isExpert(ctx)) throw forbidden('Only experts and admins validate knowledge.', 'knowledge.expert_only');
  const authors = await authorsAfter(ctx.tx, item.id, item.version);
  await rejectVersionsAfter(ctx.tx, item.id, item.version, ctx.actor.userId);
  await setReviewVersion(ctx.tx, item.id, null);
  await emitEvent(ctx.tx, {
    type: 'knowledge.change_decided',
    payload: {
      itemId: item.id,
      title: item.title,
      version: item.reviewVersion,
      decision: 'rejected',
      note: note ?? null,
    },
    actorId: ctx.actor.userId,
    recipients: authors.filter((id) => id !== ctx.actor.userId),
  });
}
