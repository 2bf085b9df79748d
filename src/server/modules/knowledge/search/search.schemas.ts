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
  }),
});
