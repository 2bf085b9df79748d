import type { Ctx } from '../../../platform/context.js';
import { emitEvent } from '../../../platform/events.js';
import { forbidden, notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { decodeCursor, toPage, type ListQuery } from '../../../platform/list-query.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { writeAudit } from '../../../platform/audit.js';
import { detectLanguage } from '../search/lang.js';
import { renderMarkdown } from '../markdown/markdown.js';
import { crm } from '../crm-reads.js';
import {
  countView,
  deleteItemRow,
  findItem,
  insertItem,
  lockItem,
  insertVersion,
  lastVersionNumber,
  listItems,
  missingSituationIds,
  setSituations,
  writeItem,
  type ItemRow,
  type ListFilters,
} from './items.repository.js';
import { canEdit, isAdmin, isExpert } from './items.policy.js';
import type { Item, ItemInput, ItemPatch } from './items.schemas.js';
import { checkAudience, queuePush } from '../delivery/push-delivery.js';
import { setPushSettings } from '../delivery/push-delivery.repository.js';
import { findVersion } from '../review/review.repository.js';
import {
  assertMayValidate,
  CONTENT_FIELDS,
  isReadable,
  mayValidate,
  pendingAuthors,
  proposeChange,
  revisionOf,
  type Content,
} from '../review/review.service.js';

/** Something waits for validation: a draft in review, or a change to readable content. */
const awaitsValidation = (item: ItemRow) =>
  Boolean(item.reviewVersion) || ['draft', 'in_review'].includes(item.status);

async function present(ctx: Ctx, item: ItemRow): Promise<Item> {
  const { validatedVersion: _validated, ...rest } = item;
  const canValidate =
    isExpert(ctx) && awaitsValidation(item) ? await mayValidate(ctx, await pendingAuthors(ctx, item)) : false;
  return { ...rest, canEdit: canEdit(ctx, item), canValidate, revision: await revisionOf(ctx, item) };
}

/** Checks that linked products, accounts and situations exist (and are visible): 400 otherwise. */
async function checkLinks(
  ctx: Ctx,
  links: { productIds?: string[]; accountIds?: string[]; situationIds?: string[] },
  prefix = '',
) {
  const errors: FieldError[] = [];
  const missingFrom = async (ids: string[], found: (ids: string[]) => Promise<{ id: string }[]>) => {
    const known = new Set((await found(ids)).map((row) => row.id));
    return ids.filter((id) => !known.has(id));
  };
  const lookups = {
    productIds: (ids: string[]) => missingFrom(ids, (wanted) => crm().productsByIds(ctx.tx, wanted)),
    accountIds: (ids: string[]) => missingFrom(ids, (wanted) => crm().accountsByIds(ctx.tx, wanted)),
    situationIds: (ids: string[]) => missingSituationIds(ctx.tx, ids),
  };
  for (const field of ['productIds', 'accountIds', 'situationIds'] as const) {
    const missing = await lookups[field](links[field] ?? []);
    if (missing.length)
      errors.push({
        field: `${prefix}${field}`,
        message: `Unknown: ${missing.join(', ')}.`,
        code: 'unknown_reference',
      });
  }
  if (errors.length) throw validationError(errors);
}

/** Loads a visible item or 404; audits reads of secret items (ID-3/ID-4). */
// Uses that write a new version or change the status: the row is locked first so two
// simultaneous edits read one another's version instead of both writing version n+1.
const LOCKING_USES = new Set(['update', 'transition', 'restore', 'delete']);

export async function loadItem(ctx: Ctx, id: string, how = 'get'): Promise<ItemRow> {
  if (LOCKING_USES.has(how)) await lockItem(ctx.tx, id);
  const found = await findItem(ctx.tx, id);
  if (!found) throw notFound('knowledge item');
  // Its files are CRM documents attached to it, read under the same row-level security.
  const files = await crm().attachedFiles(ctx.tx, 'knowledge', id);
  const item: ItemRow = {
    ...found,
    attachments: files.map((file) => ({
      id: file.id,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.sizeBytes,
    })),
  };
  await auditSecretRead(ctx, 'knowledge', item, how);
  return item;
}

export async function getItem(ctx: Ctx, id: string, options: { countView?: boolean } = {}): Promise<Item> {
  const item = await loadItem(ctx, id);
  if (options.countView) {
    await countView(ctx.tx, id);
    item.viewCount += 1;
  }
  return present(ctx, item);
}

export async function listKnowledge(ctx: Ctx, query: ListQuery & ListFilters) {
  const offset = decodeCursor(query.cursor);
  const { rows, total } = await listItems(ctx.tx, query, query.sort, query.limit, offset);
  return toPage(rows, query, offset, total);
}

/** Creates an item (KB-1): detects the language, renders the HTML, keeps version 1. */
export async function createItem(
  ctx: Ctx,
  input: ItemInput,
  options: { emit?: boolean; fieldPrefix?: string; imported?: boolean } = {},
): Promise<string> {
  const status = input.status ?? 'draft';
  if (!['draft', 'in_review'].includes(status) && !isExpert(ctx)) {
    throw forbidden(
      'Only experts and admins may create validated or published knowledge.',
      'knowledge.publish_forbidden',
    );
  }
  // Creating it validated is validating one's own text: a second expert does it when there is one.
  // (An admin's import migrates a base reviewed elsewhere.)
  if (status !== 'draft' && status !== 'in_review' && !(options.imported && isAdmin(ctx)))
    await assertMayValidate(ctx, [ctx.actor.userId]);
  await checkLinks(ctx, input, options.fieldPrefix);
  const lang = input.lang ?? detectLanguage(`${input.title}\n${input.problem}\n${input.body}`);
  const audience = input.delivery === 'push' ? await checkAudience(ctx, input.audience) : input.audience;
  const id = await insertItem(ctx.tx, ctx.actor.userId, ctx.actor.teamId, {
    ...input,
    status,
    lang,
    html: renderMarkdown(input.body),
    audience,
  });
  await insertVersion(ctx.tx, id, 1, input, ctx.actor.userId, 'created');
  if (input.situationIds.length) await setSituations(ctx.tx, id, input.situationIds);
  if (options.emit !== false) {
    await emitEvent(ctx.tx, {
      type: 'knowledge.created',
      payload: { itemId: id, type: input.type, status },
      actorId: ctx.actor.userId,
    });
    if (status === 'published')
      await emitEvent(ctx.tx, {
        type: 'knowledge.published',
        payload: { itemId: id, type: input.type, status },
        actorId: ctx.actor.userId,
      });
  }
  if (status === 'published') await queuePush(ctx.tx, id, ctx.actor.userId);
  return id;
}

const OTHER_FIELDS = [
  'lang',
  'productIds',
  'accountIds',
  'situationIds',
  'delivery',
  'visibility',
  'verifyIntervalDays',
] as const;

/**
 * Changes an item (owner, experts and admins). A content change makes a new version (KB-2):
 * on a draft it is applied; on validated, published or stale content it waits for review and
 * readers keep the validated version (issue 9). Links, visibility and delivery apply at once.
 */
export async function updateItem(ctx: Ctx, id: string, patch: ItemPatch): Promise<Item> {
  const item = await loadItem(ctx, id, 'update');
  if (!canEdit(ctx, item))
    throw forbidden(
      'Only the owner, experts and admins edit this item; suggest an edit instead.',
      'knowledge.edit_forbidden',
    );
  await checkLinks(ctx, patch);
  const review = isReadable(item.status);
  // Further edits build on the change already in review.
  const base: Content =
    (review && item.reviewVersion ? await findVersion(ctx.tx, id, item.reviewVersion) : null) ?? item;
  const content: Content = {
    type: patch.type ?? base.type,
    title: patch.title ?? base.title,
    problem: patch.problem ?? base.problem,
    body: patch.body ?? base.body,
    tags: patch.tags ?? base.tags,
  };
  const contentChanged = CONTENT_FIELDS.some(
    (field) => JSON.stringify(content[field]) !== JSON.stringify(base[field]),
  );
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of OTHER_FIELDS) {
    if (patch[field] !== undefined && JSON.stringify(patch[field]) !== JSON.stringify(item[field]))
      changes[field] = { from: item[field], to: patch[field] };
  }
  // Push items: their audience (checked against what the author may address) and date.
  const delivery = patch.delivery ?? item.delivery;
  const pushChanged =
    patch.audience !== undefined ||
    patch.pushAt !== undefined ||
    (patch.delivery === 'push' && item.delivery !== 'push');
  if (pushChanged) {
    const audience = patch.audience ?? item.audience;
    await setPushSettings(
      ctx.tx,
      id,
      delivery === 'push' ? await checkAudience(ctx, audience) : audience,
      patch.pushAt !== undefined ? patch.pushAt : item.pushAt,
    );
  }
  if (!contentChanged && Object.keys(changes).length === 0) {
    if (pushChanged && delivery === 'push') await queuePush(ctx.tx, id, ctx.actor.userId);
    return pushChanged ? getItem(ctx, id) : present(ctx, item);
  }
  if (contentChanged && review) await proposeChange(ctx, item, content, patch.note);
  const direct = contentChanged && !review ? content : null;
  const version = direct ? (await lastVersionNumber(ctx.tx, id)) + 1 : item.version;
  const lang =
    patch.lang ??
    (direct ? detectLanguage(`${content.title}\n${content.problem}\n${content.body}`) : item.lang);
  const shown = direct ?? item;
  const next = {
    ...item,
    ...Object.fromEntries(
      Object.entries(patch).filter(
        ([field, value]) => value !== undefined && (OTHER_FIELDS as readonly string[]).includes(field),
      ),
    ),
  } as ItemRow;
  await writeItem(ctx.tx, id, {
    type: shown.type,
    title: shown.title,
    problem: shown.problem,
    body: shown.body,
    html: direct ? renderMarkdown(direct.body) : item.html,
    lang,
    tags: shown.tags,
    productIds: next.productIds,
    accountIds: next.accountIds,
    delivery: next.delivery,
    visibility: next.visibility,
    verifyIntervalDays: next.verifyIntervalDays,
    version,
  });
  if (direct) await insertVersion(ctx.tx, id, version, direct, ctx.actor.userId, patch.note);
  if (patch.situationIds) await setSituations(ctx.tx, id, patch.situationIds);
  if ('visibility' in changes) {
    await writeAudit(ctx.tx, {
      actorId: ctx.actor.userId,
      action: 'knowledge.visibility_changed',
      targetType: 'knowledge',
      targetId: id,
      ip: ctx.ip,
      details: changes.visibility,
    });
  }
  if (direct) {
    for (const field of CONTENT_FIELDS)
      if (JSON.stringify(direct[field]) !== JSON.stringify(item[field]))
        changes[field] =
          field === 'body' || field === 'problem'
            ? { from: null, to: null }
            : { from: item[field], to: direct[field] };
    await emitEvent(ctx.tx, {
      type: 'knowledge.updated',
      payload: { itemId: id, type: direct.type, status: item.status, changes },
      actorId: ctx.actor.userId,
    });
  }
  // Turned into a push item once published: delivered now (or at its date).
  if (delivery === 'push') await queuePush(ctx.tx, id, ctx.actor.userId);
  return getItem(ctx, id);
}

export async function deleteItem(ctx: Ctx, id: string): Promise<void> {
  const item = await loadItem(ctx, id, 'delete');
  if (!canEdit(ctx, item))
    throw forbidden('Only the owner, experts and admins delete this item.', 'knowledge.edit_forbidden');
  await crm().detachFiles(ctx.tx, 'knowledge', id);
  await deleteItemRow(ctx.tx, id);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'knowledge.deleted',
    targetType: 'knowledge',
    targetId: id,
    ip: ctx.ip,
    details: { title: item.title, visibility: item.visibility },
  });
}
