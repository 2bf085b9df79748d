import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import { decodeCursor, listQuerySchema, pageSchema, toPage } from '../../platform/list-query.js';

const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
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
        const q = request.query;
        const where: string[] = [];
        const params: unknown[] = [];
        // `action` accepts a prefix ending in '*' (e.g. auth.*).
        if (q.action) where.push(q.action.endsWith('*') ? `a.action like $${params.push(q.action.slice(0, -1) + '%')}` : `a.action = $${params.push(q.action)}`);
        if (q.actorId) where.push(`a.actor_id = $${params.push(q.actorId)}`);
        if (q.targetType) where.push(`a.target_type = $${params.push(q.targetType)}`);
        if (q.targetId) where.push(`a.target_id = $${params.push(q.targetId)}`);
        if (q.from) where.push(`a.at >= $${params.push(q.from)}::timestamptz`);
        if (q.to) where.push(`a.at <= $${params.push(q.to)}::timestamptz`);
        const clause = where.length ? `where ${where.join(' and ')}` : '';
        const offset = decodeCursor(q.cursor);
        const rows = await ctx.tx.query(
          `select a.*, trim(u.first_name || ' ' || u.last_name) as actor_name from audit_log a left join users u on u.id = a.actor_id
           ${clause} order by a.at desc, a.id desc limit ${q.limit + 1} offset ${offset}`,
          params,
        );
        const [{ count }] = await ctx.tx.query<{ count: number }>(`select count(*)::int as count from audit_log a ${clause}`, params);
        const items = rows.map((row: any) => ({
          id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actor_name || null, action: row.action,
          targetType: row.target_type, targetId: row.target_id, ip: row.ip, details: row.details ?? {},
        }));
        return toPage(items, { ...q, sort: undefined }, offset, count);
      }),
  });
}
