import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { modules } from './modules/index.js';
import { createAuthenticator } from './modules/identity/index.js';
import type { AppDeps } from './platform/context.js';
import { EventBus } from './platform/events.js';
import { ExtensionPoints } from './platform/extension-points.js';
import { installAuth } from './platform/http/auth.js';
import { addProblemResponses } from './platform/http/openapi.js';
import { frameworkErrorHandler, registerProblemHandlers } from './platform/http/problem.js';
import { installInputGuard } from './platform/http/input-guard.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { installStrictQueries } from './platform/http/strict-query.js';
import { JobRunner } from './platform/jobs.js';
import { Mailer } from './platform/mailer.js';
import { SearchRegistry } from './platform/search-registry.js';
import { CredentialsCache } from './platform/http/credentials-cache.js';
import { SseHub } from './platform/sse-hub.js';

import type { RelaisApp } from './platform/http/relais-app.js';
export type { RelaisApp };
const WEB_DIST = path.join(PROJECT_ROOT, 'dist/web');

/** Builds the long-lived services around an open, migrated database. */
export function createDeps(config: Config, db: Database): AppDeps {
  const jobs = new JobRunner(db);
  return {
    config,
    db,
    jobs,
    events: new EventBus(db, jobs),
    sse: new SseHub(db),
    mailer: new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
    search: new SearchRegistry(),
    points: new ExtensionPoints(),
    // Read at each use (`deps.clock()`), so a test may replace it to travel in time.
    clock: () => new Date(),
    credentials: new CredentialsCache(),
    routes: [],
  };
}

/** The composition root: one Fastify app with every module; tests call it with their own deps. */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; webDist?: string } = {},
): Promise<RelaisApp> {
  const webDist = options.webDist ?? WEB_DIST;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: true } },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>() as unknown as RelaisApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await installSecurityHeaders(app, deps.config);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Relais API',
        version: deps.config.version,
        description: 'Knowledge and customer relationship for sales forces.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Personal API token (POST /api/v1/me/tokens).',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'relais_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // The app declares `openapi` above, so the document is OpenAPI 3 (never Swagger 2).
    transformObject: (documentObject) =>
      'openapiObject' in documentObject
        ? addProblemResponses(documentObject.openapiObject)
        : documentObject.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  const webIndexExists = existsSync(path.join(webDist, 'index.html'));
  const sendApp = (reply: FastifyReply) =>
    reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  registerProblemHandlers(app, {
    // Client-side routes get the app; a missing asset is a real 404 (never HTML as JavaScript).
    notFound: webIndexExists
      ? (request, reply) =>
          request.method === 'GET' && !path.extname(request.url.split('?')[0])
            ? sendApp(reply)
            : reply.status(404).type('text/plain').send('Not found')
      : undefined,
  });
  if (webIndexExists) {
    // wildcard: files are looked up per request, so a rebuild is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: false,
      // @fastify/static passes the reply here (not the raw response).
      setHeaders: (reply: FastifyReply, filePath: string) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    // The root is a client route like any other (the static wildcard would answer 403 for a folder).
    app.get('/', { schema: { hide: true } }, (_request, reply) => sendApp(reply));
  }

  installAuth(app, deps, createAuthenticator(deps));
  installInputGuard(app);
  // Kept so a test can prove that every route is in the OpenAPI document.
  deps.routes.length = 0;
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') deps.routes.push({ method, url: route.url });
  });
  installStrictQueries(app, { prefix: '/api/v1/' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const module of modules) await module.register(app, deps);
  return app;
}
