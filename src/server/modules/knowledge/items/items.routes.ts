import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { validationError } from '../../../platform/errors.js';
import { attachmentDisposition, readStoredFile } from '../../../platform/files.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import type { AppDeps } from '../../../platform/context.js';
import { diffVersions, restoreVersion, transitionItem, versionsOf } from './lifecycle.service.js';
import {
  attachmentSchema,
  diffSchema,
  idParams,
  itemInputSchema,
  itemPatchSchema,
  itemSchema,
  itemSummarySchema,
  listItemsQuery,
  previewInputSchema,
  previewSchema,
  TRANSITIONS,
  versionSchema,
} from './items.schemas.js';
import { renderMarkdown } from '../markdown/markdown.js';
import { createItem, deleteItem, getItem, listKnowledge, updateItem } from './items.service.js';
import { attachToItem, findItemAttachment } from './attachments.service.js';

const tags = ['knowledge'];

/** KB-1/KB-2: items, grants, lifecycle, versions, attachments (registered under /api/v1/knowledge). */
export async function itemRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('', {
    schema: {
      tags,
      summary: 'Knowledge items the user may see',
      querystring: listItemsQuery,
      response: { 200: pageSchema(itemSummarySchema) },
    },
    handler: async (request) => request.run((ctx) => listKnowledge(ctx, request.query)),
  });

  app.post('', {
    schema: {
      tags,
      summary: 'Create a knowledge item (Markdown body rendered and sanitised)',
      body: itemInputSchema,
      response: { 201: itemSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await request.run(async (ctx) => getItem(ctx, await createItem(ctx, request.body)))),
  });

  // The editor's preview: the server's own renderer and sanitiser, nothing stored.
  app.post('/preview', {
    schema: {
      tags,
      summary: 'Render Markdown as the item would store it (sanitised HTML); stores nothing',
      body: previewInputSchema,
      response: { 200: previewSchema },
    },
    handler: async (request) => ({ html: renderMarkdown(request.body.body) }),
  });

  app.get('/:id', {
    schema: {
      tags,
      summary: 'A knowledge item (counts a view)',
      params: idParams,
      response: { 200: itemSchema },
    },
    handler: async (request) => request.run((ctx) => getItem(ctx, request.params.id, { countView: true })),
  });

  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change a knowledge item (a content change makes a new version)',
      params: idParams,
      body: itemPatchSchema,
      response: { 200: itemSchema },
    },
    handler: async (request) => request.run((ctx) => updateItem(ctx, request.params.id, request.body)),
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a knowledge item', params: idParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteItem(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });

  registerGrantRoutes(app, {
    basePath: '',
    recordType: 'knowledge',
    table: 'knowledge_items',
    tag: 'knowledge',
  });

  app.post('/:id/transitions', {
    schema: {
      tags,
      summary:
        'Move an item through its lifecycle: submit, validate, reject, publish, verify, archive, reopen',
      params: idParams,
      body: z.strictObject({ action: z.enum(TRANSITIONS), note: z.string().max(500).optional() }),
      response: { 200: itemSchema },
    },
    handler: async (request) =>
      request.run((ctx) => transitionItem(ctx, request.params.id, request.body.action, request.body.note)),
  });

  app.get('/:id/versions', {
    schema: {
      tags,
      summary: 'Version history, newest first',
      params: idParams,
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(versionSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await versionsOf(ctx, request.params.id), request.query)),
  });

  app.get('/:id/diff', {
    schema: {
      tags,
      summary: 'Readable diff between two versions',
      params: idParams,
      querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      response: { 200: diffSchema },
    },
    handler: async (request) =>
      request.run((ctx) => diffVersions(ctx, request.params.id, request.query.from, request.query.to)),
  });

  app.post('/:id/versions/:version/restore', {
    schema: {
      tags,
      summary: 'Restore a version (as a new version)',
      params: idParams.extend({ version: z.coerce.number().int().min(1) }),
      response: { 200: itemSchema },
    },
    handler: async (request) =>
      request.run((ctx) => restoreVersion(ctx, request.params.id, request.params.version)),
  });

  // Attachments: the raw bytes as the body, the name in the query (brochures, sheets).
  await app.register(async (scope: RelaisApp) => {
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.config.uploadLimitBytes },
      (_request, body, done) => done(null, body),
    );
    scope.post('/:id/attachments', {
      schema: {
        tags,
        summary: 'Attach a file (raw body; ?fileName=)',
        params: idParams,
        querystring: z.object({ fileName: z.string().trim().min(1).max(200) }),
        response: { 201: attachmentSchema },
      },
      handler: async (request, reply) => {
        const content = request.body as unknown;
        if (!Buffer.isBuffer(content) || content.length === 0)
          throw validationError([
            { field: 'body', message: 'Send the file bytes as the body.', code: 'empty' },
          ]);
        const result = await request.run((ctx) =>
          attachToItem(ctx, request.params.id, {
            fileName: request.query.fileName,
            content,
            contentType: String(request.headers['content-type'] ?? ''),
          }),
        );
        return reply.status(201).send(result);
      },
    });
  });

  app.get('/:id/attachments/:attachmentId', {
    schema: {
      tags,
      summary: 'Download an attachment',
      params: idParams.extend({ attachmentId: z.string().uuid() }),
    },
    handler: async (request, reply) => {
      const doc = await request.run((ctx) =>
        findItemAttachment(ctx, request.params.id, request.params.attachmentId),
      );
      const content = await readStoredFile(deps.config.dataDir, doc.sha256);
      return reply
        .type(doc.contentType)
        .header('content-disposition', attachmentDisposition(doc.fileName))
        .send(content);
    },
  });
}
