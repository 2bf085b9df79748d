import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/**
 * The Fastify instance with Zod typing of params, query, body and responses. It lives apart
 * from `app.ts` so that routes can name it without importing the file that imports them.
 */
export type RelaisApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A group of routes registered as a Fastify plugin under its prefix
 * (`app.register(spacesRoutes, { prefix: '/api/v1/community/spaces' })`), with Zod typing.
 */
export type RelaisPlugin<Options extends Record<string, unknown> = Record<never, never>> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  ZodTypeProvider,
  FastifyBaseLogger
>;
