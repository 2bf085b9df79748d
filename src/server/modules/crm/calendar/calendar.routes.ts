import { z } from 'zod';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { AppDeps } from '../../../platform/context.js';
import { createFeedUrl, feedCalendar, feedStatus, stopFeed } from './calendar.service.js';

const tags = ['calendar'];

/** CRM-10: a subscribable iCalendar feed per user of their visits and tasks, at a secret URL. */
export async function calendarRoutes(app: RelaisApp, { deps }: { deps: AppDeps }) {
  app.post('/token', {
    schema: {
      tags,
      summary: 'Create or rotate my calendar feed URL (the old one stops working)',
      response: { 200: z.object({ url: z.string() }) },
    },
    handler: async (request) => request.run((ctx) => createFeedUrl(ctx)),
  });
  app.get('/token', {
    schema: {
      tags,
      summary: 'Whether I have a calendar feed (the URL itself is only shown when created)',
      response: { 200: z.object({ active: z.boolean(), createdAt: z.string().nullable() }) },
    },
    handler: async (request) => request.run((ctx) => feedStatus(ctx)),
  });
  app.delete('/token', {
    schema: { tags, summary: 'Stop my calendar feed', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await request.run((ctx) => stopFeed(ctx));
      return reply.status(204).send(null);
    },
  });

  app.get('/:file', {
    config: { public: true },
    schema: {
      tags,
      summary: 'The feed (public: the token in the URL is the credential)',
      params: z.object({ file: z.string().regex(/^cal_[A-Za-z0-9_-]{20,64}\.ics$/) }),
    },
    handler: async (request, reply) => {
      const calendar = await feedCalendar(deps, request.params.file.slice(0, -4));
      reply.header('content-type', 'text/calendar; charset=utf-8');
      reply.header('cache-control', 'private, max-age=300');
      return reply.send(calendar);
    },
  });
}
