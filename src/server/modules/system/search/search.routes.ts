import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';
import { searchPageSchema, searchQuerySchema } from './search.schemas.js';
import { parseSearchTypes, searchEverything } from './search.service.js';

/** The global search (Ctrl+K), registered under `/api/v1/search`. */
export const searchRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('', {
    schema: {
      tags: ['system'],
      summary:
        'Global search across every record type the user may see, best first; `total` counts the hits found among the best of each type (`totalIsExact` false when a type had more)',
      querystring: searchQuerySchema,
      response: { 200: searchPageSchema },
    },
    handler: async (request) => {
      // Checked before the transaction opens, as a bad query needs no database.
      const types = parseSearchTypes({ deps }, request.query.types);
      return request.run((ctx) => searchEverything(ctx, request.query, types));
    },
  });
};
