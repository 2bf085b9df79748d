import type { Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound, validationError, type FieldError } from '../../../platform/errors.js';
import {
  deleteCustomFieldRow,
  findCustomField,
  findCustomFields,
  insertCustomField,
  updateCustomFieldRow,
} from './custom-fields.repository.js';
import type { CustomField, CustomFieldInput } from './custom-fields.schemas.js';

export {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  customFieldBody,
  customFieldSchema,
  type CustomField,
  type CustomFieldInput,
} from './custom-fields.schemas.js';

export const listCustomFields = (db: Queryable, entity?: string): Promise<CustomField[]> =>
  findCustomFields(db, entity);

function assertChoices(fieldType: string, choices: string[]) {
  if (fieldType === 'choice' && choices.length === 0)
    throw validationError([
      { field: 'choices', message: 'A choice field needs at least one choice.', code: 'required' },
    ]);
  if (fieldType !== 'choice' && choices.length > 0)
    throw validationError([
      { field: 'choices', message: 'Only choice fields have choices.', code: 'not_allowed' },
    ]);
  if (new Set(choices).size !== choices.length)
    throw validationError([{ field: 'choices', message: 'Choices must be distinct.', code: 'duplicate' }]);
}

export async function createCustomField(ctx: Ctx, input: CustomFieldInput): Promise<CustomField> {
  assertChoices(input.fieldType, input.choices);
  const field = await insertCustomField(ctx.tx, input);
  if (!field)
    throw conflict('custom_field.exists', `A ${input.entity} field with key "${input.key}" already exists.`, [
      { field: 'key', message: 'Already used.', code: 'duplicate' },
    ]);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'custom_field.created',
    targetType: 'custom_field',
    targetId: field.id,
    ip: ctx.ip,
    details: { entity: input.entity, key: input.key },
  });
  return field;
}

export async function updateCustomField(
  ctx: Ctx,
  id: string,
  changes: Partial<Pick<CustomFieldInput, 'labelFr' | 'labelEn' | 'choices' | 'position'>>,
): Promise<CustomField> {
  const current = await findCustomField(ctx.tx, id);
  if (!current) throw notFound('custom field');
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
  } as CustomField;
  assertChoices(next.fieldType, next.choices);
  const updated = await updateCustomFieldRow(ctx.tx, id, next);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'custom_field.updated',
    targetType: 'custom_field',
    targetId: id,
    ip: ctx.ip,
    details: changes,
  });
  return updated;
}

export async function deleteCustomField(ctx: Ctx, id: string): Promise<void> {
  const deleted = await deleteCustomFieldRow(ctx.tx, id);
  if (!deleted) throw notFound('custom field');
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'custom_field.deleted',
    targetType: 'custom_field',
    targetId: id,
    ip: ctx.ip,
    details: deleted,
  });
}

/**
 * Checks `values` against the definitions of `entity`: unknown keys, wrong types and choices
 * outside the list are field errors (`customFields.<key>`). Null removes a value. Returns the
 * normalised values (numbers as numbers, dates as YYYY-MM-DD).
 */
export async function validateCustomFields(
  tx: Queryable,
  entity: string,
  values: Record<string, unknown>,
): Promise<Record<string, string | number | null>> {
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
        if (typeof value !== 'string' || value.length > 2000)
          errors.push({
            field,
            message: 'Expected a text of at most 2000 characters.',
            code: 'invalid_type',
          });
        else clean[key] = value;
        break;
      case 'number': {
        const number =
          typeof value === 'number'
            ? value
            : typeof value === 'string' && value.trim() !== ''
              ? Number(value.replace(',', '.'))
              : NaN;
        if (!Number.isFinite(number))
          errors.push({ field, message: 'Expected a number.', code: 'invalid_type' });
        else clean[key] = number;
        break;
      }
      case 'date':
        if (
          typeof value !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
          new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
        ) {
          errors.push({ field, message: 'Expected a date YYYY-MM-DD.', code: 'invalid_date' });
        } else clean[key] = value;
        break;
      case 'choice':
        if (typeof value !== 'string' || !definition.choices.includes(value))
          errors.push({
            field,
            message: `Expected one of: ${definition.choices.join(', ')}.`,
            code: 'invalid_choice',
          });
        else clean[key] = value;
        break;
    }
  }
  if (errors.length) throw validationError(errors);
  return clean;
}

/** Merges validated changes into stored values (null removes a key). */
export function applyCustomFields(
  current: Record<string, unknown>,
  changes: Record<string, string | number | null>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
