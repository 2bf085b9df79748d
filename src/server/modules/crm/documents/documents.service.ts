import type { Ctx } from '../../../platform/context.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { storeFile } from '../../../platform/files.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { mayAttachDocument, mayDeleteDocument } from './documents.policy.js';
import {
  deleteDocumentRow,
  findDocument,
  findParent,
  insertDocument,
  listDocuments,
  PARENT_TABLES,
  type DocumentRow,
  type ParentType,
} from './documents.repository.js';

async function parentOr404(ctx: Ctx, type: ParentType, id: string) {
  const parent = await findParent(ctx.tx, type, id);
  if (!parent) throw notFound(type);
  return parent;
}

/** Documents of a visible parent; for an account with `includeChildren`, those of its offers and activities too. */
export async function parentDocuments(
  ctx: Ctx,
  parentType: ParentType,
  parentId: string,
  includeChildren: boolean,
): Promise<DocumentRow[]> {
  await parentOr404(ctx, parentType, parentId);
  return listDocuments(ctx.tx, parentType, parentId, includeChildren);
}

/** Stores an uploaded file and attaches it to a record the actor sees. */
export async function attachDocument(
  ctx: Ctx,
  input: { parentType: ParentType; parentId: string; fileName: string; content: Buffer; mimetype: string },
): Promise<DocumentRow> {
  await parentOr404(ctx, input.parentType, input.parentId);
  if (!mayAttachDocument(ctx.actor, input.parentType))
    throw forbidden('Only catalogue editors attach product documents.');
  const stored = await storeFile(ctx.deps.config.dataDir, input.content, input.mimetype);
  const id = await insertDocument(ctx.tx, {
    parentType: input.parentType,
    parentId: input.parentId,
    fileName: input.fileName,
    contentType: stored.contentType,
    size: stored.size,
    sha256: stored.sha256,
    userId: ctx.actor.userId,
  });
  return (await findDocument(ctx.tx, id))!;
}

/** A document about to be downloaded: a secret parent's read is audited. */
export async function documentForDownload(ctx: Ctx, id: string): Promise<DocumentRow> {
  const doc = await findDocument(ctx.tx, id);
  if (!doc) throw notFound('document');
  const parent =
    doc.parentType in PARENT_TABLES
      ? await findParent(ctx.tx, doc.parentType as ParentType, doc.parentId)
      : null;
  if (parent)
    await auditSecretRead(
      ctx,
      doc.parentType,
      { id: parent.id, visibility: parent.visibility },
      'document_download',
    );
  return doc;
}

export async function deleteDocument(ctx: Ctx, id: string): Promise<void> {
  const doc = await findDocument(ctx.tx, id);
  if (!doc) throw notFound('document');
  const parent = await findParent(ctx.tx, doc.parentType as ParentType, doc.parentId);
  if (!mayDeleteDocument(ctx.actor, doc, parent))
    throw forbidden('Only the uploader or the record owner can delete this document.', 'document.owner_only');
  await deleteDocumentRow(ctx.tx, doc.id);
}
