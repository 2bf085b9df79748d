import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { briefText, buildBrief } from './brief.service.js';

export async function briefRoutes(app: RelaisApp) {
  app.get('/:id/brief', {
    schema: {
      tags: ['accounts'],
      summary:
        'Client brief: key facts, recent activity, open offers and tasks, contacts, colleagues (format=text: ≤ 1,500 characters)',
      params: z.object({ id: z.string().uuid() }),
      querystring: z.object({ format: z.enum(['json', 'text']).default('json') }),
    },
    handler: async (request, reply) => {
      const brief = await request.run((ctx) => buildBrief(ctx, request.params.id));
      if (request.query.format === 'text')
        return reply.type('text/plain; charset=utf-8').send(briefText(brief, request.actor!.locale));
      return reply.send(brief);
    },
  });
}
