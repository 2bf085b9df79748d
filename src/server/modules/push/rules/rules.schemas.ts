import { z } from 'zod';
import { ROLES } from '../../../../common/roles.js';
import type { StoredRuleRow } from './rules.repository.js';

export const SEVERITIES = ['info', 'warning', 'blocking'] as const;
const dateOrInstant = z
  .string()
  .refine(
    (v) => /^\d{4}-\d\d-\d\d/.test(v) && !Number.isNaN(Date.parse(v)),
    'A date (YYYY-MM-DD) or ISO 8601 instant.',
  );
const message = z.string().trim().min(1).max(5000);

export const ruleInputSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,79}$/, 'Lowercase letters, digits, . _ -')
    .optional(),
  name: z.string().trim().min(1).max(200),
  action: z.string().trim().min(3).max(100),
  conditions: z.unknown().describe('all / any / not / rule / { field, op, value }'),
  effectiveFrom: dateOrInstant.nullable().optional(),
  effectiveTo: dateOrInstant.nullable().optional(),
  audience: z
    .strictObject({
      teamIds: z.array(z.string().uuid()).max(100).default([]),
      roles: z.array(z.enum(ROLES)).max(4).default([]),
    })
    .optional(),
  severity: z.enum(SEVERITIES),
  message: z.strictObject({ fr: message, en: message }),
  knowledgeIds: z.array(z.string().uuid()).max(20).optional(),
  enabled: z.boolean().optional(),
});
export type RuleInput = z.infer<typeof ruleInputSchema>;
export const rulePatchSchema = ruleInputSchema
  .partial()
  .extend({ expectedVersion: z.number().int().positive().optional() });
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const ruleSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  action: z.string(),
  conditions: z.unknown(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  audience: z.object({ teamIds: z.array(z.string()), roles: z.array(z.string()) }),
  severity: z.enum(SEVERITIES),
  message: z.object({ fr: z.string(), en: z.string() }),
  knowledgeIds: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The watched action as people read it. */
  actionLabel: z.string(),
  /** The action is checked inside Relais (not by another application through the check API). */
  inApp: z.boolean(),
  /** The rule only shows other applications how to call the check API (demo). */
  example: z.boolean(),
});

type ActionInfo = { label: string; builtIn: boolean; example: boolean };

/** A rule as the API answers it; `actions` (the catalogue) labels its action. */
export const toRule = (row: StoredRuleRow, actions?: Map<string, ActionInfo>) => ({
  ...ruleFields(row),
  actionLabel: actions?.get(row.action)?.label ?? row.action,
  inApp: actions?.get(row.action)?.builtIn ?? false,
  example: actions?.get(row.action)?.example ?? false,
});

const ruleFields = (row: StoredRuleRow) => ({
  id: row.id,
  key: row.key,
  name: row.name,
  action: row.action,
  conditions: row.conditions,
  effectiveFrom: row.effective_from,
  effectiveTo: row.effective_to,
  audience: { teamIds: row.audience_team_ids ?? [], roles: row.audience_roles ?? [] },
  severity: row.severity,
  message: { fr: row.message_fr, en: row.message_en },
  knowledgeIds: row.knowledge_ids ?? [],
  enabled: row.enabled,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const knowledgeLinkSchema = z.object({ id: z.string(), title: z.string(), url: z.string() });
export const alertSchema = z.object({
  ruleId: z.string(),
  ruleKey: z.string(),
  version: z.number().int(),
  name: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  html: z.string(),
  knowledge: z.array(knowledgeLinkSchema),
  requiresAck: z.boolean(),
  acknowledgedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const fieldsSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((value) => Object.keys(value).length <= 200, 'At most 200 fields.');
export const actionFieldSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,59}$/),
  type: z.enum(['string', 'number', 'boolean', 'date', 'strings', 'id', 'ids']),
});
