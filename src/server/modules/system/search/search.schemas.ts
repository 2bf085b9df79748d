import { z } from 'zod';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';

const searchHitSchema = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  url: z.string(),
});

export const searchQuerySchema = pagingSchema({ defaultLimit: 20, maxLimit: 100 }).extend({
  q: z.string().trim().min(1).max(200),
  types: z
    .string()
    .max(200)
    .optional()
    .describe('Comma-separated: person, account, contact, offer, knowledge…'),
});

export const searchPageSchema = pageSchema(searchHitSchema).extend({ totalIsExact: z.boolean() });
