import { z } from 'zod';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';

/** What the synonyms of the knowledge search (KB-3 item 4) take and answer. */

export const MAX_TERMS = 20;
export const MAX_TERM_LENGTH = 60;

const termSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_TERM_LENGTH)
  .describe('A word or a phrase ("lave-vaisselle", "machine à laver"), in French or English');

export const synonymGroupBodySchema = z.strictObject({
  terms: z
    .array(termSchema)
    .min(2)
    .max(MAX_TERMS)
    .describe('Terms that mean the same thing (at least two, each once: case and accents ignored)'),
});
export type SynonymGroupBody = z.infer<typeof synonymGroupBodySchema>;

export const synonymsQuerySchema = pagingSchema({ defaultLimit: 100, maxLimit: 500 }).extend({
  q: z.string().trim().max(MAX_TERM_LENGTH).optional().describe('Groups with a term containing this text'),
});

export const synonymGroupSchema = z.object({
  id: z.string(),
  terms: z.array(z.string()),
  updatedAt: z.string(),
});
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

export const synonymPageSchema = pageSchema(synonymGroupSchema);
