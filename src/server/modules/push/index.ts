import type { RelaisModule } from '../../platform/module.js';
import { broadcastRoutes } from './broadcasts/broadcasts.routes.js';
import { loadActions } from './rules/catalogue.js';
import { deliverBroadcast, runSchedules, sendReminders } from './broadcasts/broadcasts.service.js';
import { guardAction } from './check/check.service.js';
import { subscribeConcerned } from './concerned/concerned.js';
import { subscribeLifecycleNotices } from './concerned/lifecycle-notices.js';
import { subscribeKnowledgeDelivery } from './concerned/knowledge-delivery.js';
import { deliverNotifications, sendDigests } from './delivery/deliver.js';
import { followRoutes } from './follows/follows.routes.js';
import { forMeRoutes } from './for-me/for-me.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { preferenceRoutes } from './preferences/preferences.routes.js';
import { serviceWorkerRoute, webPushRoutes } from './delivery/webpush.routes.js';
import { RuleIndex } from './rules/rule-index.js';
import { ruleRoutes } from './rules/rules.routes.js';
import { planRoutes } from './plans/plans.routes.js';
import { searchPushed } from './notifications/search.js';
import { NO_SOURCES, type PushSources } from './shared/push-sources.js';
import { pushStateOf } from './shared/push-state.js';

export { checkAction } from './check/check.service.js';
export { createNotifications, type NotificationSpec } from './notifications/notify.js';
/** For modules whose content is pushed to an audience (knowledge `push` items): checked and narrowed like a broadcast's. */
export { scopeAudience, type Audience } from './broadcasts/broadcasts.service.js';
/** What push reads of other modules' records: the composition root hands their sources to `createPushModule`. */
export type { CrmPushSource, KnowledgePushSource, PushSources } from './shared/push-sources.js';

/**
 * Push (PUSH-1..7, MGT-5): contextual alert rules checked before actions, notifications to
 * those concerned, broadcasts and seasonal pushes, channels and preferences, change plans.
 */
/** The one place push names its API's root. */
const API = '/api/v1';

export const createPushModule = (sources: PushSources = NO_SOURCES): RelaisModule => ({
  name: 'push',
  async register(app, deps) {
    pushStateOf(deps).sources = sources;
    const index = new RuleIndex(deps.db, { catalogue: (via) => loadActions(via, deps.points) });
    pushStateOf(deps).rules = index;
    await index.listen();
    app.addHook('onClose', () => index.stop());
    deps.points.registerActionGuard(guardAction);

    deps.jobs.register<{ notificationIds?: string[] }>('push.deliver', (job, tx) =>
      deliverNotifications(tx, deps, job.payload.notificationIds ?? []),
    );
    deps.jobs.register<{ broadcastId: string; periodKey: string }>(
      'push.broadcast',
      async (job, tx) =>
        void (await deliverBroadcast(tx, deps, job.payload.broadcastId, job.payload.periodKey)),
    );
    deps.jobs.register('push.schedules', async (_job, tx) => void (await runSchedules(tx, deps)));
    deps.jobs.register('push.reminders', async (_job, tx) => void (await sendReminders(tx, deps)));
    deps.jobs.register('push.digest', async (_job, tx) => void (await sendDigests(tx, deps)));
    deps.jobs.schedule({ name: 'push-schedules', queue: 'push.schedules', everyMs: 60_000 });
    deps.jobs.schedule({ name: 'push-reminders', queue: 'push.reminders', dailyAtUtc: '07:30' });
    deps.jobs.schedule({ name: 'push-digest', queue: 'push.digest', dailyAtUtc: '05:30' });
    subscribeConcerned(deps);
    subscribeLifecycleNotices(deps);
    subscribeKnowledgeDelivery(deps);

    // Each feature's routes are a plugin under its prefix (in this order: the OpenAPI document's).
    await app.register(ruleRoutes, { prefix: `${API}/push`, deps });
    await app.register(notificationRoutes, { prefix: `${API}/notifications` });
    await app.register(preferenceRoutes, { prefix: `${API}/notifications/preferences` });
    await app.register(serviceWorkerRoute);
    await app.register(webPushRoutes, { prefix: `${API}/push`, deps });
    await app.register(followRoutes, { prefix: `${API}/follows` });
    await app.register(broadcastRoutes, { prefix: `${API}/broadcasts` });
    await app.register(planRoutes, { prefix: `${API}/change-plans` });
    await app.register(forMeRoutes, { prefix: `${API}/push` });
    deps.search.register('push', searchPushed);
  },
  async seedDemo(db, deps, options) {
    // Demo data (and what builds it) loads only when a demo is seeded, not on every start.
    const { seedPushDemo } = await import('./demo/demo.js');
    await seedPushDemo(db, deps, options);
  },
});

/** Push's records as webhooks describe them, read under the caller's row-level security. */
export { findVisibleAck, findVisibleBroadcast } from './webhooks/webhook-sources.repository.js';
