import type { Database } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import type { DemoOptions } from '../../index.js';

export async function seedSales(_db: Database, _deps: AppDeps, _options: DemoOptions) {}
