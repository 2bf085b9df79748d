import { z } from 'zod';
import { visibilitySchema } from '../../../platform/visibility.js';

export const stageSchema = z.object({
  id: z.string(),
  key: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  probability: z.number(),
  position: z.number(),
  outcome: z.enum(['open', 'won', 'lost']),
});
export const stageCreateSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _ only.'),
  nameFr: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  probability: z.number().int().min(0).max(100),
  position: z.number().int().min(0).max(1000),
  outcome: z.enum(['open', 'won', 'lost']).default('open'),
});
export const stagePatchSchema = stageCreateSchema.omit({ key: true }).partial().strict();

export const lineSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productReference: z.string(),
  productName: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
  discountPercent: z.number(),
  total: z.number(),
  position: z.number(),
});

export const offerSchema = z.object({
  id: z.string(),
  title: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  stage: z.string(),
  stageNameFr: z.string(),
  stageNameEn: z.string(),
  probability: z.number(),
  outcome: z.enum(['open', 'won', 'lost']),
  amount: z.number(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  competitor: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  teamId: z.string().nullable(),
  visibility: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof offerSchema>;

export const stageChangeSchema = z.object({
  id: z.number(),
  from: z.string().nullable(),
  to: z.string(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
  reason: z.string().nullable(),
  competitor: z.string().nullable(),
});
export const offerDetailSchema = offerSchema.extend({
  lines: z.array(lineSchema),
  stageHistory: z.array(stageChangeSchema),
});

const money = z.number().min(0).max(9_999_999_999).multipleOf(0.01);
const percent = z.number().min(0).max(100).multipleOf(0.01);
const quantity = z.number().positive().max(1_000_000).multipleOf(0.01);
export const lineInputSchema = z.strictObject({
  productId: z.string().uuid(),
  quantity: quantity.default(1),
  unitPrice: money.optional(),
  discountPercent: percent.optional(),
});
export const linePatchSchema = z.strictObject({
  quantity: quantity.optional(),
  unitPrice: money.optional(),
  discountPercent: percent.optional(),
});
export type LineInput = z.infer<typeof lineInputSchema>;

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a date.');
export const offerCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  accountId: z.string().uuid(),
  contactId: z.string().uuid().nullable().default(null),
  stage: z.string().max(40).optional(),
  expectedCloseDate: dateOnly.nullable().default(null),
  ownerId: z.string().uuid().optional(),
  visibility: visibilitySchema.optional(),
  lines: z.array(lineInputSchema).max(100).default([]),
});
export const offerPatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  contactId: z.string().uuid().nullable().optional(),
  expectedCloseDate: dateOnly.nullable().optional(),
  ownerId: z.string().uuid().optional(),
  visibility: visibilitySchema.optional(),
});
export const stageMoveSchema = z.strictObject({
  stage: z.string().min(1).max(40),
  reason: z.string().trim().max(500).optional(),
  competitor: z.string().trim().max(200).optional(),
});

export const offerListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  sort: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  stage: z.string().max(400).optional(),
  outcome: z.enum(['open', 'won', 'lost']).optional(),
  accountId: z.string().uuid().optional(),
  ownerId: z.union([z.literal('me'), z.string().uuid()]).optional(),
  productId: z.string().uuid().optional(),
});
export type OfferFilters = z.infer<typeof offerListQuerySchema>;
