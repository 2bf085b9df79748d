import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageArray, pageSchema, pagingSchema } from '../../../platform/list-query.js';
import {
  CUSTOM_FIELD_ENTITIES,
  createCustomField,
  customFieldBody,
  customFieldSchema,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
} from './custom-fields.service.js';

const adminOnly = { roles: ['admin' as const] };
const params = z.object({ id: z.string().uuid() });

/** Custom fields that admins define on accounts and contacts (CRM-1). Everyone reads them. */
export async function customFieldRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: ['crm'],
      summary: 'Custom field definitions (optionally of one entity)',
      querystring: pagingSchema({ defaultLimit: 500 }).extend({
        entity: z.enum(CUSTOM_FIELD_ENTITIES).optional(),
      }),
      response: { 200: pageSchema(customFieldSchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) =>
        pageArray(await listCustomFields(ctx.tx, request.query.entity), request.query),
      ),
  });
  app.post('', {
    config: adminOnly,
    schema: {
      tags: ['crm'],
      summary: 'Define a custom field (admin)',
      body: customFieldBody,
      response: { 201: customFieldSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createCustomField(ctx, request.body))),
  });
  app.patch('/:id', {
    config: adminOnly,
    schema: {
      tags: ['crm'],
      summary: 'Rename a custom field, change its choices or position (admin); key and type are fixed',
      params,
      body: customFieldBody.pick({ labelFr: true, labelEn: true, choices: true, position: true }).partial(),
      response: { 200: customFieldSchema },
    },
    handler: async (request) => request.run((ctx) => updateCustomField(ctx, request.params.id, request.body)),
  });
  app.delete('/:id', {
    config: adminOnly,
    schema: {
      tags: ['crm'],
      summary: 'Delete a custom field definition (admin); stored values stay but are hidden',
      params,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteCustomField(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });
}
