import type { AppDeps } from '../../../platform/context.js';
import type { RelaisPlugin } from '../../../platform/http/relais-app.js';

const HEARTBEAT_MS = 25_000;

/** GET /api/v1/events/stream: the signed-in user's events, live (Server-Sent Events); registered under `/api/v1/events`. */
export const eventsRoutes: RelaisPlugin<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/stream', {
    schema: { tags: ['system'], summary: 'Server-Sent Events: my events in real time (text/event-stream)' },
    handler: async (request, reply) => {
      const userId = request.actor!.userId;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      const remove = deps.sse.add({
        userId,
        send: (event) => {
          raw.write(
            `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ id: event.id, type: event.type, payload: event.payload, createdAt: event.createdAt })}\n\n`,
          );
        },
      });
      const heartbeat = setInterval(() => raw.write(`: keep-alive\n\n`), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        remove();
      });
    },
  });
};
