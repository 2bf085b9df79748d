import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { pageSchema, pagingSchema } from '../../../platform/list-query.js';
import { OUTCOME_FILTERS, type OutcomeFilter } from './outcomes.repository.js';
import { repOffers, teamDashboard } from './team.service.js';

export const outcomeSchema = z.object({
  won: z.number(),
  lost: z.number(),
  winRate: z.number().nullable(),
  wonAmount: z.number(),
  openAmount: z.number(),
  weightedAmount: z.number(),
});
export const monthSchema = z.object({
  month: z.string(),
  won: z.number(),
  lost: z.number(),
  winRate: z.number().nullable(),
  wonAmount: z.number(),
});
const teamRow = z
  .object({ teamId: z.string(), teamName: z.string() })
  .merge(outcomeSchema)
  .extend({ openCount: z.number() });
const repRow = z
  .object({ userId: z.string(), name: z.string(), teamName: z.string().nullable() })
  .merge(outcomeSchema)
  .extend({ openCount: z.number() });
const drillItem = z.object({
  id: z.string(),
  title: z.string(),
  accountName: z.string(),
  amount: z.number(),
  stage: z.string(),
  stageName: z.string(),
  closedAt: z.string().nullable(),
  expectedCloseDate: z.string().nullable(),
});
const managers = { roles: ['manager' as const, 'admin' as const] };

/**
 * The manager's view of their teams (MGT-1): outcomes per team and per rep, counting every offer
 * of the team in aggregate (restricted and secret ones too) so a rep's figures are the same here
 * as on their own dashboard; a drill-down lists only the offers the manager may see and says how
 * many others the figures include. Outcomes only, never activity counts (principle 1).
 */
export async function teamDashboardRoutes(app: RelaisApp) {
  app.get('/team', {
    config: managers,
    schema: {
      tags: ['dashboards'],
      summary:
        "My teams' outcomes: pipeline value and win rate by team and by rep, every offer counted (never activity counts)",
      response: {
        200: z.object({
          teams: z.array(teamRow),
          reps: z.array(repRow),
          winRateByMonth: z.array(monthSchema),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => teamDashboard(ctx)),
  });

  app.get('/team/reps/:userId/offers', {
    config: managers,
    schema: {
      tags: ['dashboards'],
      summary:
        "Drill-down of a rep's outcome (open, or won/lost over 12 months): the offers I may see, and how many others the figures count",
      params: z.object({ userId: z.string().uuid() }),
      querystring: pagingSchema({ defaultLimit: 20, maxLimit: 100 }).extend({
        outcome: z.enum(Object.keys(OUTCOME_FILTERS) as [OutcomeFilter, ...OutcomeFilter[]]),
      }),
      response: {
        200: pageSchema(drillItem).extend({
          hidden: z.number().int().describe('Offers counted in the figures that I may not see'),
          repName: z.string(),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => repOffers(ctx, request.params.userId, request.query)),
  });
}
