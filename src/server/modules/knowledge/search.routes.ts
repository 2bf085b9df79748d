import { z } from 'zod';
import type { RelaisApp } from '../../app.js';
import type { AppDeps } from '../../platform/context.js';
import type { SearchProvider } from '../../platform/search-registry.js';
import { idParams, langSchema, statusSchema, typeSchema } from './items.schemas.js';
import { searchKnowledge } from './search.service.js';
import { findSimilar, reuseAnswer } from './similar.service.js';

const tags = ['knowledge'];
const facetSchema = z.object({ value: z.string(), label: z.string().optional(), count: z.number() });

export const searchResultSchema = z.object({
  items: z.array(z.object({
    id: z.string(), title: z.string(), titleHtml: z.string(), type: typeSchema, lang: langSchema, status: statusSchema, tags: z.array(z.string()),
    snippet: z.string().describe('HTML-escaped text with <mark> around matches'), score: z.number(),
  })),
  total: z.number(),
  totalIsExact: z.boolean(),
  correctedQuery: z.string().nullable(),
  facets: z.object({ type: z.array(facetSchema), tag: z.array(facetSchema), lang: z.array(facetSchema), product: z.array(facetSchema), situation: z.array(facetSchema) }),
});

const TYPE_LABELS: Record<string, string> = {
  product_sheet: 'Fiche produit', procedure: 'Procédure', answer: 'Réponse', objection: 'Objection', competitor_watch: 'Veille concurrence', win_story: 'Succès', training: 'Formation',
};

/**
 * The knowledge provider of the global search (Ctrl+K). Providers' scores are compared (people
 * score ~0.2–1.2, accounts similar), so: only items holding every term (prefix on the last; no
 * any-word or typo fallback), and an absolute scale — all terms in the title 0.45–0.85, elsewhere
 * 0.2–0.45 — so a close match of another type is never buried under loose knowledge hits.
 */
export const knowledgeSearchProvider: SearchProvider = async (ctx, query, limit) => {
  const result = await searchKnowledge(ctx, { q: query, limit, strict: true });
  const best = result.items[0]?.score || 1;
  const scoreOf = (item: { score: number; allInTitle?: boolean }) => {
    const relative = Math.max(0, Math.min(1, item.score / best));
    return item.allInTitle ? 0.45 + 0.4 * relative : 0.2 + 0.25 * relative;
  };
  return result.items.map((item) => ({
    type: 'knowledge',
    id: item.id,
    title: item.title,
    subtitle: `${TYPE_LABELS[item.type] ?? item.type} · ${item.snippet.replace(/<\/?mark>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').slice(0, 140)}`,
    url: `/knowledge/${item.id}`,
    score: scoreOf(item),
  })).sort((a, b) => b.score - a.score);
};

export async function registerSearchRoutes(app: RelaisApp, _deps: AppDeps) {
  app.get('/api/v1/knowledge/search', {
    schema: {
      tags,
      summary: 'Full-text search (French/English stemming, accents ignored, typos, prefixes, "phrases", -exclusions) with facets',
      querystring: z.object({
        q: z.string().trim().min(1).max(300),
        type: typeSchema.optional(),
        tag: z.string().max(60).optional(),
        product: z.string().uuid().optional(),
        situation: z.string().uuid().optional(),
        lang: langSchema.optional(),
        status: statusSchema.optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: searchResultSchema },
    },
    handler: async (request) => request.run((ctx) => searchKnowledge(ctx, request.query)),
  });

  app.post('/api/v1/knowledge/similar', {
    schema: {
      tags,
      summary: 'Past problems similar to a described one, each with its solution (KB-4)',
      body: z.strictObject({ text: z.string().trim().min(3).max(4000), limit: z.number().int().min(1).max(20).default(5) }),
      response: {
        200: z.object({
          items: z.array(z.object({
            kind: z.enum(['answer', 'activity']), id: z.string(), answerId: z.string(), activityId: z.string().nullable(), title: z.string(),
            problem: z.string(), solution: z.string(), reuseCount: z.number(), score: z.number(),
          })),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => findSimilar(ctx, request.body.text, request.body.limit)),
  });

  app.post('/api/v1/knowledge/:id/reuse', {
    schema: {
      tags,
      summary: '"Use this answer": link it to an activity (optional) and count a reuse',
      params: idParams,
      body: z.strictObject({ activityId: z.string().uuid().optional() }),
      response: { 200: z.object({ reuseCount: z.number(), linked: z.boolean() }) },
    },
    handler: async (request) => request.run((ctx) => reuseAnswer(ctx, request.params.id, request.body.activityId)),
  });
}
