import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { ACCOUNT_COLUMNS, exportFileName } from '../exports/columns.js';
import { csvHeaders, toCsv } from '../exports/csv-export.js';
import {
  accountBodySchema,
  accountDetailSchema,
  accountFiltersSchema,
  accountListQuerySchema,
  accountPatchSchema,
  accountSchema,
} from './accounts.schemas.js';
import {
  createAccount,
  deleteAccount,
  exportAccounts,
  getAccountDetail,
  listAccounts,
  mergeAccounts,
  updateAccount,
} from './accounts.service.js';

const params = z.object({ id: z.string().uuid() });
const tags = ['accounts'];

/** Accounts (CRM-1): list with filters, saved views live in /saved-views; CRUD, merge, CSV export, grants. */
export async function accountRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags,
      summary:
        'Accounts I may see; filters kind, ownerId, teamId, segment, tag, visibility, q (accent-insensitive, typo-tolerant); sort name, city, kind, segment, createdAt, updatedAt',
      querystring: accountListQuerySchema,
      response: { 200: pageSchema(accountSchema) },
    },
    handler: async (request) => {
      const { limit, cursor, sort, ...filters } = request.query;
      return request.run((ctx) => listAccounts(ctx, filters, { limit, cursor, sort }));
    },
  });

  app.get('/export.csv', {
    schema: {
      tags,
      summary:
        'The filtered accounts as CSV (UTF-8 with BOM; `;` in French, `,` in English; formulas neutralised); audited',
      querystring: accountFiltersSchema.extend({ sort: z.string().max(100).optional() }),
      produces: ['text/csv'],
    },
    handler: async (request, reply) => {
      const { sort, ...filters } = request.query;
      const locale = request.actor!.locale;
      const rows = await request.run((ctx) => exportAccounts(ctx, filters, sort));
      csvHeaders(reply, exportFileName('accounts', locale));
      return reply.send(toCsv(ACCOUNT_COLUMNS, rows, locale));
    },
  });

  app.post('', {
    schema: {
      tags,
      summary: "Create an account (team defaults to the owner's team, visibility to team)",
      body: accountBodySchema,
      response: { 201: accountSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createAccount(ctx, request.body))),
  });

  app.get('/:id', {
    schema: {
      tags,
      summary: 'One account with its contacts (reading a secret one is audited)',
      params,
      response: { 200: accountDetailSchema },
    },
    handler: async (request) => request.run((ctx) => getAccountDetail(ctx, request.params.id)),
  });

  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change an account (owner, team and confidentiality: owner or admin)',
      params,
      body: accountPatchSchema,
      response: { 200: accountSchema },
    },
    handler: async (request) => request.run((ctx) => updateAccount(ctx, request.params.id, request.body)),
  });

  app.delete('/:id', {
    schema: {
      tags,
      summary: 'Delete an account and what hangs on it (owner or admin); audited',
      params,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteAccount(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.post('/:id/merge', {
    schema: {
      tags,
      summary:
        'Merge a duplicate (otherId) into this account: contacts, offers, activities, documents and grants move here, then the duplicate is deleted; audited',
      params,
      body: z.strictObject({ otherId: z.string().uuid() }),
      response: { 200: accountSchema },
    },
    handler: async (request) =>
      request.run((ctx) => mergeAccounts(ctx, request.params.id, request.body.otherId)),
  });

  registerGrantRoutes(app, {
    basePath: '',
    recordType: 'account',
    table: 'accounts',
    tag: 'accounts',
  });
}
