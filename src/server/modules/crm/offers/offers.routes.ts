import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import type { AppDeps } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { pageSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { auditExport, csvHeaders, toCsv } from '../dashboards/csv.js';
import { boardOffers, listOffers, listStages, toStage } from './offers.repository.js';
import {
  lineInputSchema, linePatchSchema, offerCreateSchema, offerDetailSchema, offerListQuerySchema, offerPatchSchema, offerSchema,
  stageCreateSchema, stageMoveSchema, stagePatchSchema, stageSchema,
} from './offers.schemas.js';
import { addLine, createOffer, deleteLine, deleteOffer, moveOffer, offerDetail, patchLine, patchOffer } from './offers.service.js';

const tags = ['offers'];
const params = z.object({ id: z.string().uuid() });
const lineParams = params.extend({ lineId: z.string().uuid() });
const adminOnly = { roles: ['admin' as const] };

export async function registerOfferRoutes(app: RelaisApp, deps: AppDeps) {
  app.get('/api/v1/offer-stages', {
    schema: { tags, summary: 'Offer stages in board order', response: { 200: z.object({ items: z.array(stageSchema) }) } },
    handler: async (request) => request.run(async (ctx) => ({ items: await listStages(ctx.tx) })),
  });
  app.post('/api/v1/offer-stages', {
    config: adminOnly,
    schema: { tags, summary: 'Add a stage', body: stageCreateSchema, response: { 201: stageSchema } },
    handler: async (request, reply) => {
      const stage = await request.run(async (ctx) => {
        const b = request.body;
        const rows = await ctx.tx.query(
          `insert into offer_stages (key, name_fr, name_en, probability, position, outcome) values ($1, $2, $3, $4, $5, $6) on conflict (key) do nothing returning *`,
          [b.key, b.nameFr, b.nameEn, b.probability, b.position, b.outcome],
        );
        if (!rows[0]) throw conflict('stage.key_taken', 'A stage already has this key.', [{ field: 'key', message: 'Already used.', code: 'taken' }]);
        return toStage(rows[0]);
      });
      return reply.status(201).send(stage);
    },
  });
  app.patch('/api/v1/offer-stages/:id', {
    config: adminOnly,
    schema: { tags, summary: 'Rename a stage, change its probability, position or outcome', params, body: stagePatchSchema, response: { 200: stageSchema } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const b = request.body;
        const rows = await ctx.tx.query(
          `update offer_stages set name_fr = coalesce($2, name_fr), name_en = coalesce($3, name_en), probability = coalesce($4, probability),
                  position = coalesce($5, position), outcome = coalesce($6, outcome) where id = $1 returning *`,
          [request.params.id, b.nameFr ?? null, b.nameEn ?? null, b.probability ?? null, b.position ?? null, b.outcome ?? null],
        );
        if (!rows[0]) throw notFound('stage');
        return toStage(rows[0]);
      }),
  });

  app.get('/api/v1/offers', {
    schema: { tags, summary: 'Offers (filters q, stage, outcome, accountId, ownerId=me|uuid, productId)', querystring: offerListQuerySchema, response: { 200: pageSchema(offerSchema) } },
    handler: async (request) => request.run((ctx) => listOffers(ctx.tx, ctx.actor.userId, request.query)),
  });
  app.get('/api/v1/offers/board', {
    schema: {
      tags, summary: 'Kanban board: per stage its count, amount and latest offers',
      querystring: offerListQuerySchema.omit({ limit: true, cursor: true, sort: true, stage: true, outcome: true }).extend({ perStage: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ columns: z.array(z.object({ stage: stageSchema, count: z.number(), amount: z.number(), items: z.array(offerSchema) })) }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const { perStage, ...filters } = request.query;
        const stages = await listStages(ctx.tx);
        const rows = await boardOffers(ctx.tx, ctx.actor.userId, filters, perStage);
        return {
          columns: stages.map((stage) => {
            const mine = rows.filter((row) => row.offer.stage === stage.key);
            return { stage, count: mine[0]?.stageCount ?? 0, amount: mine[0]?.stageSum ?? 0, items: mine.map((row) => row.offer) };
          }),
        };
      }),
  });
  app.get('/api/v1/offers/export.csv', {
    schema: { tags, summary: 'Offers as CSV (same filters as the list)', querystring: offerListQuerySchema.omit({ limit: true, cursor: true }) },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listOffers(ctx.tx, ctx.actor.userId, { ...request.query, limit: 100_000 }, true);
        await auditExport(ctx, 'offer', page.items.length);
        return toCsv(['id', 'title', 'accountName', 'contactName', 'stage', 'probability', 'amount', 'currency', 'expectedCloseDate', 'closedAt', 'closeReason', 'competitor', 'ownerName', 'visibility', 'createdAt'], page.items);
      });
      csvHeaders(reply, 'offres.csv');
      return reply.send(csv);
    },
  });
  app.post('/api/v1/offers', {
    schema: { tags, summary: 'Create an offer (lines default to the product price and discount)', body: offerCreateSchema, response: { 201: offerDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => createOffer(ctx, request.body))),
  });
  app.get('/api/v1/offers/:id', {
    schema: { tags, summary: 'One offer with its lines and stage history', params, response: { 200: offerDetailSchema } },
    handler: async (request) => request.run((ctx) => offerDetail(ctx, request.params.id)),
  });
  app.patch('/api/v1/offers/:id', {
    schema: { tags, summary: 'Change an offer (use /stage to move it)', params, body: offerPatchSchema, response: { 200: offerDetailSchema } },
    handler: async (request) => request.run((ctx) => patchOffer(ctx, request.params.id, request.body)),
  });
  app.delete('/api/v1/offers/:id', {
    schema: { tags, summary: 'Delete an offer', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteOffer(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  app.post('/api/v1/offers/:id/stage', {
    schema: { tags, summary: 'Move an offer to a stage (lost needs reason and competitor)', params, body: stageMoveSchema, response: { 200: offerDetailSchema } },
    handler: async (request) => request.run((ctx) => moveOffer(ctx, request.params.id, request.body)),
  });
  app.post('/api/v1/offers/:id/lines', {
    schema: { tags, summary: 'Add a product line', params, body: lineInputSchema, response: { 201: offerDetailSchema } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => addLine(ctx, request.params.id, request.body))),
  });
  app.patch('/api/v1/offers/:id/lines/:lineId', {
    schema: { tags, summary: 'Change a line', params: lineParams, body: linePatchSchema, response: { 200: offerDetailSchema } },
    handler: async (request) => request.run((ctx) => patchLine(ctx, request.params.id, request.params.lineId, request.body)),
  });
  app.delete('/api/v1/offers/:id/lines/:lineId', {
    schema: { tags, summary: 'Remove a line', params: lineParams, response: { 200: offerDetailSchema } },
    handler: async (request) => request.run((ctx) => deleteLine(ctx, request.params.id, request.params.lineId)),
  });
  registerGrantRoutes(app, { basePath: '/api/v1/offers', recordType: 'offer', table: 'offers', tag: 'offers' });

  deps.search.register('offer', async (ctx, query, limit) => {
    const rows = await ctx.tx.query(
      `select o.id, o.title, a.name as account_name, o.amount, s.name_fr, s.name_en,
              greatest(similarity(relais_unaccent(lower(o.title)), relais_unaccent(lower($1))), similarity(relais_unaccent(lower(a.name)), relais_unaccent(lower($1))) * 0.8) as score
         from offers o join accounts a on a.id = o.account_id join offer_stages s on s.id = o.stage_id
        where relais_unaccent(lower(o.title)) like '%' || relais_unaccent(lower($1)) || '%'
           or relais_unaccent(lower(o.title)) % relais_unaccent(lower($1))
           or relais_unaccent(lower(a.name)) like '%' || relais_unaccent(lower($1)) || '%'
        order by score desc limit $2`,
      [query, limit],
    );
    return rows.map((row: any) => ({
      type: 'offer', id: row.id, title: row.title,
      subtitle: `${row.account_name} · ${ctx.locale === 'en' ? row.name_en : row.name_fr} · ${Number(row.amount).toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'fr-FR')} €`,
      url: `/offers/${row.id}`, score: Number(row.score) + 0.1,
    }));
  });
}
