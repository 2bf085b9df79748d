import { z } from 'zod';
import { listQuerySchema } from '../../../platform/list-query.js';
import { visibilitySchema } from '../../../platform/visibility.js';

export const ACCOUNT_KINDS = ['customer', 'prospect', 'supplier', 'partner', 'network_member'] as const;
export const ACCOUNT_SIZES = ['micro', 'small', 'medium', 'large'] as const;

export const customFieldValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  sector: z.string().nullable(),
  size: z.enum(ACCOUNT_SIZES).nullable(),
  addressLine: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  segment: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  visibility: visibilitySchema,
  contactCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const accountBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ACCOUNT_KINDS).default('prospect'),
  siren: optionalText(20),
  siret: optionalText(30),
  sector: optionalText(120),
  size: z.enum(ACCOUNT_SIZES).nullable().optional(),
  addressLine: optionalText(300),
  postalCode: optionalText(20),
  city: optionalText(120),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 code, e.g. FR.')
    .default('FR'),
  segment: optionalText(80),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  customFields: customFieldValuesSchema.default({}),
  phone: optionalText(40),
  website: optionalText(300),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().nullable().optional(),
  visibility: visibilitySchema.default('team'),
});
export type AccountInput = z.infer<typeof accountBodySchema>;

/** PATCH: every field optional, no defaults (absent = unchanged). */
export const accountPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(ACCOUNT_KINDS).optional(),
  siren: optionalText(20),
  siret: optionalText(30),
  sector: optionalText(120),
  size: z.enum(ACCOUNT_SIZES).nullable().optional(),
  addressLine: optionalText(300),
  postalCode: optionalText(20),
  city: optionalText(120),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  segment: optionalText(80),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  customFields: customFieldValuesSchema.optional(),
  phone: optionalText(40),
  website: optionalText(300),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().nullable().optional(),
  visibility: visibilitySchema.optional(),
});
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const accountFiltersSchema = z.object({
  kind: z.enum(ACCOUNT_KINDS).optional(),
  ownerId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  segment: z.string().max(80).optional(),
  tag: z.string().max(50).optional(),
  visibility: visibilitySchema.optional(),
  q: z.string().trim().max(200).optional(),
});
export type AccountFilters = z.infer<typeof accountFiltersSchema>;
export const accountListQuerySchema = listQuerySchema.extend(accountFiltersSchema.shape);

export const ACCOUNT_SORTS: Record<string, string> = {
  name: 'lower(a.name)',
  city: 'lower(a.city)',
  kind: 'a.kind',
  segment: 'a.segment',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
};
/** Sorts on never-null columns: their pages start with a row comparison an index serves. */
export const ACCOUNT_NOT_NULL_SORTS = ['name', 'kind', 'createdAt', 'updatedAt'] as const;

export const accountContactSchema = z.object({
  contactId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  title: z.string().nullable(),
  role: z.string().nullable(),
  isPrimary: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const accountDetailSchema = accountSchema.extend({ contacts: z.array(accountContactSchema) });
