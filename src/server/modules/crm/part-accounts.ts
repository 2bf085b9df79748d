import type { RelaisApp } from '../../app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../index.js';
import { registerAccountRoutes } from './accounts/accounts.routes.js';
import { searchAccounts } from './accounts/accounts.search.js';
import { seedAccountsDemo } from './accounts/demo.js';
import { registerContactRoutes } from './contacts/contacts.routes.js';
import { searchContacts } from './contacts/contacts.search.js';
import { registerImportRoutes } from './contacts/import.routes.js';
import { registerCustomFieldRoutes } from './custom-fields/custom-fields.routes.js';
import { registerSavedViewRoutes } from './saved-views/saved-views.routes.js';

/** Accounts, contacts, custom fields and saved views (CRM-1, CRM-2, ID-5). */
export async function registerAccountsPart(app: RelaisApp, deps: AppDeps): Promise<void> {
  await registerCustomFieldRoutes(app);
  await registerSavedViewRoutes(app);
  await registerAccountRoutes(app);
  await registerImportRoutes(app, deps);
  await registerContactRoutes(app);
  deps.search.register('account', searchAccounts);
  deps.search.register('contact', searchContacts);
}

export async function seedAccountsPart(db: Database, _deps: AppDeps, options: DemoOptions): Promise<void> {
  await seedAccountsDemo(db, options.size);
}
