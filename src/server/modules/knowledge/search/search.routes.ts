import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { decodeCursor, encodeCursor } from '../../../platform/list-query.js';
import { idParams, langSchema, statusSchema, typeSchema } from '../items/items.schemas.js';
import { validationError } from '../../../platform/errors.js';
import { daySchema, searchResultSchema } from './search.schemas.js';
import { searchKnowledge } from './search.service.js';
import { findSimilar, reuseAnswer } from './similar.service.js';
import { recordSearch } from '../gaps/gaps.service.js';

const tags = ['knowledge'];
/** KB-3 search, KB-4 similar cases and reuse (under /api/v1/knowledge). */
export async function searchRoutes(app: RelaisApp) {
  app.get('/search', {
    schema: {
      tags,
      summary:
        'Full-text search (French/English stemming, accents ignored, typos, prefixes, "phrases", -exclusions) with facets',
      querystring: z.object({
        q: z.string().trim().min(1).max(300),
        type: typeSchema.optional(),
        tag: z.string().max(60).optional(),
        product: z.string().uuid().optional(),
        situation: z.string().uuid().optional(),
        lang: langSchema.optional(),
        status: statusSchema.optional(),
        from: daySchema
          .optional()
          .describe('Items last updated (updated_at) on or after this day, YYYY-MM-DD in UTC'),
        to: daySchema
          .optional()
          .describe('Items last updated (updated_at) on or before this day (inclusive), YYYY-MM-DD in UTC'),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        typing: z
          .enum(['true', 'false'])
          .optional()
          .describe('true while the person is typing: the last word also matches as a prefix'),
        cursor: z.string().max(200).optional(),
      }),
      response: {
        200: searchResultSchema.extend({
          nextCursor: z.string().nullable(),
          searchId: z
            .string()
            .nullable()
            .describe(
              'This search in the log of questions (first pages only): for POST /searches/{searchId}/signal',
            ),
        }),
      },
    },
    handler: async (request) =>
      request.run(async (ctx) => {
        // Pages of the same ranking: rank up to the end of this page, answer from the cursor on.
        const { cursor, typing, ...query } = request.query;
        if (query.from && query.to && query.from > query.to)
          throw validationError([
            { field: 'from', message: '`from` must not be after `to`.', code: 'date_range' },
          ]);
        const offset = decodeCursor(cursor);
        const result = await searchKnowledge(ctx, {
          ...query,
          prefix: typing === 'true',
          limit: offset + query.limit,
        });
        const end = offset + query.limit;
        // KB-8: the first page is the question asked; later pages are the same question.
        const searchId = cursor
          ? null
          : await recordSearch(ctx, {
              q: query.q,
              lang: query.lang,
              total: result.total,
              items: result.items,
            });
        return {
          ...result,
          searchId,
          items: result.items.slice(offset),
          nextCursor: result.items.length >= end && result.total > end ? encodeCursor(end) : null,
        };
      }),
  });

  app.post('/similar', {
    schema: {
      tags,
      summary: 'Past problems similar to a described one, each with its solution (KB-4)',
      description:
        'Describe the problem in `text`, or give `activityId`: the visit, call or case in hand (its subject, text and outcome) is the description, and it is left out of the answer.',
      body: z
        .strictObject({
          text: z.string().trim().min(3).max(4000).optional(),
          activityId: z.string().uuid().optional(),
          limit: z.number().int().min(1).max(20).default(5),
        })
        .refine((body) => (body.text === undefined) !== (body.activityId === undefined), {
          message: 'Give either text or activityId.',
          path: ['text'],
        }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              kind: z.enum(['answer', 'activity']),
              id: z.string(),
              answerId: z.string(),
              activityId: z.string().nullable(),
              title: z.string(),
              problem: z.string(),
              solution: z.string(),
              reuseCount: z.number(),
              score: z.number(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => findSimilar(ctx, request.body, request.body.limit)),
  });

  app.post('/:id/reuse', {
    schema: {
      tags,
      summary: '"Use this answer": link it to an activity (optional) and count a reuse',
      params: idParams,
      body: z.strictObject({
        activityId: z.string().uuid().optional(),
        searchId: z
          .string()
          .uuid()
          .optional()
          .describe("The caller's search that led here: its question is kept as a phrasing of the item"),
      }),
      response: { 200: z.object({ reuseCount: z.number(), linked: z.boolean() }) },
    },
    handler: async (request) =>
      request.run((ctx) =>
        reuseAnswer(ctx, request.params.id, request.body.activityId, request.body.searchId),
      ),
  });
}
