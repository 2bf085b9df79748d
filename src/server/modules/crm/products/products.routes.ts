import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { formatMoney } from '../../../../common/format.js';
import type { AppDeps } from '../../../platform/context.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { exportFileName, PRODUCT_COLUMNS } from '../exports/columns.js';
import { auditExport, csvHeaders, toCsv } from '../exports/csv-export.js';
import { listPriceHistory, listProducts, searchProductRows } from './products.repository.js';
import {
  priceChangeSchema,
  productCreateSchema,
  productListQuerySchema,
  productPatchSchema,
  productSchema,
} from './products.schemas.js';
import { createProduct, getProduct, patchProduct } from './products.service.js';

/** The catalogue is read by all staff; admins, experts and managers maintain it (reps read only). */
const editors = { roles: ['admin' as const, 'expert' as const, 'manager' as const] };
const params = z.object({ id: z.string().uuid() });
const tags = ['products'];

export async function productRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags,
      summary: 'The product catalogue (filters q, active, category)',
      querystring: productListQuerySchema,
      response: { 200: pageSchema(productSchema) },
    },
    handler: async (request) => request.run((ctx) => listProducts(ctx.tx, request.query)),
  });
  app.get('/export.csv', {
    schema: {
      tags,
      summary: 'The catalogue as CSV (same filters)',
      querystring: productListQuerySchema.omit({ limit: true, cursor: true }),
    },
    handler: async (request, reply) => {
      const csv = await request.run(async (ctx) => {
        const page = await listProducts(ctx.tx, { ...request.query, limit: 100_000 }, true);
        await auditExport(ctx, 'product', page.items.length);
        return toCsv(PRODUCT_COLUMNS, page.items, ctx.locale);
      });
      csvHeaders(reply, exportFileName('products', request.actor!.locale));
      return reply.send(csv);
    },
  });
  app.post('', {
    config: editors,
    schema: { tags, summary: 'Add a product', body: productCreateSchema, response: { 201: productSchema } },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createProduct(ctx, request.body))),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One product', params, response: { 200: productSchema } },
    handler: async (request) => request.run((ctx) => getProduct(ctx, request.params.id)),
  });
  app.patch('/:id', {
    config: editors,
    schema: {
      tags,
      summary: 'Change a product (price and discount changes are kept in the history)',
      params,
      body: productPatchSchema,
      response: { 200: productSchema },
    },
    handler: async (request) => request.run((ctx) => patchProduct(ctx, request.params.id, request.body)),
  });
  app.get('/:id/price-history', {
    schema: {
      tags,
      summary: 'Price and discount changes, newest first',
      params,
      querystring: pagingSchema({ defaultLimit: 500 }),
      response: { 200: pageSchema(priceChangeSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        await getProduct(ctx, request.params.id);
        return pageArray(await listPriceHistory(ctx.tx, request.params.id), request.query);
      }),
  });
}

/** Products in the Ctrl+K search (found by reference or name); products are public to every user. */
export function registerProductSearch(deps: AppDeps) {
  deps.search.register('product', async (ctx, query, limit) => {
    const rows = await searchProductRows(ctx.tx, query, limit);
    return rows.map((row) => ({
      type: 'product',
      id: row.id,
      title: `${row.reference} · ${row.name}`,
      subtitle: [row.category, formatMoney(Number(row.unit_price), ctx.locale, row.currency)]
        .filter(Boolean)
        .join(' · '),
      url: `/products/${row.id}`,
      score: Number(row.score) + 0.1,
    }));
  });
}
