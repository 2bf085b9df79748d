import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { SearchProvider } from '../../platform/search-registry.js';
import { idParams, itemSummarySchema } from './items.schemas.js';
import {
  accountSituations, attachSituation, createSituation, decideSituation, deleteSituation, getSituation, listSituations, updateSituation,
} from './situations.service.js';

const tags = ['situations'];
const text = (max: number) => z.string().trim().max(max);
const situationBody = z.strictObject({
  name: text(200).min(1),
  description: text(4000).default(''),
  signals: z.array(text(80).min(2)).max(40).default([]).describe('Words or phrases that suggest it in a visit report or note'),
  fieldSignals: z.array(z.enum(['contact.accountIds', 'contact.title', 'contact.emails', 'account.segment', 'account.kind', 'account.sector'])).max(10).default([]),
  advice: text(20_000).default('').describe('Markdown'),
  productIds: z.array(z.string().uuid()).max(50).default([]),
  knowledgeIds: z.array(z.string().uuid()).max(100).default([]),
});
const situationSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), signals: z.array(z.string()), fieldSignals: z.array(z.string()), advice: z.string(),
  adviceHtml: z.string(), productIds: z.array(z.string()), knowledgeCount: z.number(), accountCount: z.number(), updatedAt: z.string(),
});
const situationDetail = situationSchema.extend({
  knowledge: z.array(itemSummarySchema),
  products: z.array(z.object({ id: z.string(), reference: z.string(), name: z.string() })),
  accounts: z.array(z.object({ linkId: z.string(), accountId: z.string(), accountName: z.string(), contactId: z.string().nullable(), status: z.string(), source: z.string(), reason: z.string().nullable(), createdAt: z.string() })),
});
const linkSchema = z.object({
  id: z.string(), accountId: z.string(), contactId: z.string().nullable(), situationId: z.string(), situationName: z.string(),
  status: z.enum(['suggested', 'confirmed', 'dismissed']), source: z.string(), reason: z.string().nullable(), createdAt: z.string(), decidedAt: z.string().nullable(),
});

export const situationSearchProvider: SearchProvider = async (ctx, query, limit) => {
  const rows = await ctx.tx.query(
    `select id, name, description, ts_rank(search_vector, websearch_to_tsquery('relais_fr', $1)) + similarity(relais_unaccent(lower(name)), relais_unaccent(lower($1))) as score
       from situations where search_vector @@ websearch_to_tsquery('relais_fr', $1) or relais_unaccent(lower(name)) % relais_unaccent(lower($1))
          or relais_unaccent(lower(name)) like '%' || relais_unaccent(lower($1)) || '%'
      order by score desc limit $2`,
    [query, limit],
  );
  return rows.map((row: any) => ({ type: 'situation', id: row.id, title: row.name, subtitle: row.description.slice(0, 140) || null, url: `/knowledge/situations/${row.id}`, score: Math.min(1, 0.3 + Number(row.score)) }));
};

/** KB-5: the catalogue of situations and their attachment to accounts and contacts. */
export async function registerSituationRoutes(app: RelaisApp) {
  app.get('/api/v1/situations', {
    schema: { tags, summary: 'The catalogue of customer situations', querystring: z.object({ q: z.string().max(200).optional() }), response: { 200: z.object({ items: z.array(situationSchema) }) } },
    handler: async (request) => request.run(async (ctx) => ({ items: await listSituations(ctx, request.query.q) })),
  });
  app.post('/api/v1/situations', {
    schema: { tags, summary: 'Add a situation (experts and admins)', body: situationBody, response: { 201: situationDetail } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => createSituation(ctx, request.body))),
  });
  app.get('/api/v1/situations/:id', {
    schema: { tags, summary: 'A situation with its knowledge, products and accounts', params: idParams, response: { 200: situationDetail } },
    handler: async (request) => request.run((ctx) => getSituation(ctx, request.params.id)),
  });
  app.patch('/api/v1/situations/:id', {
    schema: { tags, summary: 'Change a situation (experts and admins)', params: idParams, body: situationBody.partial(), response: { 200: situationDetail } },
    handler: async (request) => request.run((ctx) => updateSituation(ctx, request.params.id, request.body)),
  });
  app.delete('/api/v1/situations/:id', {
    schema: { tags, summary: 'Remove a situation (experts and admins)', params: idParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteSituation(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
  app.get('/api/v1/accounts/:id/situations', {
    schema: { tags, summary: "An account's situations (declared and suggested)", params: idParams, response: { 200: z.object({ items: z.array(linkSchema) }) } },
    handler: async (request) => request.run(async (ctx) => ({ items: await accountSituations(ctx, request.params.id) })),
  });
  app.post('/api/v1/accounts/:id/situations', {
    schema: {
      tags,
      summary: 'Declare a situation on an account or one of its contacts',
      params: idParams,
      body: z.strictObject({ situationId: z.string().uuid(), contactId: z.string().uuid().optional(), reason: z.string().max(500).optional() }),
      response: { 201: linkSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => attachSituation(ctx, request.params.id, request.body))),
  });
  app.patch('/api/v1/account-situations/:id', {
    schema: { tags, summary: 'Confirm or dismiss a suggested situation', params: idParams, body: z.strictObject({ status: z.enum(['confirmed', 'dismissed']) }), response: { 200: linkSchema } },
    handler: async (request) => request.run((ctx) => decideSituation(ctx, request.params.id, request.body.status)),
  });
}
