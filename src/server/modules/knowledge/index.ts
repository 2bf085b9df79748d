import type { RelaisModule } from '../index.js';
import { registerFeedbackRoutes } from './feedback.routes.js';
import { registerImportRoutes } from './import.routes.js';
import { registerItemRoutes } from './items.routes.js';
import { flagStaleItems } from './lifecycle.service.js';
import { refreshSearchStats } from './search.service.js';
import { knowledgeSearchProvider, registerSearchRoutes } from './search.routes.js';
import { registerSendRoutes } from './send.routes.js';
import { registerSignals } from './signals.js';
import { registerSituationRoutes, situationSearchProvider } from './situations.routes.js';
import { seedKnowledgeDemo } from './demo.js';

export { importItems } from './import.service.js';
export { renderMarkdown, markdownToText } from './markdown.js';
export { detectLanguage } from './lang.js';
export { refreshSearchStats } from './search.service.js';

/**
 * Knowledge base (KB-1..7, PUSH-1 delivery mode): items with lifecycle and versions, search,
 * similar cases, customer situations, send to client, feedback, import.
 * Tables others may read: knowledge_items, situations, account_situations, knowledge_sends.
 */
export const knowledgeModule: RelaisModule = {
  name: 'knowledge',
  async register(app, deps) {
    await registerSearchRoutes(app, deps);
    await registerImportRoutes(app, deps.config.bodyLimitBytes * 20);
    await registerSendRoutes(app, deps);
    await registerItemRoutes(app, deps);
    await registerFeedbackRoutes(app);
    await registerSituationRoutes(app);
    deps.search.register('knowledge', knowledgeSearchProvider);
    deps.search.register('situation', situationSearchProvider);
    registerSignals(deps);
    deps.jobs.register('knowledge.stale', async (_job, tx) => {
      await flagStaleItems(tx);
    });
    deps.jobs.schedule({ name: 'knowledge-stale', queue: 'knowledge.stale', dailyAtUtc: '04:00' });
    deps.jobs.register('knowledge.stats', async (_job, tx) => refreshSearchStats(tx));
    deps.jobs.schedule({ name: 'knowledge-stats', queue: 'knowledge.stats', everyMs: 15 * 60_000 });
  },
  async seedDemo(db, deps, options) {
    await seedKnowledgeDemo(db, deps, options);
  },
};
