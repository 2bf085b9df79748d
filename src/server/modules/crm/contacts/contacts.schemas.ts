import { z } from 'zod';
import { listQuerySchema } from '../../../platform/list-query.js';
import { visibilitySchema } from '../../../platform/visibility.js';
import { customFieldValuesSchema } from '../accounts/accounts.schemas.js';

export const emailEntrySchema = z.object({
  address: z.string().trim().toLowerCase().email().max(254),
  label: z.string().trim().max(30).default('work'),
});
export const phoneEntrySchema = z.object({
  number: z
    .string()
    .trim()
    .min(3)
    .max(40)
    .regex(/^[+0-9 ().\-/]+$/, 'Digits, spaces and + ( ) . - / only.'),
  label: z.string().trim().max(30).default('work'),
});
export const contactAccountLinkSchema = z.object({
  accountId: z.string().uuid(),
  role: z.string().trim().max(120).nullable().optional(),
  isPrimary: z.boolean().default(false),
});

export const contactSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  emails: z.array(z.object({ address: z.string(), label: z.string() })),
  phones: z.array(z.object({ number: z.string(), label: z.string() })),
  emailConsent: z.boolean(),
  consentAt: z.string().nullable(),
  consentSource: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  teamId: z.string().nullable(),
  visibility: visibilitySchema,
  erasedAt: z.string().nullable(),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      accountName: z.string(),
      role: z.string().nullable(),
      isPrimary: z.boolean(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const contactBodySchema = z.strictObject({
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  title: optionalText(150),
  emails: z.array(emailEntrySchema).max(10).default([]),
  phones: z.array(phoneEntrySchema).max(10).default([]),
  emailConsent: z.boolean().default(false),
  consentAt: z.string().datetime({ offset: true }).nullable().optional(),
  consentSource: optionalText(200),
  notes: optionalText(10_000),
  customFields: customFieldValuesSchema.default({}),
  accounts: z.array(contactAccountLinkSchema).max(20).default([]),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().nullable().optional(),
  visibility: visibilitySchema.default('team'),
});
export type ContactInput = z.infer<typeof contactBodySchema>;

export const contactPatchSchema = z.strictObject({
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  title: optionalText(150),
  emails: z.array(emailEntrySchema).max(10).optional(),
  phones: z.array(phoneEntrySchema).max(10).optional(),
  emailConsent: z.boolean().optional(),
  consentAt: z.string().datetime({ offset: true }).nullable().optional(),
  consentSource: optionalText(200),
  notes: optionalText(10_000),
  customFields: customFieldValuesSchema.optional(),
  accounts: z.array(contactAccountLinkSchema).max(20).optional(),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().nullable().optional(),
  visibility: visibilitySchema.optional(),
});
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactFiltersSchema = z.object({
  accountId: z.string().uuid().optional(),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  consent: z.enum(['true', 'false']).optional(),
  visibility: visibilitySchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type ContactFilters = z.infer<typeof contactFiltersSchema>;
export const contactListQuerySchema = listQuerySchema.extend(contactFiltersSchema.shape);

export const CONTACT_SORTS: Record<string, string> = {
  lastName: 'lower(c.last_name)',
  firstName: 'lower(c.first_name)',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
};
/** Sorts on columns that are never null: the keyset cursor is a plain row comparison. */
export const CONTACT_NOT_NULL_SORTS = ['lastName', 'firstName', 'createdAt', 'updatedAt'] as const;
