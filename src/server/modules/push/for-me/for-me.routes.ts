import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { loadActions } from '../rules/catalogue.js';
import { nowOf, ruleIndexOf, sourcesOf } from '../shared/push-state.js';
import { SEVERITIES } from '../rules/rules.schemas.js';

const TAG = 'push';
const LIMIT = 20;

const forMeSchema = z.object({
  knowledge: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.string(),
      url: z.string(),
      pushedAt: z.string(),
      read: z.boolean(),
      /** Why it reached me: the notification's reason, or the broadcast that linked it. */
      reason: z.string().nullable(),
      broadcastTitle: z.string().nullable(),
    }),
  ),
  broadcasts: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      url: z.string(),
      receivedAt: z.string(),
      authorName: z.string().nullable(),
      requiresAck: z.boolean(),
      ackDue: z.string().nullable(),
      readAt: z.string().nullable(),
      ackedAt: z.string().nullable(),
    }),
  ),
  alerts: z.array(
    z.object({
      ruleId: z.string(),
      name: z.string(),
      severity: z.enum(SEVERITIES),
      actionLabel: z.string(),
      html: z.string(),
      acknowledgedAt: z.string().nullable(),
    }),
  ),
});

/** Knowledge pushed to me: by a notification about it, or linked from a broadcast I received. */
async function pushedKnowledge(ctx: Ctx) {
  const rows = await ctx.tx.query<any>(
    `with pushed as (
       select n.source_id::uuid as id, n.created_at as at, n.reason, null::text as broadcast_title, n.read_at is not null as read
         from notifications n
        where n.user_id = $1 and n.source_type = 'knowledge' and n.source_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       union all
       select unnest(b.knowledge_ids), coalesce(n.created_at, b.created_at), null, b.title, r.read_at is not null
         from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id left join notifications n on n.id = r.notification_id
        where r.user_id = $1)
     select p.id, p.at, p.reason, p.broadcast_title, p.read
       from (select distinct on (id) * from pushed order by id, at desc) p
      order by p.at desc`,
    [ctx.actor.userId],
  );
  // Items are read under my row-level security: one I may no longer see drops out.
  const items = new Map(
    (
      await sourcesOf(ctx.deps).knowledge.visibleKnowledge(
        ctx.tx,
        rows.map((row) => row.id),
      )
    ).map((item) => [item.id, item]),
  );
  return rows
    .filter((row) => items.has(row.id))
    .slice(0, LIMIT)
    .map((row) => ({
      id: row.id,
      title: items.get(row.id)!.title,
      type: items.get(row.id)!.type,
      url: `/knowledge/${row.id}`,
      pushedAt: row.at,
      read: row.read,
      reason: row.reason ?? null,
      broadcastTitle: row.broadcast_title ?? null,
    }));
}

/** Broadcasts addressed to me, those still waiting for my acknowledgment first. */
async function myBroadcasts(ctx: Ctx) {
  const rows = await ctx.tx.query<any>(
    `select distinct on (b.id) b.id, b.title, b.requires_ack, b.ack_due, r.read_at, r.acked_at, coalesce(n.created_at, b.created_at) as received_at,
            nullif(trim(u.first_name || ' ' || u.last_name), '') as author_name
       from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id
       left join notifications n on n.id = r.notification_id left join users u on u.id = b.author_id
      where r.user_id = $1 order by b.id, r.period_key desc`,
    [ctx.actor.userId],
  );
  const pendingFirst = (row: any) => (row.requires_ack && !row.acked_at ? 0 : 1);
  return rows
    .sort((a, b) => pendingFirst(a) - pendingFirst(b) || (a.received_at < b.received_at ? 1 : -1))
    .slice(0, LIMIT)
    .map((row) => ({
      id: row.id,
      title: row.title,
      url: `/broadcasts/${row.id}`,
      receivedAt: row.received_at,
      authorName: row.author_name,
      requiresAck: row.requires_ack,
      ackDue: row.ack_due,
      readAt: row.read_at,
      ackedAt: row.acked_at,
    }));
}

/**
 * The contextual alerts that apply to my work now (PUSH-2): enabled, in force, for my role and
 * teams, on actions done inside Relais — rules written for other applications are not mine.
 */
async function myAlerts(ctx: Ctx, deps: AppDeps) {
  const index = ruleIndexOf(deps);
  await index.ensureFresh(ctx.tx);
  const actions = await loadActions(ctx.tx, deps.points, ctx.locale);
  const now = nowOf(deps).getTime();
  const acks = new Map(
    (
      await ctx.tx.query<{ rule_id: string; at: string }>(
        `select rule_id, max(acknowledged_at) as at from push_acks where user_id = $1 group by rule_id`,
        [ctx.actor.userId],
      )
    ).map((row) => [row.rule_id, row.at]),
  );
  const order = { blocking: 0, warning: 1, info: 2 };
  return index
    .applicableTo(ctx.actor, now)
    .filter((rule) => actions.get(rule.action)?.builtIn)
    .sort((a, b) => order[a.severity] - order[b.severity] || a.name.localeCompare(b.name, ctx.locale))
    .map((rule) => ({
      ruleId: rule.id,
      name: rule.name,
      severity: rule.severity,
      actionLabel: actions.get(rule.action)!.label,
      html: rule.html[ctx.locale],
      acknowledgedAt: acks.get(rule.id) ?? null,
    }));
}

/** "For me" (PUSH-1): what was pushed to me — knowledge, broadcasts, and the alerts of my work. */
/** Registered under `/push`. */
export async function forMeRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.get('/for-me', {
    schema: {
      tags: [TAG],
      summary:
        'What was pushed to me: knowledge, broadcasts, and the contextual alerts that apply to my work',
      response: { 200: forMeSchema },
    },
    handler: async (request) =>
      request.run(async (ctx) => ({
        knowledge: await pushedKnowledge(ctx),
        broadcasts: await myBroadcasts(ctx),
        alerts: await myAlerts(ctx, deps),
      })),
  });
}
