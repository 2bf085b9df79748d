import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { outboxReaders } from './outbox.policy.js';
import { mailParamsSchema, mailSchema, outboxPageSchema, outboxQuerySchema } from './outbox.schemas.js';
import { readMail, readOutbox } from './outbox.service.js';

/**
 * The outbox (OPS, KB-6), registered under `/api/v1/admin/outbox`: every mail Relais sent or
 * would send. Without `SMTP_URL` mails are only stored here (status `stored`); admins read them —
 * so nothing written to a client is lost while the mail server is being set up — and see whether
 * a server is configured at all.
 */
export const outboxRoutes: RelaisPlugin = async (app) => {
  app.get('', {
    config: outboxReaders,
    schema: {
      tags: ['admin'],
      summary:
        'Mails sent or kept in the outbox, newest first (admin); `smtpConfigured` false means none leaves the server',
      querystring: outboxQuerySchema,
      response: { 200: outboxPageSchema },
    },
    handler: async (request) => request.run((ctx) => readOutbox(ctx, request.query)),
  });
  app.get('/:id', {
    config: outboxReaders,
    schema: {
      tags: ['admin'],
      summary: 'One mail of the outbox with its text and HTML bodies (admin)',
      params: mailParamsSchema,
      response: { 200: mailSchema },
    },
    handler: async (request) => request.run((ctx) => readMail(ctx, request.params.id)),
  });
};
