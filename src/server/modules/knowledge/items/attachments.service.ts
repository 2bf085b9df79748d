import type { Ctx } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { storeFile } from '../../../platform/files.js';
import { crm, type CrmFile } from '../crm-reads.js';
import { canEdit } from './items.policy.js';
import { loadItem } from './items.service.js';

/** An item's attachments (brochures, sheets) are files the CRM keeps for it. */
export async function attachToItem(
  ctx: Ctx,
  itemId: string,
  file: { fileName: string; content: Buffer; contentType: string },
) {
  const item = await loadItem(ctx, itemId, 'attach');
  if (!canEdit(ctx, item))
    throw new AppError(403, 'knowledge.edit_forbidden', 'Only the owner, experts and admins attach files.');
  const stored = await storeFile(ctx.deps.config.dataDir, file.content, file.contentType);
  const id = await crm().attachFile(ctx.tx, {
    parentType: 'knowledge',
    parentId: item.id,
    fileName: file.fileName,
    contentType: stored.contentType,
    size: stored.size,
    sha256: stored.sha256,
    userId: ctx.actor.userId,
  });
  return { id, fileName: file.fileName, contentType: stored.contentType, size: stored.size };
}

/** One attachment of an item the caller sees, or 404. */
export async function findItemAttachment(ctx: Ctx, itemId: string, attachmentId: string): Promise<CrmFile> {
  await loadItem(ctx, itemId, 'attachment');
  const file = await crm().findAttachedFile(ctx.tx, 'knowledge', itemId, attachmentId);
  if (!file) throw notFound('attachment');
  return file;
}
