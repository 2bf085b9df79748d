import { emitEvent } from '../../../platform/events.js';
import type { Actor } from '../../../db/access.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { AppError, notFound, validationError } from '../../../platform/errors.js';
import { loadActions } from '../rules/catalogue.js';
import { findRecentAcks, findRuleHead, insertAck } from './check.repository.js';
import { ackFingerprint, type CompiledRule } from '../rules/rule-index.js';
import { nowOf, ruleIndexOf, sourcesOf } from '../shared/push-state.js';
import type { Alert } from '../rules/rules.schemas.js';

/** Linked knowledge by id, as the caller may see it: an item they may not see is simply not shown. */
async function knowledgeLinks(
  ctx: Ctx,
  ids: string[],
): Promise<Map<string, { id: string; title: string; url: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, ids);
  return new Map(rows.map((row) => [row.id, { id: row.id, title: row.title, url: `/knowledge/${row.id}` }]));
}

/**
 * The fast path of a check: when the action needs no completing from the database (another
 * application's action) and no fired rule needs it either (no linked knowledge to filter by the
 * user's visibility, no blocking alert whose acknowledgment must be looked up), the alerts
 * come from memory alone — no transaction. Returns null when the database is needed.
 */
export async function checkInMemory(
  deps: AppDeps,
  actor: Actor,
  action: string,
  fields: Record<string, unknown>,
): Promise<string | null> {
  if (deps.points.actions.has(action)) return null;
  const index = ruleIndexOf(deps);
  await index.ensureFresh();
  const fired = index.match(action, fields, actor, nowOf(deps).getTime());
  if (fired.some((rule) => rule.severity === 'blocking' || rule.knowledgeIds.length > 0)) return null;
  // The answer `{ alerts: [...] }`, assembled from each rule's precomputed JSON.
  return `{"alerts":[${fired.map((rule) => rule.json[actor.locale]).join(',')}]}`;
}

/** The window in which an acknowledgment still counts (the `PUSH_ACK_VALID_MINUTES` setting). */
const ackSince = (deps: AppDeps) =>
  new Date(nowOf(deps).getTime() - deps.config.pushAckValidMinutes * 60_000);

/** When the user last acknowledged each blocking rule for exactly these values, within the window. */
async function findAcks(
  ctx: Ctx,
  blocking: CompiledRule[],
  fields: Record<string, unknown>,
): Promise<Map<string, string>> {
  const acks = new Map<string, string>();
  if (blocking.length === 0) return acks;
  const rows = await findRecentAcks(ctx.tx, {
    userId: ctx.actor.userId,
    ruleIds: blocking.map((rule) => rule.id),
    fingerprints: blocking.map((rule) => ackFingerprint(rule, fields)),
    since: ackSince(ctx.deps),
  });
  for (const rule of blocking) {
    const row = rows.find(
      (candidate) =>
        candidate.rule_id === rule.id &&
        candidate.rule_version === rule.version &&
        candidate.fingerprint === ackFingerprint(rule, fields),
    );
    if (row) acks.set(rule.id, row.at);
  }
  return acks;
}

export type CheckResult = { alerts: Alert[]; fields: Record<string, unknown> };

/**
 * The alerts `action` raises for the calling user now (PUSH-2). The fields are first completed
 * by the module that owns the action (account segment from `accountId`…), under the caller's
 * row-level security; the completed fields come back so an acknowledgment can name them.
 */
export async function runCheck(
  ctx: Ctx,
  action: string,
  given: Record<string, unknown>,
): Promise<CheckResult> {
  const fields = await ctx.deps.points.deriveActionFields(ctx, action, given);
  const index = ruleIndexOf(ctx.deps);
  await index.ensureFresh(ctx.tx);
  const fired = index.match(action, fields, ctx.actor, nowOf(ctx.deps).getTime());
  if (fired.length === 0) return { alerts: [], fields };
  const knowledge = await knowledgeLinks(ctx, [...new Set(fired.flatMap((rule) => rule.knowledgeIds))]);
  const acks = await findAcks(
    ctx,
    fired.filter((rule) => rule.severity === 'blocking'),
    fields,
  );
  const alerts = fired.map((rule) => {
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
  return { alerts, fields };
}

/** The alerts `action` raises for the caller now (what `POST /push/check` answers); other modules use it. */
export async function checkAction(
  ctx: Ctx,
  action: string,
  fields: Record<string, unknown>,
): Promise<Alert[]> {
  return (await runCheck(ctx, action, fields)).alerts;
}

/**
 * The action guard services call before saving: unacknowledged blocking alerts refuse it with
 * 409 `push.ack_required`; the problem carries the alerts, the action and its completed fields,
 * which `POST /push/ack` takes back as they are.
 */
export async function guardAction(ctx: Ctx, action: string, given: Record<string, unknown>): Promise<void> {
  const { alerts, fields } = await runCheck(ctx, action, given);
  const pending = alerts.filter((alert) => alert.requiresAck);
  if (pending.length) {
    throw new AppError(
      409,
      'push.ack_required',
      `Acknowledge ${pending.length === 1 ? 'this alert' : 'these alerts'} before saving: ${pending.map((a) => a.name).join('; ')}.`,
      [],
      { alerts, action, fields },
    );
  }
}

/**
 * Records that the user read a rule's alert for one action (who, when, which version, and the
 * fingerprint of the values the rule reads and of the thing acted on). It lets that same action
 * through for `PUSH_ACK_VALID_MINUTES`, nothing else.
 */
export async function acknowledge(
  ctx: Ctx,
  input: { ruleId: string; action?: string; fields?: Record<string, unknown>; comment?: string },
) {
  const rule = await findRuleHead(ctx.tx, input.ruleId);
  if (!rule) throw notFound('rule');
  const action = input.action ?? rule.action;
  const actions = await loadActions(ctx.tx, ctx.deps.points);
  if (action !== rule.action && !actions.get(action)?.alsoChecks.includes(rule.action)) {
    throw validationError([
      { field: 'action', code: 'mismatch', message: `This rule watches ${rule.action}, not ${action}.` },
    ]);
  }
  const fields = await ctx.deps.points.deriveActionFields(ctx, action, input.fields ?? {});
  const index = ruleIndexOf(ctx.deps);
  await index.ensureFresh(ctx.tx);
  // The compiled rule knows what its conditions read; a disabled rule is compiled on the spot.
  const compiled = index.find(rule.id) ?? (await index.compileOne(ctx.tx, rule.id));
  const row = await insertAck(ctx.tx, {
    ruleId: rule.id,
    ruleVersion: rule.version,
    userId: ctx.actor.userId,
    action,
    fields,
    comment: input.comment ?? null,
    at: nowOf(ctx.deps),
    fingerprint: ackFingerprint(compiled, fields),
  });
  await emitEvent(ctx.tx, {
    type: 'alert.acknowledged',
    payload: { ackId: row.id, ruleId: rule.id },
    actorId: ctx.actor.userId,
  });
  const validUntil = new Date(
    Date.parse(row.acknowledged_at) + ctx.deps.config.pushAckValidMinutes * 60_000,
  ).toISOString();
  return {
    id: row.id,
    ruleId: rule.id,
    version: rule.version,
    userId: ctx.actor.userId,
    action,
    acknowledgedAt: row.acknowledged_at,
    validUntil,
  };
}
