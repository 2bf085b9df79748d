import type { Ctx } from '../../../platform/context.js';
import { loadActions } from '../rules/catalogue.js';
import { nowOf, ruleIndexOf, sourcesOf } from '../shared/push-state.js';
import {
  findLastAcks,
  findMyBroadcasts,
  findPushedKnowledge,
  type MyBroadcastRow,
} from './for-me.repository.js';
import type { ForMe, MyAlert, MyBroadcast, PushedKnowledge } from './for-me.schemas.js';

const LIMIT = 20;

/** Knowledge pushed to me: by a notification about it, or linked from a broadcast I received. */
async function pushedKnowledge(ctx: Ctx): Promise<PushedKnowledge[]> {
  const rows = await findPushedKnowledge(ctx.tx, ctx.actor.userId);
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
async function myBroadcasts(ctx: Ctx): Promise<MyBroadcast[]> {
  const rows = await findMyBroadcasts(ctx.tx, ctx.actor.userId);
  const pendingFirst = (row: MyBroadcastRow) => (row.requires_ack && !row.acked_at ? 0 : 1);
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
async function myAlerts(ctx: Ctx): Promise<MyAlert[]> {
  const deps = ctx.deps;
  const index = ruleIndexOf(deps);
  await index.ensureFresh(ctx.tx);
  const actions = await loadActions(ctx.tx, deps.points, ctx.locale);
  const now = nowOf(deps).getTime();
  const acks = new Map((await findLastAcks(ctx.tx, ctx.actor.userId)).map((row) => [row.rule_id, row.at]));
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
export async function forMe(ctx: Ctx): Promise<ForMe> {
  return {
    knowledge: await pushedKnowledge(ctx),
    broadcasts: await myBroadcasts(ctx),
    alerts: await myAlerts(ctx),
  };
}
