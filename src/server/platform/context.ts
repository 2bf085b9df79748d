import type { LookupAddress } from 'node:dns';
import type { Config } from '../config.js';
import type { Actor } from '../db/access.js';
import type { Database, Queryable } from '../db/client.js';
import type { EventBus } from './events.js';
import type { CredentialsCache } from './http/credentials-cache.js';
import type { ExtensionRegistry } from './extension-points-core.js';
import type { JobRunner } from './jobs.js';
import type { Mailer } from './mailer.js';
import type { SearchRegistryOf } from './search-registry-core.js';
import type { SseHub } from './sse-hub.js';

/** Everything long-lived the app is made of; built once by `createDeps`, shared by modules. */
export type AppDeps = {
  config: Config;
  db: Database;
  jobs: JobRunner;
  events: EventBus;
  sse: SseHub;
  mailer: Mailer;
  search: SearchRegistryOf<Ctx>;
  /** Timeline, brief and action-guard contributions between modules. */
  points: ExtensionRegistry<Ctx>;
  /** "Now" for rules, schedules and reminders; tests replace it to travel in time. */
  clock: () => Date;
  /** Resolved sessions and tokens; `forget()` makes a change of user, session or token count at once. */
  credentials: CredentialsCache;
  /** How outgoing calls resolve host names (DNS when unset; tests give their own). */
  resolveHost?: (hostname: string) => Promise<LookupAddress[]>;
  /** Every route the app registered (method and URL), so a test can compare them with the OpenAPI document. */
  routes: { method: string; url: string }[];
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
