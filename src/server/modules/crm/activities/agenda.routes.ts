import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { activitySchema, dateOnly } from './activities.schemas.js';
import { agenda } from './agenda.service.js';

export async function agendaRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: ['activities'],
      summary:
        'My agenda: visits and calls (planned or logged) and open tasks per day, from today (or `from`) for `days` days, and my late tasks',
      querystring: z.object({
        from: dateOnly.optional(),
        days: z.coerce.number().int().min(1).max(31).default(7),
      }),
      response: {
        200: z.object({
          today: z.string(),
          days: z.array(
            z.object({ date: z.string(), visits: z.array(activitySchema), tasks: z.array(activitySchema) }),
          ),
          overdueTasks: z.array(activitySchema),
        }),
      },
    },
    handler: async (request) => request.run((ctx) => agenda(ctx, request.query.from, request.query.days)),
  });
}
