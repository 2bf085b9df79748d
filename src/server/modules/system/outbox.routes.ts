import { z } from 'zod';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { AppDeps } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageSchema, pagingSchema, toPage } from '../../platform/list-query.js';
import { findMail, listMails } from './outbox.repository.js';

const STATUSES = ['queued', 'sent', 'stored', 'failed'] as const;
const mailSummarySchema = z.object({
  id: z.string(),
  to: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  status: z.enum(STATUSES),
  error: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  confidential: z.boolean().describe('About a record the reader may not see: only the envelope is shown'),
  attachments: z.array(z.object({ filename: z.string(), size: z.number() })),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
const admins = { roles: ['admin' as const] };

/**
 * The outbox (OPS, KB-6): every mail Relais sent or would send. Without `SMTP_URL` mails are only
 * stored here (status `stored`); admins read them — so nothing written to a client is lost
 * while the mail server is being set up — and see whether a server is configured at all.
 */
export async function registerOutboxRoutes(app: RelaisApp, deps: AppDeps) {
  app.get('/api/v1/admin/outbox', {
    config: admins,
    schema: {
      tags: ['admin'],
      summary:
        'Mails sent or kept in the outbox, newest first (admin); `smtpConfigured` false means none leaves the server',
      querystring: pagingSchema().extend({ status: z.enum(STATUSES).optional() }),
      response: { 200: pageSchema(mailSummarySchema).extend({ smtpConfigured: z.boolean() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const offset = decodeCursor(request.query.cursor);
        const { items, total } = await listMails(ctx.tx, deps.mailer.confidentialSql, {
          status: request.query.status,
          limit: request.query.limit + 1,
          offset,
        });
        return { ...toPage(items, request.query, offset, total), smtpConfigured: deps.mailer.configured };
      }),
  });
  app.get('/api/v1/admin/outbox/:id', {
    config: admins,
    schema: {
      tags: ['admin'],
      summary: 'One mail of the outbox with its text and HTML bodies (admin)',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: mailSummarySchema.extend({ text: z.string(), html: z.string().nullable() }) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const mail = await findMail(ctx.tx, deps.mailer.confidentialSql, request.params.id);
        if (!mail) throw notFound('mail');
        return mail;
      }),
  });
}
