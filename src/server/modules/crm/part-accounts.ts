import type { RelaisApp } from '../../app.js';
import type { Database } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DemoOptions } from '../index.js';

export async function registerAccountsPart(_app: RelaisApp, _deps: AppDeps): Promise<void> {}

export async function seedAccountsPart(_db: Database, _deps: AppDeps, _options: DemoOptions): Promise<void> {}
