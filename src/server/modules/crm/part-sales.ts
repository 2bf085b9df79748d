import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../../platform/module.js';
import { activityRoutes } from './activities/activities.routes.js';
import { agendaRoutes } from './activities/agenda.routes.js';
import { briefRoutes } from './brief/brief.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { dashboardRoutes } from './dashboards/dashboards.routes.js';
import { teamDashboardRoutes } from './dashboards/team.routes.js';
import { documentRoutes } from './documents/documents.routes.js';
import { offerRoutes, offerStageRoutes } from './offers/offers.routes.js';
import { productRoutes, registerProductSearch } from './products/products.routes.js';
import { registerTimelineProviders, registerTimelineRoutes } from './timeline/timeline.js';

/** Products, offers, activities, documents, timeline, brief, calendar and dashboards (CRM-3..10). */
export async function registerSalesPart(app: RelaisApp, deps: AppDeps): Promise<void> {
  await app.register(productRoutes, { prefix: '/api/v1/products' });
  registerProductSearch(deps);
  await app.register(offerStageRoutes, { prefix: '/api/v1/offer-stages' });
  await app.register(offerRoutes, { prefix: '/api/v1/offers', deps });
  await app.register(activityRoutes, { prefix: '/api/v1/activities' });
  await app.register(agendaRoutes, { prefix: '/api/v1/agenda' });
  await app.register(documentRoutes, { prefix: '/api/v1/documents', deps });
  registerTimelineProviders(deps);
  await registerTimelineRoutes(app, deps);
  await app.register(briefRoutes, { prefix: '/api/v1/accounts' });
  await app.register(calendarRoutes, { prefix: '/api/v1/calendar', deps });
  await app.register(teamDashboardRoutes, { prefix: '/api/v1/dashboards' });
  await app.register(dashboardRoutes, { prefix: '/api/v1/dashboards' });
}

export async function seedSalesPart(db: Database, deps: AppDeps, options: DemoOptions): Promise<void> {
  // Demo data (and pdf-lib, which draws its documents) loads only when a demo is seeded.
  const { seedSales } = await import('./dashboards/seed.js');
  await seedSales(db, deps, options);
}
