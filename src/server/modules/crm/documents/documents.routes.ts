import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { AppError, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { attachmentDisposition, readStoredFile, storeFile } from '../../../platform/files.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { findDocument, findParent, insertDocument, listDocuments, PARENT_TABLES, type ParentType } from './documents.repository.js';

const tags = ['documents'];
const parentTypeSchema = z.enum(['account', 'offer', 'activity', 'product']);
export const documentSchema = z.object({
  id: z.string(), parentType: z.string(), parentId: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(),
  sha256: z.string(), uploadedBy: z.string().nullable(), uploadedByName: z.string().nullable(), createdAt: z.string(), downloadUrl: z.string(),
});
const PRODUCT_EDITORS = new Set(['admin', 'expert', 'manager']);

async function parentOr404(ctx: Ctx, type: ParentType, id: string) {
  const parent = await findParent(ctx.tx, type, id);
  if (!parent) throw notFound(type);
  return parent;
}

/** Documents attached to an account, offer, activity or product; visible exactly when the parent is. */
export async function registerDocumentRoutes(app: RelaisApp, deps: AppDeps) {
  const fileSize = deps.config.uploadLimitBytes;
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, { limits: { fileSize, files: 1, fields: 10, fieldSize: 1000 } });
    }
    scope.post('/api/v1/documents', {
      schema: { tags, summary: 'Upload a file (multipart: parentType, parentId, then file)', consumes: ['multipart/form-data'], response: { 201: documentSchema } },
      handler: async (request, reply) => {
        if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send multipart/form-data with parentType, parentId and file.');
        const fields: Record<string, string> = {};
        let upload: { fileName: string; mimetype: string; content: Buffer } | null = null;
        try {
          for await (const part of request.parts({ limits: { fileSize, files: 1 } })) {
            if (part.type === 'file') {
              if (upload) throw validationError([{ field: 'file', message: 'Send one file at a time.', code: 'too_many' }]);
              upload = { fileName: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
            } else fields[part.fieldname] = String(part.value);
          }
        } catch (error: any) {
          if (error?.statusCode === 413 || error?.code === 'FST_REQ_FILE_TOO_LARGE' || error?.code === 'FST_FILES_LIMIT') {
            throw new AppError(413, 'file.too_large', `Files are limited to ${Math.round(fileSize / 1024 / 1024)} MB.`);
          }
          throw error;
        }
        const parsed = z.object({ parentType: parentTypeSchema, parentId: z.string().uuid() }).safeParse(fields);
        const errors: { field: string; message: string; code: string }[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message, code: String(issue.code) }));
        if (!upload || upload.content.length === 0) errors.push({ field: 'file', message: 'Attach a non-empty file.', code: 'required' });
        const fileName = (upload?.fileName ?? '').replace(/[\\/\0]/g, '_').trim().slice(0, 200);
        if (upload && !fileName) errors.push({ field: 'file', message: 'The file needs a name.', code: 'required' });
        if (errors.length || !parsed.success || !upload) throw validationError(errors);
        const { parentType, parentId } = parsed.data;
        const document = await request.run(async (ctx) => {
          await parentOr404(ctx, parentType, parentId);
          if (parentType === 'product' && !PRODUCT_EDITORS.has(ctx.actor.role)) throw forbidden('Only catalogue editors attach product documents.');
          const stored = await storeFile(deps.config.dataDir, upload.content, upload.mimetype);
          const id = await insertDocument(ctx.tx, { parentType, parentId, fileName, contentType: stored.contentType, size: stored.size, sha256: stored.sha256, userId: ctx.actor.userId });
          return (await findDocument(ctx.tx, id))!;
        });
        return reply.status(201).send(document);
      },
    });
  });

  app.get('/api/v1/documents', {
    schema: {
      tags, summary: 'Documents of a record (includeChildren=true on an account adds its offers and activities)',
      querystring: z.object({ parentType: parentTypeSchema, parentId: z.string().uuid(), includeChildren: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.object({ items: z.array(documentSchema), nextCursor: z.null(), total: z.number() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const { parentType, parentId, includeChildren } = request.query;
        await parentOr404(ctx, parentType, parentId);
        const items = await listDocuments(ctx.tx, parentType, parentId, includeChildren === 'true');
        return { items, nextCursor: null, total: items.length };
      }),
  });

  app.get('/api/v1/documents/:id/download', {
    schema: { tags, summary: 'Download a document (as an attachment, with its sniffed type)', params: z.object({ id: z.string().uuid() }) },
    handler: async (request, reply) => {
      const document = await request.run(async (ctx) => {
        const doc = await findDocument(ctx.tx, request.params.id);
        if (!doc) throw notFound('document');
        const parent = doc.parentType in PARENT_TABLES ? await findParent(ctx.tx, doc.parentType as ParentType, doc.parentId) : null;
        if (parent) await auditSecretRead(ctx, doc.parentType, { id: parent.id, visibility: parent.visibility }, 'document_download');
        return doc;
      });
      const content = await readStoredFile(deps.config.dataDir, document.sha256).catch(() => null);
      if (!content) throw notFound('file');
      reply.header('content-type', document.contentType);
      reply.header('content-disposition', attachmentDisposition(document.fileName));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      return reply.send(content);
    },
  });

  app.delete('/api/v1/documents/:id', {
    schema: { tags, summary: 'Delete a document', params: z.object({ id: z.string().uuid() }), response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run(async (ctx) => {
        const doc = await findDocument(ctx.tx, request.params.id);
        if (!doc) throw notFound('document');
        const parent = await findParent(ctx.tx, doc.parentType as ParentType, doc.parentId);
        const allowed = doc.uploadedBy === ctx.actor.userId || ctx.actor.role === 'admin' || parent?.owner_id === ctx.actor.userId
          || (doc.parentType === 'product' && PRODUCT_EDITORS.has(ctx.actor.role));
        if (!allowed) throw forbidden('Only the uploader or the record owner can delete this document.', 'document.owner_only');
        await ctx.tx.query(`delete from documents where id = $1`, [doc.id]);
      });
      return reply.status(204).send(null);
    },
  });
}
