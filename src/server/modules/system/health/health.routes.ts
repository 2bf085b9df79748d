import { z } from 'zod';
import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { pingDatabase } from './health.repository.js';

/** Liveness, registered under `/api/v1/health`. */
export const healthRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness and database kind',
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.enum(['pglite', 'postgres']),
          version: z.string(),
        }),
      },
    },
    handler: async () => {
      await pingDatabase(deps.db);
      return { status: 'ok' as const, database: deps.db.kind, version: deps.config.version };
    },
  });
};
