import type { Queryable } from '../../../db/client.js';
import { idsVisibleTo } from '../../../platform/visibility.js';
import {
  findAccountsInSituations,
  findItemFacts,
  findSituationName,
  findSituationsOfItem,
  findVisibleItems,
} from './push-sources.repository.js';

/**
 * What knowledge tells the push module about its items and situations (linked knowledge of rules
 * and broadcasts, who is concerned by a change, what may be followed). Handed to push by the
 * composition root (`modules/index.ts`).
 */
export const knowledgePushSource = {
  visibleKnowledge: findVisibleItems,
  knowledgeVisibleTo: async (tx: Queryable, userId: string, itemId: string) =>
    (await idsVisibleTo(tx, userId, 'knowledge_items', [itemId])).length > 0,
  knowledgeItemFacts: async (tx: Queryable, itemId: string) => {
    const row = await findItemFacts(tx, itemId);
    return (
      row && {
        id: row.id,
        type: row.type,
        status: row.status,
        title: row.title,
        tags: row.tags,
        accountIds: row.account_ids,
      }
    );
  },
  situationsOfItem: findSituationsOfItem,
  accountsInSituations: findAccountsInSituations,
  situationName: findSituationName,
  situationExists: async (tx: Queryable, situationId: string) =>
    (await findSituationName(tx, situationId)) !== null,
  knowledgeExists: async (tx: Queryable, itemId: string) => (await findItemFacts(tx, itemId)) !== null,
};
