import type { Role } from '../../../../common/roles.js';
import type { Queryable } from '../../../db/client.js';
import type { Ctx } from '../../../platform/context.js';
import { AppError, conflict, notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { loadActions } from './catalogue.js';
import { validateConditions, type Condition } from './conditions.js';
import { compileRule, type RuleRow } from './rule-index.js';
import type { RuleInput, RulePatch } from './rules.schemas.js';
import { sourcesOf } from '../shared/push-state.js';
import {
  bumpRulesState,
  countRules,
  deleteRuleRow,
  findExistingTeamIds,
  findOtherRuleKeys,
  findRule,
  findRuleKeys,
  insertRule,
  insertRuleVersion,
  updateRule as updateRuleRow,
  type RuleColumns,
  type StoredRuleRow,
} from './rules.repository.js';

/** More than this and the rule set is refused (the index stays in memory on every instance). */
export const MAX_RULES = 20_000;

export const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'rule';

/** References `{ rule: key }` anywhere in a tree. */
export function refsOf(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => refsOf(child, into));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.rule === 'string') into.push(record.rule);
    for (const key of ['all', 'any', 'not']) if (key in record) refsOf(record[key], into);
  }
  return into;
}

/**
 * Validates complete rules (new or merged with a patch) against the action catalogue, the other
 * rules (references, cycles) and what exists; answers every problem at once, indexed by `prefix`.
 */
export async function validateRules(
  ctx: Ctx,
  rules: { input: RuleInput; id?: string; prefix: string }[],
): Promise<void> {
  const errors: FieldError[] = [];
  const actions = await loadActions(ctx.tx, ctx.deps.points);
  const existing = await findRuleKeys(ctx.tx);
  const graph = new Map(existing.map((row) => [row.key, refsOf(row.conditions)]));
  const keyOwner = new Map(existing.map((row) => [row.key, row.id]));
  for (const { input } of rules) graph.set(input.key!, refsOf(input.conditions));
  const batchKeys = new Set<string>();
  for (const { input, id, prefix } of rules) {
    const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
    const owner = keyOwner.get(input.key!);
    if ((owner && owner !== id) || batchKeys.has(input.key!))
      errors.push({ field: at('key'), code: 'duplicate', message: `The key "${input.key}" is taken.` });
    batchKeys.add(input.key!);
    const action = actions.get(input.action);
    if (!action) {
      errors.push({
        field: at('action'),
        code: 'unknown_action',
        message: `Unknown action "${input.action}": use one of the catalogue or declare it (POST /api/v1/push/actions).`,
      });
    } else {
      const result = validateConditions(input.conditions, action, at('conditions'));
      errors.push(...result.errors);
      for (const ref of result.refs)
        if (!graph.has(ref))
          errors.push({
            field: at('conditions'),
            code: 'unknown_rule',
            message: `No rule has the key "${ref}".`,
          });
    }
    const cycle = findCycle(graph, input.key!);
    if (cycle)
      errors.push({
        field: at('conditions'),
        code: 'cycle',
        message: `Rule references form a cycle: ${cycle.join(' → ')}.`,
      });
    if (
      input.effectiveFrom &&
      input.effectiveTo &&
      Date.parse(input.effectiveTo) <= Date.parse(input.effectiveFrom)
    ) {
      errors.push({
        field: at('effectiveTo'),
        code: 'before_start',
        message: 'The end comes after the start.',
      });
    }
    const teamIds = input.audience?.teamIds ?? [];
    if (teamIds.length) {
      const found = await findExistingTeamIds(ctx.tx, teamIds);
      if (found.length !== new Set(teamIds).size)
        errors.push({ field: at('audience.teamIds'), code: 'unknown_team', message: 'Unknown team.' });
    }
    const knowledgeIds = input.knowledgeIds ?? [];
    if (knowledgeIds.length) {
      const found = await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, knowledgeIds);
      if (found.length !== new Set(knowledgeIds).size)
        errors.push({
          field: at('knowledgeIds'),
          code: 'unknown_knowledge',
          message: 'Unknown knowledge item (or not visible to you).',
        });
    }
  }
  if (errors.length) throw validationError(errors.slice(0, 100), 'The rule is not valid; nothing was saved.');
}

function findCycle(graph: Map<string, string[]>, start: string): string[] | null {
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (key: string): string[] | null => {
    if (path.includes(key)) return [...path.slice(path.indexOf(key)), key];
    if (done.has(key)) return null;
    path.push(key);
    for (const next of graph.get(key) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    done.add(key);
    return null;
  };
  return visit(start);
}

/** Tells every instance (and this one) that the rule set changed. */
export async function bumpRulesVersion(tx: Queryable): Promise<void> {
  await bumpRulesState(tx);
}

const columns = (input: RuleInput): RuleColumns => [
  input.key,
  input.name,
  input.action,
  JSON.stringify(input.conditions),
  input.effectiveFrom ?? null,
  input.effectiveTo ?? null,
  input.audience?.teamIds ?? [],
  input.audience?.roles ?? [],
  input.severity,
  input.message.fr,
  input.message.en,
  input.knowledgeIds ?? [],
  input.enabled ?? true,
];

async function snapshot(tx: Queryable, id: string, userId: string) {
  await insertRuleVersion(tx, id, userId);
}

async function ensureRoom(tx: Queryable, adding: number) {
  const count = await countRules(tx);
  if (count + adding > MAX_RULES)
    throw new AppError(
      422,
      'push.too_many_rules',
      `At most ${MAX_RULES} rules (there are ${count}); nothing was saved.`,
    );
}

export async function createRules(ctx: Ctx, inputs: RuleInput[]): Promise<string[]> {
  await ensureRoom(ctx.tx, inputs.length);
  const withKeys = inputs.map((input) => ({
    ...input,
    key: input.key ?? `${slug(input.name)}-${Math.random().toString(36).slice(2, 7)}`,
  }));
  await validateRules(
    ctx,
    withKeys.map((input, index) => ({ input, prefix: inputs.length > 1 ? `rules.${index}` : '' })),
  );
  const ids: string[] = [];
  for (const input of withKeys) {
    const id = await insertRule(ctx.tx, columns(input), ctx.actor.userId);
    await snapshot(ctx.tx, id, ctx.actor.userId);
    ids.push(id);
  }
  await bumpRulesVersion(ctx.tx);
  return ids;
}

export async function loadRuleRow(tx: Queryable, id: string): Promise<StoredRuleRow> {
  const row = await findRule(tx, id);
  if (!row) throw notFound('rule');
  return row;
}

export const rowToInput = (row: RuleRow): RuleInput => ({
  key: row.key,
  name: row.name,
  action: row.action,
  conditions: row.conditions,
  effectiveFrom: row.effective_from,
  effectiveTo: row.effective_to,
  audience: { teamIds: row.audience_team_ids, roles: row.audience_roles as Role[] },
  severity: row.severity,
  message: { fr: row.message_fr, en: row.message_en },
  knowledgeIds: row.knowledge_ids,
  enabled: row.enabled,
});

/** Applies a patch as a new version (optimistic: `expectedVersion` must match when given). */
export async function updateRule(ctx: Ctx, id: string, patch: RulePatch): Promise<void> {
  const row = await loadRuleRow(ctx.tx, id);
  if (patch.expectedVersion && patch.expectedVersion !== row.version) {
    throw conflict('push.rule_version', `The rule is at version ${row.version}; reload before saving.`);
  }
  const { expectedVersion: _ignored, ...changes } = patch;
  const merged: RuleInput = {
    ...rowToInput(row),
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
  } as RuleInput;
  await validateRules(ctx, [{ input: merged, id, prefix: '' }]);
  await updateRuleRow(ctx.tx, id, columns(merged), ctx.actor.userId);
  await snapshot(ctx.tx, id, ctx.actor.userId);
  await bumpRulesVersion(ctx.tx);
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  const row = await loadRuleRow(ctx.tx, id);
  const others = await findOtherRuleKeys(ctx.tx, id);
  const referencing = others.filter((other) => refsOf(other.conditions).includes(row.key));
  if (referencing.length)
    throw conflict(
      'push.rule_referenced',
      `Rules ${referencing.map((r) => r.key).join(', ')} use this rule's conditions.`,
    );
  await deleteRuleRow(ctx.tx, id);
  await bumpRulesVersion(ctx.tx);
}

/** "Try this rule": evaluates a saved or draft rule against a sample action, with reasons. */
export async function tryRule(
  ctx: Ctx,
  input: RuleInput,
  id: string | undefined,
  fields: Record<string, unknown>,
  at: Date,
) {
  await validateRules(ctx, [
    { input: { ...input, key: input.key ?? `draft-${Date.now()}` }, id, prefix: 'rule' },
  ]);
  const refs = await findRuleKeys(ctx.tx);
  const byKey = new Map(refs.map((row) => [row.key, row.conditions]));
  const row: RuleRow = {
    id: id ?? 'draft',
    key: input.key ?? 'draft',
    name: input.name,
    action: input.action,
    conditions: input.conditions as Condition,
    effective_from: input.effectiveFrom ?? null,
    effective_to: input.effectiveTo ?? null,
    audience_team_ids: input.audience?.teamIds ?? [],
    audience_roles: input.audience?.roles ?? [],
    severity: input.severity,
    message_fr: input.message.fr,
    message_en: input.message.en,
    knowledge_ids: input.knowledgeIds ?? [],
    enabled: true,
    version: 1,
  };
  const rule = compileRule(row, (key) => byKey.get(key));
  const now = at.getTime();
  const effective = now >= rule.from && now < rule.to;
  // Completed from the ids as a real check would be: what "Essayer" shows is what reps get.
  const conditionsHold = rule.test(await ctx.deps.points.deriveActionFields(ctx, input.action, fields));
  const audience =
    (!rule.roles || rule.roles.has(ctx.actor.role)) &&
    (!rule.teams || ctx.actor.memberTeamIds.some((t) => rule.teams!.has(t)));
  return {
    fires: effective && conditionsHold,
    effective,
    conditionsHold,
    audienceIncludesMe: audience,
    severity: rule.severity,
    message: rule.message[ctx.locale],
    html: rule.html[ctx.locale],
  };
}

/**
 * Issue 10.2: a rule names only the knowledge its reader may see — not even the ids of the
 * rest (the links stay in the rule and fire for those who see them).
 */
export async function withVisibleKnowledge<T extends { knowledgeIds: string[] }>(
  ctx: Ctx,
  rules: T[],
): Promise<T[]> {
  const ids = [...new Set(rules.flatMap((rule) => rule.knowledgeIds ?? []))];
  if (ids.length === 0) return rules;
  const visible = new Set(
    (await sourcesOf(ctx.deps).knowledge.visibleKnowledge(ctx.tx, ids)).map((row) => row.id),
  );
  return rules.map((rule) => ({ ...rule, knowledgeIds: rule.knowledgeIds.filter((id) => visible.has(id)) }));
}
