import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accountBodySchema } from '../server/modules/crm/accounts/accounts.schemas.js';
import { contactBodySchema, emailEntrySchema } from '../server/modules/crm/contacts/contacts.schemas.js';
import { customFieldBody } from '../server/modules/crm/custom-fields/custom-fields.service.js';
import { ACCOUNT_LIMITS, CONTACT_LIMITS, CUSTOM_FIELD_LIMITS } from './limits.js';

/** The longest string a schema accepts (through optional, nullable, default and array wrappers). */
function maxLength(schema: z.ZodType): number | null {
  let current: any = schema;
  while (current?._def?.innerType || current?._def?.element)
    current = current._def.innerType ?? current._def.element;
  return current?.maxLength ?? null;
}

describe('web input limits match the server', () => {
  it('account fields', () => {
    const shape = accountBodySchema.shape as Record<string, z.ZodType>;
    for (const [field, limit] of Object.entries(ACCOUNT_LIMITS)) {
      expect(maxLength(field === 'tag' ? shape.tags : shape[field]), field).toBe(limit);
    }
  });

  it('contact fields', () => {
    const shape = contactBodySchema.shape as Record<string, any>;
    const phone = (shape.phones as any)._def.innerType._def.element.shape.number;
    const role = (shape.accounts as any)._def.innerType._def.element.shape.role;
    const checks: Record<keyof typeof CONTACT_LIMITS, z.ZodType> = {
      firstName: shape.firstName,
      lastName: shape.lastName,
      title: shape.title,
      email: emailEntrySchema.shape.address,
      phone,
      consentSource: shape.consentSource,
      notes: shape.notes,
      role,
    };
    for (const [field, limit] of Object.entries(CONTACT_LIMITS))
      expect(maxLength(checks[field as keyof typeof CONTACT_LIMITS]), field).toBe(limit);
  });

  it('custom field labels (the key is limited by its pattern: 40 characters)', () => {
    expect(maxLength(customFieldBody.shape.labelFr)).toBe(CUSTOM_FIELD_LIMITS.labelFr);
    expect(maxLength(customFieldBody.shape.labelEn)).toBe(CUSTOM_FIELD_LIMITS.labelEn);
    expect(customFieldBody.shape.key.safeParse('a'.repeat(CUSTOM_FIELD_LIMITS.key)).success).toBe(true);
    expect(customFieldBody.shape.key.safeParse('a'.repeat(CUSTOM_FIELD_LIMITS.key + 1)).success).toBe(false);
  });
});
