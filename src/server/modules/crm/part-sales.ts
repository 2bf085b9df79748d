import type { RelaisApp } from '../../app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../index.js';
import { registerActivityRoutes } from './activities/activities.routes.js';
import { registerBriefRoutes } from './brief/brief.routes.js';
import { registerCalendarRoutes } from './calendar/calendar.routes.js';
import { registerDashboardRoutes } from './dashboards/dashboards.routes.js';
import { seedSales } from './dashboards/seed.js';
import { registerDocumentRoutes } from './documents/documents.routes.js';
import { registerOfferRoutes } from './offers/offers.routes.js';
import { registerProductRoutes } from './products/products.routes.js';
import { registerTimelineProviders, registerTimelineRoutes } from './timeline/timeline.js';

/** Products, offers, activities, documents, timeline, brief, calendar and dashboards (CRM-3..10). */
export async function registerSalesPart(app: RelaisApp, deps: AppDeps): Promise<void> {
  await registerProductRoutes(app);
  await registerOfferRoutes(app, deps);
  await registerActivityRoutes(app);
  await registerDocumentRoutes(app, deps);
  registerTimelineProviders(deps);
  await registerTimelineRoutes(app, deps);
  await registerBriefRoutes(app);
  await registerCalendarRoutes(app, deps);
  await registerDashboardRoutes(app);
}

export async function seedSalesPart(db: Database, deps: AppDeps, options: DemoOptions): Promise<void> {
  await seedSales(db, deps, options);
}
