import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';

/**
 * Unknown query parameters answer 400 on every API route (API-1), decided once here rather
 * than in each schema: a misspelt filter (`?contactId=` where the route knows no such filter)
 * must never silently return everything. A route without a query schema accepts none.
 *
 * Works on the Zod schemas routes declare (`z.object` → `.strict()`); a query schema of another
 * kind is left as it is and reported, so the API conventions test points at it.
 */
export function installStrictQueries(app: FastifyInstance, options: { prefix: string }) {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith(options.prefix)) return;
    const schema = (route.schema ??= {}) as { querystring?: unknown };
    schema.querystring = strictQuery(
      schema.querystring,
      `${[route.method].flat().join(',')} ${route.url}`,
      app,
    );
  });
}

function strictQuery(query: unknown, where: string, app: FastifyInstance): unknown {
  if (query === undefined) return z.strictObject({});
  if (query instanceof z.ZodObject) return query.strict();
  app.log.warn({ route: where }, 'query schema is not a Zod object: unknown parameters are not refused');
  return query;
}
