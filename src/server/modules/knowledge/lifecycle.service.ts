import { diffLines, diffWords, createTwoFilesPatch } from 'diff';
import type { Queryable } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events.js';
import { insertVersion, listVersions } from './items.repository.js';
import { canEdit, getItem, isExpert, loadItem } from './items.service.js';
import { renderMarkdown } from './markdown.js';
import type { TRANSITIONS } from './items.schemas.js';

type Transition = (typeof TRANSITIONS)[number];

/**
 * The lifecycle of KB-2: draft → in_review → validated (by an expert) → published → stale
 * (verification interval passed) → published again once re-verified. Experts and admins may
 * publish directly; the owner may publish what an expert validated.
 */
const RULES: Record<Transition, { from: string[]; to: string; who: 'owner' | 'expert' | 'owner_or_expert' }> = {
  submit: { from: ['draft'], to: 'in_review', who: 'owner_or_expert' },
  validate: { from: ['draft', 'in_review'], to: 'validated', who: 'expert' },
  reject: { from: ['in_review', 'validated'], to: 'draft', who: 'expert' },
  publish: { from: ['draft', 'in_review', 'validated'], to: 'published', who: 'owner_or_expert' },
  verify: { from: ['published', 'stale'], to: 'published', who: 'owner_or_expert' },
  archive: { from: ['draft', 'in_review', 'validated', 'published', 'stale'], to: 'archived', who: 'owner_or_expert' },
  reopen: { from: ['archived'], to: 'draft', who: 'owner_or_expert' },
};

export async function transitionItem(ctx: Ctx, id: string, action: Transition, note?: string) {
  const item = await loadItem(ctx, id, 'transition');
  const rule = RULES[action];
  if (rule.who === 'expert' && !isExpert(ctx)) throw forbidden('Only experts and admins validate knowledge.', 'knowledge.expert_only');
  if (rule.who !== 'expert' && !canEdit(ctx, item)) throw forbidden('Only the owner, experts and admins change this item.', 'knowledge.edit_forbidden');
  if (!rule.from.includes(item.status)) {
    throw conflict('knowledge.invalid_transition', `Cannot ${action} an item that is ${item.status.replace('_', ' ')}.`);
  }
  if (action === 'publish' && item.status !== 'validated' && !isExpert(ctx)) {
    throw forbidden('An expert must validate this item before it is published.', 'knowledge.validation_required');
  }
  const sets = [`status = '${rule.to}'`, 'updated_at = now()'];
  if (action === 'validate') sets.push('validated_at = now()', `validated_by = '${ctx.actor.userId}'`);
  if (action === 'publish') {
    sets.push('published_at = now()', 'verified_at = now()', 'stale_at = null');
    if (isExpert(ctx) && item.status !== 'validated') sets.push('validated_at = now()', `validated_by = '${ctx.actor.userId}'`);
  }
  if (action === 'verify') sets.push('verified_at = now()', 'stale_at = null');
  await ctx.tx.query(`update knowledge_items set ${sets.join(', ')} where id = $1`, [id]);
  const payload = { itemId: id, type: item.type, status: rule.to, changes: { status: { from: item.status, to: rule.to } }, note: note ?? null };
  await emitEvent(ctx.tx, { type: action === 'publish' ? 'knowledge.published' : 'knowledge.updated', payload, actorId: ctx.actor.userId, recipients: item.ownerId !== ctx.actor.userId ? [item.ownerId] : [] });
  return getItem(ctx, id);
}

/**
 * The daily job: published items whose verification interval has passed become stale, and
 * their owner is asked to re-verify (an event on their stream, which the push module turns
 * into a notification). Runs as the system, outside any user's RLS.
 */
export async function flagStaleItems(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ id: string; owner_id: string; type: string; title: string }>(
    `update knowledge_items set status = 'stale', stale_at = now(), updated_at = now()
      where status = 'published' and coalesce(verified_at, published_at, created_at) + make_interval(days => verify_interval_days) < now()
      returning id, owner_id, type, title`,
  );
  for (const row of rows) {
    await emitEvent(tx, {
      type: 'knowledge.updated',
      payload: { itemId: row.id, type: row.type, status: 'stale', changes: { status: { from: 'published', to: 'stale' } }, reverify: true, title: row.title },
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
    const parts = (field === 'body' ? diffLines(before, after) : diffWords(before, after)).map((part) => ({
      value: part.value, added: Boolean(part.added), removed: Boolean(part.removed),
    }));
    return { field, changed: before !== after, parts };
  });
  const unified = createTwoFilesPatch(`version ${from}`, `version ${to}`, `# ${a.title}\n\n${a.problem ? `${a.problem}\n\n` : ''}${a.body}\n`, `# ${b.title}\n\n${b.problem ? `${b.problem}\n\n` : ''}${b.body}\n`);
  return { from, to, fields, unified };
}

/** Restores a version's content as a new version (history is never rewritten). */
export async function restoreVersion(ctx: Ctx, id: string, version: number) {
  const item = await loadItem(ctx, id, 'restore');
  if (!canEdit(ctx, item)) throw forbidden('Only the owner, experts and admins restore versions.', 'knowledge.edit_forbidden');
  const old = (await listVersions(ctx.tx, id)).find((v) => v.version === version);
  if (!old) throw notFound('version');
  const next = item.version + 1;
  await ctx.tx.query(
    `update knowledge_items set type = $2, title = $3, problem = $4, body_md = $5, html = $6, tags = $7, version = $8, updated_at = now() where id = $1`,
    [id, old.type, old.title, old.problem, old.body, renderMarkdown(old.body), old.tags, next],
  );
  await insertVersion(ctx.tx, id, next, old, ctx.actor.userId, `restored version ${version}`);
  await emitEvent(ctx.tx, { type: 'knowledge.updated', payload: { itemId: id, type: old.type, status: item.status, changes: { version: { from: item.version, to: next }, restoredFrom: version } }, actorId: ctx.actor.userId });
  return getItem(ctx, id);
}
