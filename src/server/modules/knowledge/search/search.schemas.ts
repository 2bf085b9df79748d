import { z } from 'zod';
import { langSchema, statusSchema, typeSchema } from '../items/items.schemas.js';

/** What knowledge search answers (KB-3). */
const facetSchema = z.object({ value: z.string(), label: z.string().optional(), count: z.number() });

export const searchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      titleHtml: z.string(),
      type: typeSchema,
      lang: langSchema,
      status: statusSchema,
      tags: z.array(z.string()),
      snippet: z.string().describe('HTML-escaped text with <mark> around matches'),
      score: z.number(),
    }),
  ),
  total: z.number(),
  totalIsExact: z.boolean(),
  correctedQuery: z.string().nullable(),
  facets: z.object({
    type: z.array(facetSchema),
    tag: z.array(facetSchema),
    lang: z.array(facetSchema),
    product: z.array(facetSchema),
    situation: z.array(facetSchema),
    date: z
      .array(
        z.object({
          value: z.enum(['last_30_days', 'last_12_months', 'older']),
          count: z.number(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        }),
      )
      .describe(
        'Last update of the matching items: within 30 days, within 12 months (the 30 days included), older; from/to select the bucket',
      ),
  }),
});

/** A day (YYYY-MM-DD) that exists in the calendar. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a day as YYYY-MM-DD.')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, 'Not a day of the calendar.');
