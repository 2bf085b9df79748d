import { z } from 'zod';

export const productSchema = z.object({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  descriptionMd: z.string(),
  descriptionHtml: z.string(),
  unitPrice: z.number(),
  discountPercent: z.number(),
  currency: z.string(),
  category: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

const money = z.number().min(0).max(9_999_999_999).multipleOf(0.01);
const percent = z.number().min(0).max(100).multipleOf(0.01);

export const productCreateSchema = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'Letters, digits and . _ - / only.'),
  name: z.string().trim().min(1).max(200),
  descriptionMd: z.string().max(20_000).default(''),
  unitPrice: money,
  discountPercent: percent.default(0),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  category: z.string().trim().max(80).nullable().default(null),
  active: z.boolean().default(true),
});
export const productPatchSchema = z.strictObject({
  reference: productCreateSchema.shape.reference.optional(),
  name: productCreateSchema.shape.name.optional(),
  descriptionMd: z.string().max(20_000).optional(),
  unitPrice: money.optional(),
  discountPercent: percent.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  category: z.string().trim().max(80).nullable().optional(),
  active: z.boolean().optional(),
});

export const productListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  sort: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
  category: z.string().max(80).optional(),
});

export const priceChangeSchema = z.object({
  id: z.number(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  oldPrice: z.number().nullable(),
  newPrice: z.number().nullable(),
  oldDiscount: z.number().nullable(),
  newDiscount: z.number().nullable(),
});
