import type { Ctx } from '../../platform/context.js';
import { emitEvent } from '../../platform/events.js';
import { forbidden, notFound, validationError, type FieldError } from '../../platform/errors.js';
import { decodeCursor, toPage, type ListQuery } from '../../platform/list-query.js';
import { auditSecretRead } from '../../platform/visibility.js';
import { writeAudit } from '../../platform/audit.js';
import { detectLanguage } from './lang.js';
import { renderMarkdown } from './markdown.js';
import {
  findItem, insertItem, insertVersion, listItems, missingIds, setSituations, type ItemRow, type ListFilters,
} from './items.repository.js';
import type { Item, ItemInput, ItemPatch } from './items.schemas.js';

export const isExpert = (ctx: Ctx) => ctx.actor.role === 'expert' || ctx.actor.role === 'admin';
export const canEdit = (ctx: Ctx, item: { ownerId: string }) => item.ownerId === ctx.actor.userId || isExpert(ctx);

const withCanEdit = (ctx: Ctx, item: ItemRow): Item => ({ ...item, canEdit: canEdit(ctx, item) });

/** Checks that linked products, accounts and situations exist (and are visible): 400 otherwise. */
async function checkLinks(ctx: Ctx, links: { productIds?: string[]; accountIds?: string[]; situationIds?: string[] }, prefix = '') {
  const errors: FieldError[] = [];
  for (const [field, table] of [['productIds', 'products'], ['accountIds', 'accounts'], ['situationIds', 'situations']] as const) {
    const missing = await missingIds(ctx.tx, table, links[field] ?? []);
    if (missing.length) errors.push({ field: `${prefix}${field}`, message: `Unknown: ${missing.join(', ')}.`, code: 'unknown_reference' });
  }
  if (errors.length) throw validationError(errors);
}

/** Loads a visible item or 404; audits reads of secret items (ID-3/ID-4). */
export async function loadItem(ctx: Ctx, id: string, how = 'get'): Promise<ItemRow> {
  const item = await findItem(ctx.tx, id);
  if (!item) throw notFound('knowledge item');
  await auditSecretRead(ctx, 'knowledge', item, how);
  return item;
}

export async function getItem(ctx: Ctx, id: string, options: { countView?: boolean } = {}): Promise<Item> {
  const item = await loadItem(ctx, id);
  if (options.countView) {
    await ctx.tx.query(`update knowledge_items set view_count = view_count + 1 where id = $1`, [id]);
    item.viewCount += 1;
  }
  return withCanEdit(ctx, item);
}

export async function listKnowledge(ctx: Ctx, query: ListQuery & ListFilters) {
  const offset = decodeCursor(query.cursor);
  const { rows, total } = await listItems(ctx.tx, query, query.sort, query.limit, offset);
  return toPage(rows, query, offset, total);
}

/** Creates an item (KB-1): detects the language, renders the HTML, keeps version 1. */
export async function createItem(ctx: Ctx, input: ItemInput, options: { emit?: boolean; fieldPrefix?: string } = {}): Promise<string> {
  const status = input.status ?? 'draft';
  if (!['draft', 'in_review'].includes(status) && !isExpert(ctx)) {
    throw forbidden('Only experts and admins may create validated or published knowledge.', 'knowledge.publish_forbidden');
  }
  await checkLinks(ctx, input, options.fieldPrefix);
  const lang = input.lang ?? detectLanguage(`${input.title}\n${input.problem}\n${input.body}`);
  const id = await insertItem(ctx.tx, ctx.actor.userId, ctx.actor.teamId, {
    ...input, status, lang, html: renderMarkdown(input.body),
  });
  await insertVersion(ctx.tx, id, 1, input, ctx.actor.userId, 'created');
  if (input.situationIds.length) await setSituations(ctx.tx, id, input.situationIds);
  if (options.emit !== false) {
    await emitEvent(ctx.tx, { type: 'knowledge.created', payload: { itemId: id, type: input.type, status }, actorId: ctx.actor.userId });
    if (status === 'published') await emitEvent(ctx.tx, { type: 'knowledge.published', payload: { itemId: id, type: input.type, status }, actorId: ctx.actor.userId });
  }
  return id;
}

const CONTENT_FIELDS = ['type', 'title', 'problem', 'body', 'tags'] as const;

/** Changes an item; a content change makes a new version (KB-2). Owner, experts and admins only. */
export async function updateItem(ctx: Ctx, id: string, patch: ItemPatch): Promise<Item> {
  const item = await loadItem(ctx, id, 'update');
  if (!canEdit(ctx, item)) throw forbidden('Only the owner, experts and admins edit this item; suggest an edit instead.', 'knowledge.edit_forbidden');
  await checkLinks(ctx, patch);
  const next = { ...item, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) } as ItemRow & ItemPatch;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of [...CONTENT_FIELDS, 'lang', 'productIds', 'accountIds', 'situationIds', 'delivery', 'visibility', 'verifyIntervalDays'] as const) {
    const before = JSON.stringify((item as any)[field]);
    if (patch[field] !== undefined && JSON.stringify(patch[field]) !== before) {
      changes[field] = field === 'body' || field === 'problem' ? { from: null, to: null } : { from: (item as any)[field], to: patch[field] };
    }
  }
  if (Object.keys(changes).length === 0) return withCanEdit(ctx, item);
  const contentChanged = CONTENT_FIELDS.some((field) => field in changes);
  const version = contentChanged ? item.version + 1 : item.version;
  const lang = patch.lang ?? (('body' in changes || 'title' in changes) && !patch.lang ? detectLanguage(`${next.title}\n${next.problem}\n${next.body}`) : item.lang);
  await ctx.tx.query(
    `update knowledge_items set type = $2, title = $3, problem = $4, body_md = $5, html = $6, lang = $7, tags = $8, product_ids = $9,
            account_ids = $10, delivery = $11, visibility = $12, verify_interval_days = $13, version = $14, updated_at = now()
      where id = $1`,
    [id, next.type, next.title, next.problem, next.body, 'body' in changes ? renderMarkdown(next.body) : item.html, lang, next.tags,
     next.productIds, next.accountIds, next.delivery, next.visibility, next.verifyIntervalDays, version],
  );
  if (contentChanged) await insertVersion(ctx.tx, id, version, next, ctx.actor.userId, patch.note);
  if (patch.situationIds) await setSituations(ctx.tx, id, patch.situationIds);
  if ('visibility' in changes) {
    await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'knowledge.visibility_changed', targetType: 'knowledge', targetId: id, ip: ctx.ip, details: changes.visibility });
  }
  await emitEvent(ctx.tx, { type: 'knowledge.updated', payload: { itemId: id, type: next.type, status: item.status, changes }, actorId: ctx.actor.userId });
  return getItem(ctx, id);
}

export async function deleteItem(ctx: Ctx, id: string): Promise<void> {
  const item = await loadItem(ctx, id, 'delete');
  if (!canEdit(ctx, item)) throw forbidden('Only the owner, experts and admins delete this item.', 'knowledge.edit_forbidden');
  await ctx.tx.query(`delete from documents where parent_type = 'knowledge' and parent_id = $1`, [id]);
  await ctx.tx.query(`delete from knowledge_items where id = $1`, [id]);
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'knowledge.deleted', targetType: 'knowledge', targetId: id, ip: ctx.ip, details: { title: item.title, visibility: item.visibility } });
}
