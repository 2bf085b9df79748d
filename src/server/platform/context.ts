import type { Config } from '../config.js';
import type { Actor } from '../db/access.js';
import type { Database, Queryable } from '../db/client.js';
import type { EventBus } from './events.js';
import type { ExtensionPoints } from './extension-points.js';
import type { JobRunner } from './jobs.js';
import type { Mailer } from './mailer.js';
import type { SearchRegistry } from './search-registry.js';
import type { SseHub } from './sse-hub.js';

/** Everything long-lived the app is made of; built once by `createDeps`, shared by modules. */
export type AppDeps = {
  config: Config;
  db: Database;
  jobs: JobRunner;
  events: EventBus;
  sse: SseHub;
  mailer: Mailer;
  search: SearchRegistry;
  /** Timeline, brief and action-guard contributions between modules. */
  points: ExtensionPoints;
  /** Free slots for modules to share services without importing each other's internals. */
  extensions: Map<string, unknown>;
};

/**
 * What a service function receives first: who acts, the transaction it runs in (already
 * under row-level security for that actor), and the request's metadata.
 */
export type Ctx = {
  actor: Actor;
  tx: Queryable;
  deps: AppDeps;
  requestId: string;
  ip?: string;
  locale: 'fr' | 'en';
};
