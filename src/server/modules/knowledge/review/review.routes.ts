import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { getReviewSettings, setReviewSettings } from './review.service.js';

const settingsSchema = z.object({
  secondExpert: z
    .enum(['when_possible', 'never'])
    .describe(
      "when_possible: an expert's own change is validated by another expert whenever two or more people may validate",
    ),
  validators: z.number().describe('Active experts and admins'),
  searchLogDays: z
    .number()
    .int()
    .describe('How long the questions people searched are kept for knowledge gaps (KB-8), in days'),
  secondExpertRequired: z.boolean().describe('Whether the rule applies now'),
  updatedAt: z.string(),
});

/** How knowledge changes are reviewed (issue 9): read by everyone, changed by admins (under /api/v1/knowledge). */
export async function reviewRoutes(app: RelaisApp) {
  app.get('/settings', {
    schema: {
      tags: ['knowledge'],
      summary: 'How knowledge changes are reviewed',
      response: { 200: settingsSchema },
    },
    handler: async (request) => request.run((ctx) => getReviewSettings(ctx)),
  });
  app.patch('/settings', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['knowledge'],
      summary: 'Change how knowledge changes are reviewed (admins)',
      body: z.strictObject({
        secondExpert: z.enum(['when_possible', 'never']).optional(),
        searchLogDays: z.number().int().min(7).max(3650).optional(),
      }),
      response: { 200: settingsSchema },
    },
    handler: async (request) => request.run((ctx) => setReviewSettings(ctx, request.body)),
  });
}
