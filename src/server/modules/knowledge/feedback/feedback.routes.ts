import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { idParams } from '../items/items.schemas.js';
import { commentSchema, suggestionSchema } from './feedback.schemas.js';
import { comment, decideSuggestion, feedbackOf, suggestEdit, vote } from './feedback.service.js';

const tags = ['knowledge'];
/** KB-7: usefulness votes, comments, suggested edits, usage counts (under /api/v1/knowledge). */
export async function feedbackRoutes(app: RelaisApp) {
  app.get('/:id/feedback', {
    schema: {
      tags,
      summary: 'Votes, comments, suggested edits and usage counts',
      params: idParams,
      response: {
        200: z.object({
          usefulCount: z.number(),
          notUsefulCount: z.number(),
          viewCount: z.number(),
          reuseCount: z.number(),
          myVote: z.boolean().nullable(),
          comments: z.array(commentSchema),
          suggestions: z.array(suggestionSchema),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => feedbackOf(ctx, request.params.id)),
  });
  app.post('/:id/votes', {
    schema: {
      tags,
      summary: '"Was this useful?" (one vote per person; voting again changes it)',
      params: idParams,
      body: z.strictObject({
        useful: z.boolean(),
        searchId: z
          .string()
          .uuid()
          .optional()
          .describe(
            'The caller\'s search that led here (its searchId): a "useful" keeps its question as a phrasing of the item',
          ),
      }),
      response: {
        200: z.object({
          usefulCount: z.number(),
          notUsefulCount: z.number(),
          myVote: z.boolean(),
          learned: z.boolean().describe("Whether the search's question was kept as a phrasing of the item"),
        }),
      },
    },
    handler: async (request) =>
      request.run((ctx) => vote(ctx, request.params.id, request.body.useful, request.body.searchId)),
  });
  app.post('/:id/comments', {
    schema: {
      tags,
      summary: 'Comment on an item',
      params: idParams,
      body: z.strictObject({ comment: z.string().trim().min(1).max(4000) }),
      response: { 201: commentSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await request.run((ctx) => comment(ctx, request.params.id, request.body.comment))),
  });
  app.post('/:id/suggestions', {
    schema: {
      tags,
      summary: 'Suggest an edit to the owner',
      params: idParams,
      body: z.strictObject({
        title: z.string().trim().min(1).max(300).optional(),
        body: z.string().max(200_000),
        note: z.string().max(500).optional(),
      }),
      response: { 201: suggestionSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await request.run((ctx) => suggestEdit(ctx, request.params.id, request.body))),
  });
  app.post('/:id/suggestions/:suggestionId/decision', {
    schema: {
      tags,
      summary: 'Accept (new version) or decline a suggested edit',
      params: idParams.extend({ suggestionId: z.string().uuid() }),
      body: z.strictObject({ decision: z.enum(['accept', 'decline']) }),
      response: { 200: suggestionSchema },
    },
    handler: async (request) =>
      request.run((ctx) =>
        decideSuggestion(ctx, request.params.id, request.params.suggestionId, request.body.decision),
      ),
  });
}
