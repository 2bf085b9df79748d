import type { RelaisModule } from '../../platform/module.js';
import {
  attemptDelivery,
  DELIVER_QUEUE,
  planDeliveries,
  type WebhookSources,
} from './deliveries/deliveries.service.js';
import { webhooksRoutes } from './webhooks.routes.js';

export type { WebhookRecordReader, WebhookSources } from './deliveries/deliveries.service.js';
export { WEBHOOK_EVENT_TYPES } from './catalogue.js';

/**
 * Outgoing webhooks (09xx migrations, API-2): admins register endpoints; each outbox event an
 * endpoint subscribed to is read as the endpoint's owner through `sources` (the modules owning
 * the records hand them over in modules/index.ts), signed per Standard Webhooks and delivered
 * by the job runner with retries, a log and automatic disabling.
 */
export function createWebhooksModule(sources: WebhookSources): RelaisModule {
  return {
    name: 'webhooks',
    async register(app, deps) {
      await app.register(webhooksRoutes, { prefix: '/api/v1/webhooks' });
      // Only the families the catalogue maps, so that other events cost no job.
      for (const family of ['account', 'contact', 'offer', 'activity', 'knowledge', 'broadcast', 'alert'])
        deps.events.subscribe(`webhooks.${family}`, `${family}.*`, (event, tx) =>
          planDeliveries(deps, sources, event, tx),
        );
      deps.jobs.register(DELIVER_QUEUE, (job, tx) =>
        attemptDelivery(deps, String(job.payload.deliveryId), tx),
      );
    },
  };
}
