import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { exportFileName, OFFER_COLUMNS } from '../exports/columns.js';
import { auditExport, csvHeaders, toCsv } from '../exports/csv-export.js';
import { boardOffers, listOffers, listStages } from './offers.repository.js';
import { searchOffers } from './offers.search.js';
import { createStage, patchStage } from './stages.service.js';
import {
  lineInputSchema,
  linePatchSchema,
  offerCreateSchema,
  offerDetailSchema,
  offerListQuerySchema,
  offerPatchSchema,
  offerSchema,
  stageCreateSchema,
  stageMoveSchema,
  stagePatchSchema,
  stageSchema,
} from './offers.schemas.js';
import {
  addLine,
  createOffer,
  deleteLine,
  deleteOffer,
  moveOffer,
  offerDetail,
  patchLine,
  patchOffer,
} from './offers.service.js';

const tags = ['offers'];
const params = z.object({ id: z.string().uuid() });
const lineParams = params.extend({ lineId: z.string().uuid() });
const adminOnly = { roles: ['admin' as const] };

/** The board's stages (admins shape them). */
export async function offerStageRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags,
      summary: 'Offer stages in board order',
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(stageSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => pageArray(await listStages(ctx.tx), request.query)),
  });
  app.post('', {
    config: adminOnly,
    schema: { tags, summary: 'Add a stage', body: stageCreateSchema, response: { 201: stageSchema } },
    handler: async (request, reply) => {
      const stage = await request.run((ctx) => createStage(ctx, request.body));
      return reply.status(201).send(stage);
    },
  });
  app.patch('/:id', {
    config: adminOnly,
    schema: {
      tags,
      summary: 'Rename a stage, change its probability, position or outcome',
      params,
      body: stagePatchSchema,
      response: { 200: stageSchema },
    },
    handler: async (request) => request.run((ctx) => patchStage(ctx, request.params.id, request.body)),
  });
}

/** Offers, their lines, stage moves, board, export and grants (CRM-4). */
export async function offerRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('', {
    schema: {
      tags,
      summary: 'Offers (filters q, stage, outcome, accountId, ownerId=me|uuid, productId)',
      querystring: offerListQuerySchema,
      response: { 200: pageSchema(offerSchema) },
    },
    handler: async (request) => request.run((ctx) => listOffers(ctx.tx, ctx.actor.userId, request.query)),
  });
  app.get('/board', {
    schema: {
      tags,
      summary: 'Kanban board: per stage its count, amount and latest offers',
      querystring: offerListQuerySchema
        .omit({ limit: true, cursor: true, sort: true, stage: true, outcome: true })
        .extend({ perStage: z.coerce.number().int().min(1).max(200).default(50) }),
      response: {
        200: z.object({
          columns: z.array(
            z.object({
              stage: stageSchema,
              count: z.number(),
              amount: z.number(),
              items: z.array(offerSchema),
            }),
          ),
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const { perStage, ...filters } = request.query;
        const stages = await listStages(ctx.tx);
        const rows = await boardOffers(ctx.tx, ctx.actor.userId, filters, perStage);
        return {
          columns: stages.map((stage) => {
            const mine = rows.filter((row) => row.offer.stage === stage.key);
            return {
              stage,
              count: mine[0]?.stageCount ?? 0,
              amount: mine[0]?.stageSum ?? 0,
              items: mine.map((row) => row.offer),
            };
          }),
        };
      }),
  });
  app.get('/export.csv', {
    schema: {
      tags,
      summary: 'Offers as CSV (same filters as the list)',
      querystring: offerListQuerySchema.omit({ limit: true, cursor: true }),
    },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listOffers(ctx.tx, ctx.actor.userId, { ...request.query, limit: 100_000 }, true);
        await auditExport(ctx, 'offer', page.items.length);
        return toCsv(
          OFFER_COLUMNS,
          page.items.map((offer) => ({
            ...offer,
            stageName: ctx.locale === 'en' ? offer.stageNameEn : offer.stageNameFr,
          })),
          ctx.locale,
        );
      });
      csvHeaders(reply, exportFileName('offers', request.actor!.locale));
      return reply.send(csv);
    },
  });
  app.post('', {
    schema: {
      tags,
      summary: 'Create an offer (lines default to the product price and discount)',
      body: offerCreateSchema,
      response: { 201: offerDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createOffer(ctx, request.body))),
  });
  app.get('/:id', {
    schema: {
      tags,
      summary: 'One offer with its lines and stage history',
      params,
      response: { 200: offerDetailSchema },
    },
    handler: async (request) => request.run((ctx) => offerDetail(ctx, request.params.id)),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change an offer (use /stage to move it)',
      params,
      body: offerPatchSchema,
      response: { 200: offerDetailSchema },
    },
    handler: async (request) => request.run((ctx) => patchOffer(ctx, request.params.id, request.body)),
  });
  app.delete('/:id', {
    schema: { tags, summary: 'Delete an offer', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteOffer(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  app.post('/:id/stage', {
    schema: {
      tags,
      summary: 'Move an offer to a stage (lost needs reason and competitor)',
      params,
      body: stageMoveSchema,
      response: { 200: offerDetailSchema },
    },
    handler: async (request) => request.run((ctx) => moveOffer(ctx, request.params.id, request.body)),
  });
  app.post('/:id/lines', {
    schema: {
      tags,
      summary: 'Add a product line',
      params,
      body: lineInputSchema,
      response: { 201: offerDetailSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => addLine(ctx, request.params.id, request.body))),
  });
  app.patch('/:id/lines/:lineId', {
    schema: {
      tags,
      summary: 'Change a line',
      params: lineParams,
      body: linePatchSchema,
      response: { 200: offerDetailSchema },
    },
    handler: async (request) =>
      request.run((ctx) => patchLine(ctx, request.params.id, request.params.lineId, request.body)),
  });
  app.delete('/:id/lines/:lineId', {
    schema: { tags, summary: 'Remove a line', params: lineParams, response: { 200: offerDetailSchema } },
    handler: async (request) =>
      request.run((ctx) => deleteLine(ctx, request.params.id, request.params.lineId)),
  });
  registerGrantRoutes(app, {
    basePath: '',
    recordType: 'offer',
    table: 'offers',
    tag: 'offers',
  });

  deps.search.register('offer', searchOffers);
}
