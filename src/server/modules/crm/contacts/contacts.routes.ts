import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { registerGrantRoutes } from '../../../platform/visibility.js';
import { CONTACT_COLUMNS, contactCsvRow, exportFileName } from '../exports/columns.js';
import { csvHeaders, toCsv } from '../exports/csv-export.js';
import {
  contactBodySchema,
  contactFiltersSchema,
  contactListQuerySchema,
  contactPatchSchema,
  contactSchema,
  type Contact,
} from './contacts.schemas.js';
import {
  createContact,
  deleteContact,
  exportContacts,
  getContact,
  listContacts,
  updateContact,
} from './contacts.service.js';
import { eraseContact, gdprExport } from './gdpr.service.js';
// vCard writing (ical.js) loads with the first export, not on every start.
const vcardWriter = () => import('./vcard.js');

const params = z.object({ id: z.string().uuid() });
const tags = ['contacts'];

/** Contacts (CRM-2, ID-5): CRUD, lists, CSV/vCard exports, GDPR export and erasure, grants. */
export async function contactRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags,
      summary:
        'Contacts I may see, with filters, sort (lastName, firstName, createdAt, updatedAt) and pagination',
      querystring: contactListQuerySchema,
      response: { 200: pageSchema(contactSchema) },
    },
    handler: async (request) => {
      const { limit, cursor, sort, ...filters } = request.query;
      return request.run((ctx) => listContacts(ctx, filters, { limit, cursor, sort }));
    },
  });

  app.get('/export.csv', {
    schema: {
      tags,
      summary:
        'The filtered contacts as CSV (UTF-8 with BOM; `;` and decimal commas in French, `,` in English), in the columns the import reads; audited',
      querystring: contactFiltersSchema.extend({ sort: z.string().max(100).optional() }),
      produces: ['text/csv'],
    },
    handler: async (request, reply) => {
      const { sort, ...filters } = request.query;
      const locale = request.actor!.locale;
      const rows = await request.run((ctx) => exportContacts(ctx, filters, 'csv', sort));
      csvHeaders(reply, exportFileName('contacts', locale));
      return reply.send(
        toCsv(
          CONTACT_COLUMNS,
          rows.filter((c) => !c.erasedAt).map((contact) => contactCsvRow(contact, locale)),
          locale,
        ),
      );
    },
  });

  app.get('/export.vcf', {
    schema: {
      tags,
      summary: 'The filtered contacts as a vCard file (version 4.0 by default, or 3.0); audited',
      querystring: contactFiltersSchema.extend({
        version: z.enum(['3.0', '4.0']).default('4.0'),
        sort: z.string().max(100).optional(),
      }),
      produces: ['text/vcard'],
    },
    handler: async (request, reply) => {
      const { version, sort, ...filters } = request.query;
      const rows = await request.run((ctx) => exportContacts(ctx, filters, 'vcf', sort));
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.vcf"')
        .send((await vcardWriter()).toVcf(rows, version));
    },
  });

  app.post('', {
    schema: {
      tags,
      summary: 'Create a contact, linked to accounts with a role',
      body: contactBodySchema,
      response: { 201: contactSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => createContact(ctx, request.body))),
  });

  app.get('/:id', {
    schema: {
      tags,
      summary: 'One contact (reading a secret one is audited)',
      params,
      response: { 200: contactSchema },
    },
    handler: async (request) => request.run((ctx) => getContact(ctx, request.params.id)),
  });

  app.get('/:id/export.vcf', {
    schema: {
      tags,
      summary: 'One contact as a vCard',
      params,
      querystring: z.object({ version: z.enum(['3.0', '4.0']).default('4.0') }),
      produces: ['text/vcard'],
    },
    handler: async (request, reply) => {
      const contact = await request.run((ctx) => getContact(ctx, request.params.id, 'export'));
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', `attachment; filename="contact-${contact.id}.vcf"`)
        .send((await vcardWriter()).toVcf([contact], request.query.version));
    },
  });

  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change a contact (owner, team and confidentiality: owner or admin)',
      params,
      body: contactPatchSchema,
      response: { 200: contactSchema },
    },
    handler: async (request) => request.run((ctx) => updateContact(ctx, request.params.id, request.body)),
  });

  app.delete('/:id', {
    schema: { tags, summary: 'Delete a contact (owner or admin)', params, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => deleteContact(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/:id/gdpr-export', {
    schema: {
      tags,
      summary:
        'GDPR: everything held about this contact (contact, consent, accounts, activities, offers, e-mails sent) as JSON; audited',
      params,
      response: {
        200: z.object({
          exportedAt: z.string(),
          contact: z.record(z.string(), z.unknown()),
          consent: z.record(z.string(), z.unknown()),
          accounts: z.array(z.unknown()),
          activities: z.array(z.unknown()),
          offers: z.array(z.unknown()),
          emailsSent: z.array(z.unknown()),
        }),
      },
    },
    handler: async (request, reply) => {
      const data = await request.run((ctx) => gdprExport(ctx, request.params.id));
      reply.header('content-disposition', `attachment; filename="contact-${request.params.id}-gdpr.json"`);
      return data;
    },
  });

  app.post('/:id/erase', {
    schema: {
      tags,
      summary:
        'GDPR erasure: removes personal fields, anonymises linked activities, keeps an audit entry (owner or admin)',
      params,
      response: { 200: contactSchema },
    },
    handler: async (request) => request.run((ctx) => eraseContact(ctx, request.params.id)),
  });

  registerGrantRoutes(app, {
    basePath: '',
    recordType: 'contact',
    table: 'contacts',
    tag: 'contacts',
  });
}
