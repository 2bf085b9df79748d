import type { RelaisModule } from '../index.js';
import { registerAccountsPart, seedAccountsPart } from './part-accounts.js';
import { registerSalesPart, seedSalesPart } from './part-sales.js';

/**
 * CRM (CRM-1..10): accounts, contacts, custom fields and saved views (part-accounts);
 * products, offers, activities, documents, timeline, brief, calendar, dashboards (part-sales).
 */
export const crmModule: RelaisModule = {
  name: 'crm',
  async register(app, deps) {
    await registerAccountsPart(app, deps);
    await registerSalesPart(app, deps);
  },
  async seedDemo(db, deps, options) {
    await seedAccountsPart(db, deps, options);
    await seedSalesPart(db, deps, options);
  },
};
