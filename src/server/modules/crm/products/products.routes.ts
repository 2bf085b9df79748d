import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { auditExport, csvHeaders, toCsv } from '../dashboards/csv.js';
import { listPriceHistory, listProducts } from './products.repository.js';
import { priceChangeSchema, productCreateSchema, productListQuerySchema, productPatchSchema, productSchema } from './products.schemas.js';
import { createProduct, getProduct, patchProduct } from './products.service.js';

/** The catalogue is read by all staff; admins, experts and managers maintain it (reps read only). */
const editors = { roles: ['admin' as const, 'expert' as const, 'manager' as const] };
const params = z.object({ id: z.string().uuid() });
const tags = ['products'];

export async function registerProductRoutes(app: RelaisApp) {
  app.get('/api/v1/products', {
    schema: { tags, summary: 'The product catalogue (filters q, active, category)', querystring: productListQuerySchema, response: { 200: pageSchema(productSchema) } },
    handler: async (request) => request.run((ctx) => listProducts(ctx.tx, request.query)),
  });
  app.get('/api/v1/products/export.csv', {
    schema: { tags, summary: 'The catalogue as CSV (same filters)', querystring: productListQuerySchema.omit({ limit: true, cursor: true }) },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listProducts(ctx.tx, { ...request.query, limit: 100_000 }, true);
        await auditExport(ctx, 'product', page.items.length);
        return toCsv(['reference', 'name', 'category', 'unitPrice', 'discountPercent', 'currency', 'active', 'updatedAt'], page.items);
      });
      csvHeaders(reply, 'produits.csv');
      return reply.send(csv);
    },
  });
  app.post('/api/v1/products', {
    config: editors,
    schema: { tags, summary: 'Add a product', body: productCreateSchema, response: { 201: productSchema } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => createProduct(ctx, request.body))),
  });
  app.get('/api/v1/products/:id', {
    schema: { tags, summary: 'One product', params, response: { 200: productSchema } },
    handler: async (request) => request.run((ctx) => getProduct(ctx, request.params.id)),
  });
  app.patch('/api/v1/products/:id', {
    config: editors,
    schema: { tags, summary: 'Change a product (price and discount changes are kept in the history)', params, body: productPatchSchema, response: { 200: productSchema } },
    handler: async (request) => request.run((ctx) => patchProduct(ctx, request.params.id, request.body)),
  });
  app.get('/api/v1/products/:id/price-history', {
    schema: { tags, summary: 'Price and discount changes, newest first', params, response: { 200: z.object({ items: z.array(priceChangeSchema) }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        await getProduct(ctx, request.params.id);
        return { items: await listPriceHistory(ctx.tx, request.params.id) };
      }),
  });
}
