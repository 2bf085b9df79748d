import { z } from 'zod';
import type { RelaisApp } from '../../../app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { toCsv } from '../contacts/csv.js';
import { accountBodySchema, accountDetailSchema, accountFiltersSchema, accountListQuerySchema, accountPatchSchema, accountSchema } from './accounts.schemas.js';
import { createAccount, deleteAccount, exportAccounts, getAccountDetail, listAccounts, mergeAccounts, updateAccount } from './accounts.service.js';

const params = z.object({ id: z.string().uuid() });
const tags = ['accounts'];

const CSV_COLUMNS = [
  { key: 'id', header: 'id' }, { key: 'name', header: 'Nom' }, { key: 'kind', header: 'Type' }, { key: 'siren', header: 'SIREN' }, { key: 'siret', header: 'SIRET' },
  { key: 'sector', header: 'Secteur' }, { key: 'size', header: 'Taille' }, { key: 'segment', header: 'Segment' }, { key: 'tags', header: 'Étiquettes' },
  { key: 'addressLine', header: 'Adresse' }, { key: 'postalCode', header: 'Code postal' }, { key: 'city', header: 'Ville' }, { key: 'country', header: 'Pays' },
  { key: 'phone', header: 'Téléphone' }, { key: 'website', header: 'Site web' }, { key: 'ownerName', header: 'Propriétaire' }, { key: 'teamName', header: 'Équipe' },
  { key: 'visibility', header: 'Confidentialité' }, { key: 'contactCount', header: 'Contacts' }, { key: 'createdAt', header: 'Créé le' }, { key: 'updatedAt', header: 'Modifié le' },
];

/** Accounts (CRM-1): list with filters, saved views live in /saved-views; CRUD, merge, CSV export, grants. */
export async function registerAccountRoutes(app: RelaisApp) {
  app.get('/api/v1/accounts', {
    schema: {
      tags,
      summary: 'Accounts I may see; filters kind, ownerId, teamId, segment, tag, visibility, q (accent-insensitive, typo-tolerant); sort name, city, kind, segment, createdAt, updatedAt',
      querystring: accountListQuerySchema,
      response: { 200: pageSchema(accountSchema) },
    },
    handler: async (request) => {
      const { limit, cursor, sort, ...filters } = request.query;
      return request.run((ctx) => listAccounts(ctx, filters, { limit, cursor, sort }));
    },
  });

  app.get('/api/v1/accounts/export.csv', {
    schema: { tags, summary: 'The filtered accounts as CSV (UTF-8 with BOM, formulas neutralised); audited', querystring: accountFiltersSchema.extend({ sort: z.string().max(100).optional() }), produces: ['text/csv'] },
    handler: async (request, reply) => {
      const { sort, ...filters } = request.query;
      const rows = await request.run((ctx) => exportAccounts(ctx, filters, sort));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="accounts.csv"').send(toCsv(CSV_COLUMNS, rows));
    },
  });

  app.post('/api/v1/accounts', {
    schema: { tags, summary: 'Create an account (team defaults to the owner\'s team, visibility to team)', body: accountBodySchema, response: { 201: accountSchema } },
    handler: async (request, reply) => reply.status(201).send(await request.run((ctx) => createAccount(ctx, request.body))),
  });

  app.get('/api/v1/accounts/:id', {
    schema: { tags, summary: 'One account with its contacts (reading a secret one is audited)', params, response: { 200: accountDetailSchema } },
    handler: async (request) => request.run((ctx) => getAccountDetail(ctx, request.params.id)),
  });

  app.patch('/api/v1/accounts/:id', {
    schema: { tags, summary: 'Change an account (owner, team and confidentiality: owner or admin)', params, body: accountPatchSchema, response: { 200: accountSchema } },
    handler: async (request) => request.run((ctx) => updateAccount(ctx, request.params.id, request.body)),
  });

  app.delete('/api/v1/accounts/:id', {
    schema: { tags, summary: 'Delete an account and what hangs on it (owner or admin); audited', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteAccount(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.post('/api/v1/accounts/:id/merge', {
    schema: {
      tags,
      summary: 'Merge a duplicate (otherId) into this account: contacts, offers, activities, documents and grants move here, then the duplicate is deleted; audited',
      params,
      body: z.strictObject({ otherId: z.string().uuid() }),
      response: { 200: accountSchema },
    },
    handler: async (request) => request.run((ctx) => mergeAccounts(ctx, request.params.id, request.body.otherId)),
  });

  registerGrantRoutes(app, { basePath: '/api/v1/accounts', recordType: 'account', table: 'accounts', tag: 'accounts' });
}
