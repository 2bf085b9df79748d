import { z } from 'zod';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { langSchema, statusSchema } from '../items/items.schemas.js';

/** What knowledge gaps (KB-8) take and answer: counts and wordings, never who asked. */

export const gapsQuerySchema = pagingSchema({ defaultLimit: 50, maxLimit: 200 }).extend({
  days: z.coerce.number().int().min(1).max(365).default(90).describe('How far back questions count'),
});

export const gapSchema = z.object({
  key: z.string().describe('The group (an opaque id of the stemmed words its questions share)'),
  lang: langSchema,
  label: z.string().describe('The most frequent wording'),
  wordings: z.array(z.string()).describe('The wordings of the group, most frequent first (10 at most)'),
  count: z.number().int().describe('Questions without a useful answer in the period'),
  askers: z.number().int().describe('How many different people asked (a count, never who)'),
  trend: z.object({
    recent: z.number().int().describe('Last 7 days'),
    previous: z.number().int().describe('The 7 days before'),
    direction: z.enum(['up', 'down', 'flat']),
  }),
  reasons: z.object({
    noResult: z.number().int(),
    noValidatedAnswer: z.number().int(),
    noClick: z.number().int(),
    notUseful: z.number().int(),
    reformulated: z.number().int(),
  }),
  lastAskedOn: z.string().describe('YYYY-MM-DD'),
  draft: z
    .object({ itemId: z.string(), title: z.string(), status: statusSchema })
    .nullable()
    .describe('The answer being written for this group'),
});

export const gapPageSchema = pageSchema(gapSchema);

export const writeAnswerBodySchema = z.strictObject({
  key: z.string().trim().min(1).max(300),
});

export const writeAnswerResultSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  created: z.boolean().describe('false: the draft already being written for this group'),
});

export const searchSignalBodySchema = z.strictObject({
  signal: z.enum(['opened', 'useful', 'not_useful']),
});
