import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { sessionAnswerSchema } from '../auth/auth.schemas.js';
import { answerWithSession } from '../auth/session-cookies.js';
import { setupBodySchema, setupStateSchema } from './setup.schemas.js';
import { needsSetup, setupOrganisation } from './setup.service.js';

/** The first start without demo data, registered under `/api/v1/setup`. */
export const setupRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    config: { public: true },
    schema: {
      tags: ['identity'],
      summary: 'Whether the first administrator must still be created',
      response: { 200: setupStateSchema },
    },
    handler: async () => ({ needsSetup: await needsSetup(deps.db) }),
  });

  app.post('', {
    config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['identity'],
      summary: 'Create the organisation and its first administrator',
      body: setupBodySchema,
      response: { 201: sessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const session = await setupOrganisation(deps.db, request.body, request.ip);
      return reply.status(201).send(answerWithSession(deps, request, reply, session));
    },
  });
};
