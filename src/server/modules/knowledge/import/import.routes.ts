import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { AppError } from '../../../platform/errors.js';
import { importItems } from './import.service.js';

/** POST /api/v1/knowledge/import with an application/x-ndjson body: created ids in line order. */
export async function importRoutes(app: RelaisApp, { bodyLimit }: { bodyLimit: number }) {
  await app.register(async (scope: RelaisApp) => {
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl'],
      { parseAs: 'string', bodyLimit },
      (_request, body, done) => done(null, body),
    );
    scope.post('/import', {
      schema: {
        tags: ['knowledge'],
        summary:
          'Import items from NDJSON (one item per line: type, title, body, lang, tags, status); all or nothing',
        response: { 201: z.object({ ids: z.array(z.string()), count: z.number() }) },
      },
      handler: async (request, reply) => {
        const type = String(request.headers['content-type'] ?? '');
        if (!/^application\/(x-ndjson|jsonl)/.test(type) || typeof request.body !== 'string') {
          throw new AppError(
            415,
            'import.ndjson_required',
            'Send the items as application/x-ndjson, one JSON object per line.',
          );
        }
        const ids = await request.run((ctx) => importItems(ctx, request.body as string));
        return reply.status(201).send({ ids, count: ids.length });
      },
    });
  });
}
