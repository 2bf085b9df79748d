import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { forMeSchema } from './for-me.schemas.js';
import { forMe } from './for-me.service.js';

/** "For me" (PUSH-1): what was pushed to me — knowledge, broadcasts, and the alerts of my work. */
/** Registered under `/push`. */
export async function forMeRoutes(app: RelaisApp) {
  app.get('/for-me', {
    schema: {
      tags: ['push'],
      summary:
        'What was pushed to me: knowledge, broadcasts, and the contextual alerts that apply to my work',
      response: { 200: forMeSchema },
    },
    handler: async (request) => request.run((ctx) => forMe(ctx)),
  });
}
