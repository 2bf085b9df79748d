import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { AppError, notFound, validationError } from '../../../platform/errors.js';
import { attachmentDisposition, readStoredFile } from '../../../platform/files.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { attachDocument, deleteDocument, documentForDownload, parentDocuments } from './documents.service.js';

const tags = ['documents'];
const parentTypeSchema = z.enum(['account', 'offer', 'activity', 'product']);

/** Multipart's "file too large" and "too many files" errors: the client's fault, so a 413. */
function isUploadLimitError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return statusCode === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT';
}
export const documentSchema = z.object({
  id: z.string(),
  parentType: z.string(),
  parentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});

/** Documents attached to an account, offer, activity or product; visible exactly when the parent is. */
export async function documentRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  const fileSize = deps.config.uploadLimitBytes;
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, { limits: { fileSize, files: 1, fields: 10, fieldSize: 1000 } });
    }
    scope.post('', {
      schema: {
        tags,
        summary: 'Upload a file (multipart: parentType, parentId, then file)',
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema },
      },
      handler: async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError(
            415,
            'unsupported_media_type',
            'Send multipart/form-data with parentType, parentId and file.',
          );
        const fields: Record<string, string> = {};
        let upload = null as { fileName: string; mimetype: string; content: Buffer } | null;
        try {
          for await (const part of request.parts({ limits: { fileSize, files: 1 } })) {
            if (part.type === 'file') {
              if (upload)
                throw validationError([
                  { field: 'file', message: 'Send one file at a time.', code: 'too_many' },
                ]);
              upload = { fileName: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
            } else fields[part.fieldname] = String(part.value);
          }
        } catch (error: unknown) {
          if (isUploadLimitError(error)) {
            throw new AppError(
              413,
              'file.too_large',
              `Files are limited to ${Math.round(fileSize / 1024 / 1024)} MB.`,
            );
          }
          throw error;
        }
        const parsed = z
          .object({ parentType: parentTypeSchema, parentId: z.string().uuid() })
          .safeParse(fields);
        const errors: { field: string; message: string; code: string }[] = parsed.success
          ? []
          : parsed.error.issues.map((issue) => ({
              field: String(issue.path[0]),
              message: issue.message,
              code: String(issue.code),
            }));
        if (!upload || upload.content.length === 0)
          errors.push({ field: 'file', message: 'Attach a non-empty file.', code: 'required' });
        const fileName = (upload?.fileName ?? '')
          .replace(/[\\/\0]/g, '_')
          .trim()
          .slice(0, 200);
        if (upload && !fileName)
          errors.push({ field: 'file', message: 'The file needs a name.', code: 'required' });
        if (errors.length || !parsed.success || !upload) throw validationError(errors);
        const { parentType, parentId } = parsed.data;
        const document = await request.run((ctx) =>
          attachDocument(ctx, {
            parentType,
            parentId,
            fileName,
            content: upload.content,
            mimetype: upload.mimetype,
          }),
        );
        return reply.status(201).send(document);
      },
    });
  });

  app.get('', {
    schema: {
      tags,
      summary: 'Documents of a record (includeChildren=true on an account adds its offers and activities)',
      querystring: pagingSchema({ defaultLimit: 500 }).extend({
        parentType: parentTypeSchema,
        parentId: z.string().uuid(),
        includeChildren: z.enum(['true', 'false']).default('false'),
      }),
      response: { 200: pageSchema(documentSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const { parentType, parentId, includeChildren } = request.query;
        return pageArray(
          await parentDocuments(ctx, parentType, parentId, includeChildren === 'true'),
          request.query,
        );
      }),
  });

  app.get('/:id/download', {
    schema: {
      tags,
      summary: 'Download a document (as an attachment, with its sniffed type)',
      params: z.object({ id: z.string().uuid() }),
    },
    handler: async (request, reply) => {
      const document = await request.run((ctx) => documentForDownload(ctx, request.params.id));
      const content = await readStoredFile(deps.config.dataDir, document.sha256).catch(() => null);
      if (!content) throw notFound('file');
      reply.header('content-type', document.contentType);
      reply.header('content-disposition', attachmentDisposition(document.fileName));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      return reply.send(content);
    },
  });

  app.delete('/:id', {
    schema: {
      tags,
      summary: 'Delete a document',
      params: z.object({ id: z.string().uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteDocument(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
}
