import type { RelaisModule } from '../../platform/module.js';
import { feedbackRoutes } from './feedback/feedback.routes.js';
import { gapRoutes } from './gaps/gaps.routes.js';
import { phrasingRoutes } from './phrasings/phrasings.routes.js';
import { answerGaps, purgeOldQuestions } from './gaps/gaps.service.js';
import { importRoutes } from './import/import.routes.js';
import { itemRoutes } from './items/items.routes.js';
import { flagStaleItems } from './items/lifecycle.service.js';
import { pushScheduledItems } from './delivery/push-delivery.js';
import { reviewRoutes } from './review/review.routes.js';
import { knowledgeSearchProvider } from './search/search-provider.js';
import { searchRoutes } from './search/search.routes.js';
import { refreshSearchStats } from './search/search.service.js';
import { forgetContact } from './send/send.repository.js';
import { sendRoutes } from './send/send.routes.js';
import { registerSignals } from './situations/signals.service.js';
import { situationSearchProvider } from './situations/situation-search.js';
import { situationRoutes } from './situations/situations.routes.js';
import { synonymRoutes } from './synonyms/synonyms.routes.js';

export { importItems } from './import/import.service.js';
export { sendCountsOf } from './send/send.service.js';
/** The composition root hands knowledge the CRM's read functions (see crm-reads.ts). */
export { readCrmThrough, type CrmReads } from './crm-reads.js';
export { renderMarkdown, markdownToText } from './markdown/markdown.js';
export { detectLanguage } from './search/lang.js';
export { refreshSearchStats } from './search/search.service.js';
/** For the CRM client brief: knowledge, situations and experts relevant to an account. */
export { expertsOnProducts, knowledgeForAccount, situationsForAccount } from './brief/brief.service.js';

const KNOWLEDGE = '/api/v1/knowledge';

/**
 * Knowledge base (KB-1..8, PUSH-1 delivery mode): items with lifecycle and versions, search,
 * similar cases, customer situations, send to client, feedback, import, knowledge gaps, synonyms. Each feature's routes
 * are a plugin under its prefix (registered in this order, the API document's order).
 * Its SQL names only its own tables: CRM records are read through the CRM's `crmReads`.
 */
export const knowledgeModule: RelaisModule = {
  name: 'knowledge',
  async register(app, deps) {
    await app.register(searchRoutes, { prefix: KNOWLEDGE });
    await app.register(importRoutes, { prefix: KNOWLEDGE, bodyLimit: deps.config.bodyLimitBytes * 20 });
    await app.register(sendRoutes, { prefix: '/api/v1', deps });
    await app.register(reviewRoutes, { prefix: KNOWLEDGE });
    await app.register(itemRoutes, { prefix: KNOWLEDGE, deps });
    await app.register(feedbackRoutes, { prefix: KNOWLEDGE });
    await app.register(gapRoutes, { prefix: KNOWLEDGE });
    await app.register(synonymRoutes, { prefix: KNOWLEDGE });
    await app.register(phrasingRoutes, { prefix: KNOWLEDGE });
    await app.register(situationRoutes, { prefix: '/api/v1' });
    deps.search.register('knowledge', knowledgeSearchProvider);
    deps.search.register('situation', situationSearchProvider);
    registerSignals(deps);
    // A mail to a client names its address and the item: shown to who sees the send.
    deps.mailer.protectRelated('knowledge_send', 'knowledge_sends');
    deps.points.registerContactErasure((ctx, contactId, patterns) =>
      forgetContact(ctx.tx, contactId, patterns),
    );
    deps.jobs.register('knowledge.stale', async (_job, tx) => {
      await flagStaleItems(tx);
    });
    deps.jobs.schedule({ name: 'knowledge-stale', queue: 'knowledge.stale', dailyAtUtc: '04:00' });
    // Push items with a date (PUSH-1): delivered within a minute of it.
    deps.jobs.register('knowledge.push', async (_job, tx) => void (await pushScheduledItems(tx)));
    deps.jobs.schedule({ name: 'knowledge-push', queue: 'knowledge.push', everyMs: 60_000 });
    // KB-8: a published answer to gaps tells those who asked; the question log is kept search_log_days.
    deps.events.subscribe<{ itemId: string }>('knowledge.gaps', 'knowledge.published', (event, tx) =>
      answerGaps(tx, event),
    );
    deps.jobs.register('knowledge.questions-purge', async (_job, tx) => void (await purgeOldQuestions(tx)));
    deps.jobs.schedule({
      name: 'knowledge-questions-purge',
      queue: 'knowledge.questions-purge',
      dailyAtUtc: '03:40',
    });
    deps.jobs.register('knowledge.stats', async (_job, tx) => refreshSearchStats(tx));
    deps.jobs.schedule({ name: 'knowledge-stats', queue: 'knowledge.stats', everyMs: 15 * 60_000 });
  },
  async seedDemo(db, deps, options) {
    // Demo data (and what builds it) loads only when a demo is seeded, not on every start.
    const { seedKnowledgeDemo } = await import('./demo/demo.js');
    await seedKnowledgeDemo(db, deps, options);
  },
};
/** What push reads of knowledge items and situations (linked knowledge, who is concerned, follows). */
export { knowledgePushSource } from './delivery/push-sources.js';
