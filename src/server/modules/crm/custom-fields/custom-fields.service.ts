import { z } from 'zod';
import type { Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound, validationError, type FieldError } from '../../../platform/errors.js';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export const CUSTOM_FIELD_ENTITIES = ['account', 'contact', 'offer'] as const;

export const customFieldSchema = z.object({
  id: z.string(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  labelFr: z.string(),
  labelEn: z.string(),
  fieldType: z.enum(CUSTOM_FIELD_TYPES),
  choices: z.array(z.string()),
  position: z.number().int(),
  createdAt: z.string(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldBody = z.strictObject({
  entity: z.enum(CUSTOM_FIELD_ENTITIES).default('account'),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lower-case letters, digits and _, starting with a letter.'),
  labelFr: z.string().trim().min(1).max(120),
  labelEn: z.string().trim().min(1).max(120),
  fieldType: z.enum(CUSTOM_FIELD_TYPES),
  choices: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CustomFieldInput = z.infer<typeof customFieldBody>;

const toField = (row: any): CustomField => ({
  id: row.id,
  entity: row.entity,
  key: row.key,
  labelFr: row.label_fr,
  labelEn: row.label_en,
  fieldType: row.field_type,
  choices: row.choices ?? [],
  position: row.position,
  createdAt: row.created_at,
});

export async function listCustomFields(db: Queryable, entity?: string): Promise<CustomField[]> {
  const rows = await db.query(
    `select * from custom_field_definitions ${entity ? 'where entity = $1' : ''} order by entity, position, label_en`,
    entity ? [entity] : [],
  );
  return rows.map(toField);
}

function assertChoices(fieldType: string, choices: string[]) {
  if (fieldType === 'choice' && choices.length === 0) throw validationError([{ field: 'choices', message: 'A choice field needs at least one choice.', code: 'required' }]);
  if (fieldType !== 'choice' && choices.length > 0) throw validationError([{ field: 'choices', message: 'Only choice fields have choices.', code: 'not_allowed' }]);
  if (new Set(choices).size !== choices.length) throw validationError([{ field: 'choices', message: 'Choices must be distinct.', code: 'duplicate' }]);
}

export async function createCustomField(ctx: Ctx, input: CustomFieldInput): Promise<CustomField> {
  assertChoices(input.fieldType, input.choices);
  const rows = await ctx.tx.query(
    `insert into custom_field_definitions (entity, key, label_fr, label_en, field_type, choices, position)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (entity, key) do nothing returning *`,
    [input.entity, input.key, input.labelFr, input.labelEn, input.fieldType, input.choices, input.position],
  );
  if (!rows[0]) throw conflict('custom_field.exists', `A ${input.entity} field with key "${input.key}" already exists.`, [{ field: 'key', message: 'Already used.', code: 'duplicate' }]);
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'custom_field.created', targetType: 'custom_field', targetId: rows[0].id, ip: ctx.ip, details: { entity: input.entity, key: input.key } });
  return toField(rows[0]);
}

export async function updateCustomField(ctx: Ctx, id: string, changes: Partial<Pick<CustomFieldInput, 'labelFr' | 'labelEn' | 'choices' | 'position'>>): Promise<CustomField> {
  const [current] = (await ctx.tx.query(`select * from custom_field_definitions where id = $1`, [id])).map(toField);
  if (!current) throw notFound('custom field');
  const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) } as CustomField;
  assertChoices(next.fieldType, next.choices);
  const [row] = await ctx.tx.query(
    `update custom_field_definitions set label_fr = $2, label_en = $3, choices = $4, position = $5 where id = $1 returning *`,
    [id, next.labelFr, next.labelEn, next.choices, next.position],
  );
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'custom_field.updated', targetType: 'custom_field', targetId: id, ip: ctx.ip, details: changes });
  return toField(row);
}

export async function deleteCustomField(ctx: Ctx, id: string): Promise<void> {
  const rows = await ctx.tx.query<{ key: string; entity: string }>(`delete from custom_field_definitions where id = $1 returning key, entity`, [id]);
  if (!rows[0]) throw notFound('custom field');
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'custom_field.deleted', targetType: 'custom_field', targetId: id, ip: ctx.ip, details: rows[0] });
}

/**
 * Checks `values` against the definitions of `entity`: unknown keys, wrong types and choices
 * outside the list are field errors (`customFields.<key>`). Null removes a value. Returns the
 * normalised values (numbers as numbers, dates as YYYY-MM-DD).
 */
export async function validateCustomFields(tx: Queryable, entity: string, values: Record<string, unknown>): Promise<Record<string, string | number | null>> {
  const definitions = new Map((await listCustomFields(tx, entity)).map((field) => [field.key, field]));
  const errors: FieldError[] = [];
  const clean: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = `customFields.${key}`;
    const definition = definitions.get(key);
    if (!definition) {
      errors.push({ field, message: 'No such custom field.', code: 'unknown_field' });
      continue;
    }
    if (value === null || value === '') {
      clean[key] = null;
      continue;
    }
    switch (definition.fieldType) {
      case 'text':
        if (typeof value !== 'string' || value.length > 2000) errors.push({ field, message: 'Expected a text of at most 2000 characters.', code: 'invalid_type' });
        else clean[key] = value;
        break;
      case 'number': {
        const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.replace(',', '.')) : NaN;
        if (!Number.isFinite(number)) errors.push({ field, message: 'Expected a number.', code: 'invalid_type' });
        else clean[key] = number;
        break;
      }
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
          errors.push({ field, message: 'Expected a date YYYY-MM-DD.', code: 'invalid_date' });
        } else clean[key] = value;
        break;
      case 'choice':
        if (typeof value !== 'string' || !definition.choices.includes(value)) errors.push({ field, message: `Expected one of: ${definition.choices.join(', ')}.`, code: 'invalid_choice' });
        else clean[key] = value;
        break;
    }
  }
  if (errors.length) throw validationError(errors);
  return clean;
}

/** Merges validated changes into stored values (null removes a key). */
export function applyCustomFields(current: Record<string, unknown>, changes: Record<string, string | number | null>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
