import type { RelaisApp } from '../../platform/http/relais-app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../../platform/module.js';
import { accountRoutes } from './accounts/accounts.routes.js';
import { searchAccounts } from './accounts/accounts.search.js';
import { contactRoutes } from './contacts/contacts.routes.js';
import { searchContacts } from './contacts/contacts.search.js';
import { contactImportRoutes } from './contacts/import.routes.js';
import { customFieldRoutes } from './custom-fields/custom-fields.routes.js';
import { savedViewRoutes } from './saved-views/saved-views.routes.js';

/** Accounts, contacts, custom fields and saved views (CRM-1, CRM-2, ID-5); each feature under its prefix. */
export async function registerAccountsPart(app: RelaisApp, deps: AppDeps): Promise<void> {
  await app.register(customFieldRoutes, { prefix: '/api/v1/custom-fields' });
  await app.register(savedViewRoutes, { prefix: '/api/v1/saved-views' });
  await app.register(accountRoutes, { prefix: '/api/v1/accounts' });
  await app.register(contactImportRoutes, { prefix: '/api/v1/contacts', deps });
  await app.register(contactRoutes, { prefix: '/api/v1/contacts' });
  deps.search.register('account', searchAccounts);
  deps.search.register('contact', searchContacts);
}

export async function seedAccountsPart(db: Database, _deps: AppDeps, options: DemoOptions): Promise<void> {
  const { seedAccountsDemo } = await import('./accounts/demo.js');
  await seedAccountsDemo(db, options.size);
}
