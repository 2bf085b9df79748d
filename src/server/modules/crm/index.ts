import type { RelaisModule } from '../../platform/module.js';
import { logEmailActivity } from './activities/activities.service.js';
import { CRM_ACTIONS } from './actions/actions.js';
import { registerAccountsPart, seedAccountsPart } from './part-accounts.js';
import { registerSalesPart, seedSalesPart } from './part-sales.js';

/**
 * CRM (CRM-1..10): accounts, contacts, custom fields and saved views (part-accounts);
 * products, offers, activities, documents, timeline, brief, calendar, dashboards (part-sales).
 */
export const crmModule: RelaisModule = {
  name: 'crm',
  async register(app, deps) {
    // Every CRM write a push rule may watch, with how its fields are completed (PUSH-2).
    deps.points.registerActions(CRM_ACTIONS);
    // Mails to clients (knowledge, product sheets) are logged by the activities service.
    deps.points.registerClientEmailLogger(logEmailActivity);
    await registerAccountsPart(app, deps);
    await registerSalesPart(app, deps);
  },
  async seedDemo(db, deps, options) {
    await seedAccountsPart(db, deps, options);
    await seedSalesPart(db, deps, options);
  },
};
/** What push reads of CRM records (audiences, who is concerned, follows). */
export { crmPushSource } from './actions/push-sources.js';

/** Read functions (and attached files) other modules use instead of naming CRM tables. */
export { crmReads } from './lookups/reads.js';
