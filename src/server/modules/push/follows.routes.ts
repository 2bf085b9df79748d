import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

const TARGETS = ['product', 'knowledge', 'situation', 'account', 'segment', 'tag'] as const;
const TABLES: Partial<Record<(typeof TARGETS)[number], string>> = { product: 'products', knowledge: 'knowledge_items', situation: 'situations', account: 'accounts' };
const followSchema = z.object({ targetType: z.enum(TARGETS), targetId: z.string(), createdAt: z.string() });
const targetSchema = z.strictObject({
  targetType: z.enum(TARGETS),
  targetId: z.string().trim().min(1).max(200),
});

/** A record must exist and be visible to the follower (RLS); segments and tags are free labels. */
async function checkTarget(ctx: Ctx, type: (typeof TARGETS)[number], id: string): Promise<string> {
  const table = TABLES[type];
  if (!table) return id.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound(type);
  const [exists] = await ctx.tx.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [`public.${table}`]);
  if (!exists.ok) throw notFound(type);
  const rows = await ctx.tx.query(`select 1 from ${table} where id = $1`, [id]);
  if (rows.length === 0) throw notFound(type);
  return id;
}

/** Follows (PUSH-3): a user asks to be told when a product, item, situation, account, segment or tag changes. */
export async function registerFollowRoutes(app: RelaisApp) {
  app.get('/api/v1/follows', {
    schema: { tags: ['push'], summary: 'What I follow', querystring: z.object({ targetType: z.enum(TARGETS).optional() }), response: { 200: z.object({ items: z.array(followSchema) }) } },
    handler: async (request) =>
      request.run(async (ctx) => {
        const rows = await ctx.tx.query(`select * from follows where user_id = $1 and ($2::text is null or target_type = $2) order by created_at desc`, [ctx.actor.userId, request.query.targetType ?? null]);
        return { items: rows.map((row: any) => ({ targetType: row.target_type, targetId: row.target_id, createdAt: row.created_at })) };
      }),
  });

  app.post('/api/v1/follows', {
    schema: { tags: ['push'], summary: 'Follow something (idempotent)', body: targetSchema, response: { 201: followSchema } },
    handler: async (request, reply) => {
      const follow = await request.run(async (ctx) => {
        const targetId = await checkTarget(ctx, request.body.targetType, request.body.targetId);
        await ctx.tx.query(`insert into follows (user_id, target_type, target_id) values ($1, $2, $3) on conflict do nothing`, [ctx.actor.userId, request.body.targetType, targetId]);
        const [row] = await ctx.tx.query(`select * from follows where user_id = $1 and target_type = $2 and target_id = $3`, [ctx.actor.userId, request.body.targetType, targetId]);
        return { targetType: row.target_type, targetId: row.target_id, createdAt: row.created_at };
      });
      return reply.status(201).send(follow);
    },
  });

  app.delete('/api/v1/follows', {
    schema: { tags: ['push'], summary: 'Stop following', querystring: targetSchema, response: { 204: z.null() } },
    handler: async (request, reply) => {
      const rows = await request.run((ctx) =>
        ctx.tx.query(`delete from follows where user_id = $1 and target_type = $2 and target_id = $3 returning 1`, [ctx.actor.userId, request.query.targetType, TABLES[request.query.targetType] ? request.query.targetId : request.query.targetId.toLowerCase()]),
      );
      if (rows.length === 0) throw notFound('follow');
      return reply.status(204).send(null);
    },
  });
}
