import type { Actor } from '../../db/access.js';
import type { Queryable } from '../../db/client.js';
import type { AppDeps, Ctx } from '../../platform/context.js';
import { AppError, notFound, validationError } from '../../platform/errors.js';
import type { RuleIndex } from './rule-index.js';
import type { Alert } from './rules.schemas.js';

/** An acknowledgment counts for the same rule version during this long. */
export const ACK_VALID_MS = 24 * 3600_000;

export const ruleIndexOf = (deps: AppDeps) => deps.extensions.get('push.rules') as RuleIndex;
/** "Now" for rules and schedules; tests replace `deps.extensions['clock']`. */
export const nowOf = (deps: AppDeps): Date => ((deps.extensions.get('clock') as (() => Date) | undefined) ?? (() => new Date()))();

let knowledgeTable: boolean | undefined;
async function knowledgeLinks(tx: Queryable, ids: string[]): Promise<Map<string, { id: string; title: string; url: string }>> {
  if (ids.length === 0) return new Map();
  if (knowledgeTable !== true) {
    const [row] = await tx.query<{ exists: boolean }>(`select to_regclass('public.knowledge_items') is not null as exists`);
    knowledgeTable = row.exists;
    if (!row.exists) return new Map();
  }
  // Under the caller's RLS: a linked item the user may not see is simply not shown.
  const rows = await tx.query<{ id: string; title: string }>(`select id, title from knowledge_items where id = any ($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [row.id, { id: row.id, title: row.title, url: `/knowledge/${row.id}` }]));
}

/**
 * The fast path of a check: when no fired rule needs the database (no linked knowledge to
 * filter by the user's visibility, no blocking alert whose acknowledgment must be looked up),
 * the alerts come from memory alone — no transaction. Returns null when the database is needed.
 */
export async function checkInMemory(deps: AppDeps, actor: Actor, action: string, fields: Record<string, unknown>): Promise<string | null> {
  const index = ruleIndexOf(deps);
  await index.ensureFresh();
  const fired = index.match(action, fields, actor, nowOf(deps).getTime());
  if (fired.some((rule) => rule.severity === 'blocking' || rule.knowledgeIds.length > 0)) return null;
  // The answer `{ alerts: [...] }`, assembled from each rule's precomputed JSON.
  return `{"alerts":[${fired.map((rule) => rule.json[actor.locale]).join(',')}]}`;
}

/** The alerts `action` with `fields` raises for the calling user now (PUSH-2). */
export async function checkAction(ctx: Ctx, action: string, fields: Record<string, unknown>): Promise<Alert[]> {
  const index = ruleIndexOf(ctx.deps);
  await index.ensureFresh(ctx.tx);
  const fired = index.match(action, fields, ctx.actor, nowOf(ctx.deps).getTime());
  if (fired.length === 0) return [];
  const knowledge = await knowledgeLinks(ctx.tx, [...new Set(fired.flatMap((rule) => rule.knowledgeIds))]);
  const blocking = fired.filter((rule) => rule.severity === 'blocking');
  const acks = new Map<string, string>();
  if (blocking.length) {
    const since = new Date(nowOf(ctx.deps).getTime() - ACK_VALID_MS);
    const rows = await ctx.tx.query<{ rule_id: string; rule_version: number; at: string }>(
      `select rule_id, rule_version, max(acknowledged_at) as at from push_acks
        where user_id = $1 and rule_id = any ($2::uuid[]) and acknowledged_at >= $3 group by rule_id, rule_version`,
      [ctx.actor.userId, blocking.map((rule) => rule.id), since],
    );
    for (const row of rows) {
      const rule = blocking.find((candidate) => candidate.id === row.rule_id);
      if (rule && rule.version === row.rule_version) acks.set(row.rule_id, row.at);
    }
  }
  return fired.map((rule) => {
    const acknowledgedAt = acks.get(rule.id) ?? null;
    return {
      ruleId: rule.id,
      ruleKey: rule.key,
      version: rule.version,
      name: rule.name,
      severity: rule.severity,
      message: rule.message[ctx.locale],
      html: rule.html[ctx.locale],
      knowledge: rule.knowledgeIds.map((id) => knowledge.get(id)).filter((link) => link !== undefined),
      requiresAck: rule.severity === 'blocking' && !acknowledgedAt,
      acknowledgedAt,
    };
  });
}

/** The action guard CRM services call before saving: unacknowledged blocking alerts refuse it. */
export async function guardAction(ctx: Ctx, action: string, fields: Record<string, unknown>): Promise<void> {
  const alerts = await checkAction(ctx, action, fields);
  const pending = alerts.filter((alert) => alert.requiresAck);
  if (pending.length) {
    throw new AppError(409, 'push.ack_required', `Acknowledge ${pending.length === 1 ? 'this alert' : 'these alerts'} before saving: ${pending.map((a) => a.name).join('; ')}.`, [], { alerts });
  }
}

/** Records that the user read a rule's alert (who, when, which version, for which action). */
export async function acknowledge(ctx: Ctx, input: { ruleId: string; action?: string; fields?: Record<string, unknown>; comment?: string }) {
  const [rule] = await ctx.tx.query<{ id: string; version: number; action: string; enabled: boolean }>(
    `select id, version, action, enabled from push_rules where id = $1`,
    [input.ruleId],
  );
  if (!rule) throw notFound('rule');
  if (input.action && input.action !== rule.action) {
    throw validationError([{ field: 'action', code: 'mismatch', message: `This rule watches ${rule.action}, not ${input.action}.` }]);
  }
  const [row] = await ctx.tx.query<{ id: string; acknowledged_at: string }>(
    `insert into push_acks (rule_id, rule_version, user_id, action, fields, comment, acknowledged_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id, acknowledged_at`,
    [rule.id, rule.version, ctx.actor.userId, rule.action, JSON.stringify(input.fields ?? {}), input.comment ?? null, nowOf(ctx.deps)],
  );
  return { id: row.id, ruleId: rule.id, version: rule.version, userId: ctx.actor.userId, acknowledgedAt: row.acknowledged_at };
}
