import { diffLines, diffWords, createTwoFilesPatch } from 'diff';
import type { Queryable } from '../../../db/client.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import {
  insertVersion,
  lastVersionNumber,
  listVersions,
  markStaleItems,
  writeContent,
  writeStatus,
} from './items.repository.js';
import { canEdit, isExpert } from './items.policy.js';
import { getItem, loadItem } from './items.service.js';
import { queuePush } from '../delivery/push-delivery.js';
import {
  assertMayValidate,
  isReadable,
  pendingAuthors,
  proposeChange,
  rejectChange,
  requestReview,
  validateChange,
} from '../review/review.service.js';
import { renderMarkdown } from '../markdown/markdown.js';
import type { TRANSITIONS } from './items.schemas.js';

type Transition = (typeof TRANSITIONS)[number];

/**
 * The lifecycle of KB-2: draft → in_review → validated (by an expert) → published → stale
 * (verification interval passed) → published again once re-verified. Experts and admins may
 * publish directly; the owner may publish what an expert validated.
 */
const RULES: Record<Transition, { from: string[]; to: string; who: 'owner' | 'expert' | 'owner_or_expert' }> =
  {
    submit: { from: ['draft'], to: 'in_review', who: 'owner_or_expert' },
    validate: { from: ['draft', 'in_review'], to: 'validated', who: 'expert' },
    reject: { from: ['in_review', 'validated'], to: 'draft', who: 'expert' },
    publish: { from: ['draft', 'in_review', 'validated'], to: 'published', who: 'owner_or_expert' },
    verify: { from: ['published', 'stale'], to: 'published', who: 'owner_or_expert' },
    archive: {
      from: ['draft', 'in_review', 'validated', 'published', 'stale'],
      to: 'archived',
      who: 'owner_or_expert',
    },
    reopen: { from: ['archived'], to: 'draft', who: 'owner_or_expert' },
  };

export async function transitionItem(ctx: Ctx, id: string, action: Transition, note?: string) {
  const item = await loadItem(ctx, id, 'transition');
  // A change waiting for review is validated or turned down; the item keeps its status meanwhile.
  if (item.reviewVersion && (action === 'validate' || action === 'reject')) {
    await (action === 'validate' ? validateChange(ctx, item, note) : rejectChange(ctx, item, note));
    return getItem(ctx, id);
  }
  const rule = RULES[action];
  if (rule.who === 'expert' && !isExpert(ctx))
    throw forbidden('Only experts and admins validate knowledge.', 'knowledge.expert_only');
  if (rule.who !== 'expert' && !canEdit(ctx, item))
    throw forbidden('Only the owner, experts and admins change this item.', 'knowledge.edit_forbidden');
  if (!rule.from.includes(item.status)) {
    throw conflict(
      'knowledge.invalid_transition',
      `Cannot ${action} an item that is ${item.status.replace('_', ' ')}.`,
    );
  }
  if (action === 'publish' && item.status !== 'validated' && !isExpert(ctx)) {
    throw forbidden(
      'An expert must validate this item before it is published.',
      'knowledge.validation_required',
    );
  }
  // Publishing what no expert validated is validating it: not one's own text alone.
  const validates = action === 'validate' || (action === 'publish' && item.status !== 'validated');
  if (validates) await assertMayValidate(ctx, await pendingAuthors(ctx, item));
  await writeStatus(ctx.tx, id, {
    to: rule.to,
    validatedBy: validates ? ctx.actor.userId : null,
    published: action === 'publish',
    verified: action === 'verify',
  });
  if (action === 'submit') await requestReview(ctx, item, item.version);
  if (action === 'publish') await queuePush(ctx.tx, id, ctx.actor.userId);
  const payload = {
    itemId: id,
    type: item.type,
    status: rule.to,
    changes: { status: { from: item.status, to: rule.to } },
    note: note ?? null,
  };
  // A status change is not a content change: only publication tells those concerned.
  await emitEvent(ctx.tx, {
    type: action === 'publish' ? 'knowledge.published' : 'knowledge.status_changed',
    payload,
    actorId: ctx.actor.userId,
    recipients: item.ownerId !== ctx.actor.userId ? [item.ownerId] : [],
  });
  return getItem(ctx, id);
}

/**
 * The daily job: published items whose verification interval has passed become stale, and
 * their owner is asked to re-verify (an event on their stream, which the push module turns
 * into a notification). Runs as the system, outside any user's RLS.
 */
export async function flagStaleItems(tx: Queryable): Promise<number> {
  const rows = await markStaleItems(tx);
  for (const row of rows) {
    await emitEvent(tx, {
      type: 'knowledge.reverify_requested',
      payload: {
        itemId: row.id,
        type: row.type,
        status: 'stale',
        changes: { status: { from: 'published', to: 'stale' } },
        reverify: true,
        title: row.title,
      },
      recipients: [row.owner_id],
    });
  }
  return rows.length;
}

export async function versionsOf(ctx: Ctx, id: string) {
  await loadItem(ctx, id, 'versions');
  return listVersions(ctx.tx, id);
}

/** A readable diff between two versions: word-level per field, and a unified patch. */
export async function diffVersions(ctx: Ctx, id: string, from: number, to: number) {
  const versions = await versionsOf(ctx, id);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw notFound('version');
  const fields = (['title', 'type', 'tags', 'problem', 'body'] as const).map((field) => {
    const before = field === 'tags' ? a.tags.join(', ') : a[field];
    const after = field === 'tags' ? b.tags.join(', ') : b[field];
    // Lines compared with one final newline each: text added after the last line is not a changed line.
    const line = (text: string) => text.replace(/\n*$/, '\n');
    const parts = (field === 'body' ? diffLines(line(before), line(after)) : diffWords(before, after)).map(
      (part) => ({
        value: part.value,
        added: Boolean(part.added),
        removed: Boolean(part.removed),
      }),
    );
    return { field, changed: before !== after, parts };
  });
  const unified = createTwoFilesPatch(
    `version ${from}`,
    `version ${to}`,
    `# ${a.title}\n\n${a.problem ? `${a.problem}\n\n` : ''}${a.body}\n`,
    `# ${b.title}\n\n${b.problem ? `${b.problem}\n\n` : ''}${b.body}\n`,
  );
  return { from, to, fields, unified };
}

/** Restores a version's content as a new version (history is never rewritten); on readable content it waits for review. */
export async function restoreVersion(ctx: Ctx, id: string, version: number) {
  const item = await loadItem(ctx, id, 'restore');
  if (!canEdit(ctx, item))
    throw forbidden('Only the owner, experts and admins restore versions.', 'knowledge.edit_forbidden');
  const old = (await listVersions(ctx.tx, id)).find((v) => v.version === version);
  if (!old) throw notFound('version');
  if (isReadable(item.status)) {
    await proposeChange(ctx, item, old, `restored version ${version}`);
    return getItem(ctx, id);
  }
  const next = (await lastVersionNumber(ctx.tx, id)) + 1;
  await writeContent(ctx.tx, id, { ...old, html: renderMarkdown(old.body) }, next);
  await insertVersion(ctx.tx, id, next, old, ctx.actor.userId, `restored version ${version}`);
  await emitEvent(ctx.tx, {
    type: 'knowledge.updated',
    payload: {
      itemId: id,
      type: old.type,
      status: item.status,
      changes: { version: { from: item.version, to: next }, restoredFrom: version },
    },
    actorId: ctx.actor.userId,
  });
  return getItem(ctx, id);
}
