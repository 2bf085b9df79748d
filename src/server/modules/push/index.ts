import type { RelaisModule } from '../index.js';
import { registerBroadcastRoutes } from './broadcasts.routes.js';
import { deliverBroadcast, runSchedules, sendReminders } from './broadcasts.service.js';
import { guardAction } from './check.service.js';
import { subscribeConcerned } from './concerned.js';
import { deliverNotifications, sendDigests } from './deliver.js';
import { seedPushDemo } from './demo.js';
import { registerFollowRoutes } from './follows.routes.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import { RuleIndex } from './rule-index.js';
import { registerRuleRoutes } from './rules.routes.js';
import { registerPlanRoutes } from './plans.routes.js';
import { searchPushed } from './search.js';

export { checkAction } from './check.service.js';
export { createNotifications, type NotificationSpec } from './notify.js';

/**
 * Push (PUSH-1..7, MGT-5): contextual alert rules checked before actions, notifications to
 * those concerned, broadcasts and seasonal pushes, channels and preferences, change plans.
 */
export const pushModule: RelaisModule = {
  name: 'push',
  async register(app, deps) {
    const index = new RuleIndex(deps.db);
    deps.extensions.set('push.rules', index);
    await index.listen();
    app.addHook('onClose', () => index.stop());
    deps.points.registerActionGuard(guardAction);

    deps.jobs.register('push.deliver', (job, tx) => deliverNotifications(tx, deps, job.payload.notificationIds ?? []));
    deps.jobs.register('push.broadcast', async (job, tx) => void (await deliverBroadcast(tx, deps, job.payload.broadcastId, job.payload.periodKey)));
    deps.jobs.register('push.schedules', async (_job, tx) => void (await runSchedules(tx, deps)));
    deps.jobs.register('push.reminders', async (_job, tx) => void (await sendReminders(tx, deps)));
    deps.jobs.register('push.digest', async (_job, tx) => void (await sendDigests(tx, deps)));
    deps.jobs.schedule({ name: 'push-schedules', queue: 'push.schedules', everyMs: 60_000 });
    deps.jobs.schedule({ name: 'push-reminders', queue: 'push.reminders', dailyAtUtc: '07:30' });
    deps.jobs.schedule({ name: 'push-digest', queue: 'push.digest', dailyAtUtc: '05:30' });
    subscribeConcerned(deps);

    await registerRuleRoutes(app, deps);
    await registerNotificationRoutes(app, deps);
    await registerFollowRoutes(app);
    await registerBroadcastRoutes(app, deps);
    await registerPlanRoutes(app);
    deps.search.register('push', searchPushed);
  },
  async seedDemo(db, deps, options) {
    await seedPushDemo(db, deps, options);
  },
};
