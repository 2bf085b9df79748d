import type { Database } from '../db/client.js';
import type { AppDeps } from './context.js';
import type { RelaisApp } from './http/relais-app.js';

/** A feature module: its routes, subscriptions and jobs, and its share of the demo company. */
export type RelaisModule = {
  name: string;
  register(app: RelaisApp, deps: AppDeps): Promise<void>;
  /** Adds this module's demo data (run once, in order, on a fresh database). */
  seedDemo?(db: Database, deps: AppDeps, options: DemoOptions): Promise<void>;
};

/** `small` is the test fixture (the fixed accounts and a little data), `full` the demo company. */
export type DemoOptions = { size: 'small' | 'full'; log?: (message: string) => void };
