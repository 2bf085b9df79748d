import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { activitySchema } from '../activities/activities.schemas.js';
import { myDashboard } from './dashboards.service.js';
import { monthSchema, outcomeSchema } from './team.routes.js';

const stageTotalSchema = z.object({
  stage: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  probability: z.number(),
  count: z.number(),
  amount: z.number(),
});

const emailSuccessSchema = z.object({
  sent: z.number(),
  opened: z.number(),
  clicked: z.number(),
  openRate: z.number().nullable(),
  clickRate: z.number().nullable(),
  stored: z
    .number()
    .describe('Kept in the outbox because no mail server is configured: not sent, not counted above'),
});

export async function dashboardRoutes(app: RelaisApp) {
  app.get('/me', {
    schema: {
      tags: ['dashboards'],
      summary: 'My dashboard: my day, my open offers by stage, my win rate by month, my recent activity',
      response: {
        200: z.object({
          today: z.string(),
          myDay: z.object({ visits: z.array(activitySchema), tasks: z.array(activitySchema) }),
          openOffersByStage: z.array(stageTotalSchema),
          winRateByMonth: z.array(monthSchema),
          totals: outcomeSchema,
          recentActivity: z.array(activitySchema),
          emailSuccess: emailSuccessSchema,
        }),
      },
    },
    handler: async (request) => request.run((ctx) => myDashboard(ctx)),
  });
}
