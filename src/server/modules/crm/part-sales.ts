import type { RelaisApp } from '../../app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../index.js';

export async function registerSalesPart(_app: RelaisApp, _deps: AppDeps): Promise<void> {}

export async function seedSalesPart(_db: Database, _deps: AppDeps, _options: DemoOptions): Promise<void> {}
