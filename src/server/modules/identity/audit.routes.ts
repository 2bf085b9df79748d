import { z } from 'zod';
import type { RelaisApp } from '../../platform/http/relais-app.js';
import { decodeCursor, listQuerySchema, pageSchema, toPage } from '../../platform/list-query.js';
import { listAuditEntries } from './audit.repository.js';

const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name (a person, a team, or the name its entry noted), so readers never see ids. */
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Names of the people and teams the details mention by id. */
  names: z.record(z.string(), z.string()),
});

/** GET /api/v1/audit: the audit log, admins only, newest first, filterable (ID-4). */
export async function registerAuditRoutes(app: RelaisApp) {
  app.get('/api/v1/audit', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Audit log (sign-ins, failures, role changes, grants, secret reads…)',
      querystring: listQuerySchema.omit({ sort: true }).extend({
        action: z.string().max(80).optional(),
        actorId: z.string().uuid().optional(),
        targetType: z.string().max(40).optional(),
        targetId: z.string().max(80).optional(),
        from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
        to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
      }),
      response: { 200: pageSchema(auditEntrySchema) },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        const offset = decodeCursor(request.query.cursor);
        const { items, count } = await listAuditEntries(ctx.tx, request.query, request.query.limit, offset);
        return toPage(items, request.query, offset, count);
      }),
  });
}
