import type { RelaisApp } from '../app.js';
import type { Database } from '../db/client.js';
import type { AppDeps } from '../platform/context.js';
import { crmModule } from './crm/index.js';
import { identityModule } from './identity/index.js';
import { knowledgeModule } from './knowledge/index.js';
import { pushModule } from './push/index.js';
import { systemModule } from './system/index.js';

/** A feature module: its routes, subscriptions and jobs, and its share of the demo company. */
export type RelaisModule = {
  name: string;
  register(app: RelaisApp, deps: AppDeps): Promise<void>;
  /** Adds this module's demo data (run once, in order, on a fresh database). */
  seedDemo?(db: Database, deps: AppDeps, options: DemoOptions): Promise<void>;
};

/** `small` is the test fixture (the fixed accounts and a little data), `full` the demo company. */
export type DemoOptions = { size: 'small' | 'full'; log?: (message: string) => void };

/** Registration order matters only for seeding: later modules use earlier modules' data. */
export const modules: RelaisModule[] = [systemModule, identityModule, crmModule, knowledgeModule, pushModule];
