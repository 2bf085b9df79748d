import type { AppDeps } from '../../../platform/context.js';
import type { RelaisApp } from '../../../platform/http/relais-app.js';
import { timelineRoutes } from './timeline.routes.js';

/** The account timeline (CRM-6): providers and the route, as the CRM's sales part registers them. */
export { accountOr404, registerTimelineProviders } from './timeline.service.js';

export async function registerTimelineRoutes(app: RelaisApp, deps: AppDeps) {
  await app.register(timelineRoutes, { prefix: '/api/v1', deps });
}
