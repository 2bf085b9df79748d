import type { RelaisModule } from '../../platform/module.js';
import { eventsRoutes } from './events/events.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { outboxRoutes } from './outbox/outbox.routes.js';
import { searchRoutes } from './search/search.routes.js';

/** Health, the global search (Ctrl+K), the real-time event stream, and the mail outbox. */
export const systemModule: RelaisModule = {
  name: 'system',
  async register(app, deps) {
    await app.register(healthRoutes, { prefix: '/api/v1/health', deps });
    await app.register(searchRoutes, { prefix: '/api/v1/search', deps });
    await app.register(eventsRoutes, { prefix: '/api/v1/events', deps });
    await app.register(outboxRoutes, { prefix: '/api/v1/admin/outbox' });
  },
};
