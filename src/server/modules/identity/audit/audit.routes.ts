import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pageSchema } from '../../../platform/list-query.js';
import { readAudit } from './audit.policy.js';
import { auditEntrySchema, auditQuerySchema } from './audit.schemas.js';
import { readAuditLog } from './audit.service.js';

/** The audit log, newest first, filterable (ID-4); registered under `/api/v1/audit`. */
export const auditRoutes: RelaisPlugin = async (app) => {
  app.get('', {
    config: readAudit,
    schema: {
      tags: ['admin'],
      summary: 'Audit log (sign-ins, failures, role changes, grants, secret reads…)',
      querystring: auditQuerySchema,
      response: { 200: pageSchema(auditEntrySchema) },
    },
    handler: async (request) => request.run((ctx) => readAuditLog(ctx, request.query)),
  });
};
