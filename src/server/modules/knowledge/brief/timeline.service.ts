import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { TimelineEntry, TimelineProvider } from '../../../platform/extension-points.js';
import { crm } from '../crm-reads.js';
import { linkedActivityIds } from '../search/search.repository.js';
import { timelineRows } from './brief.repository.js';

/**
 * Knowledge's entries in an account's timeline (CRM-6), contributed through the timeline
 * extension point: knowledge sent to, used with, or linked to the account.
 */
export const knowledgeTimeline: TimelineProvider = async (ctx, accountId, options) => {
  const rows = await timelineRows(
    ctx.tx,
    accountId,
    // The activities an answer was used in (few), those of this account: not all its activities.
    await crm().activityIdsOfAccount(ctx.tx, accountId, await linkedActivityIds(ctx.tx)),
    options,
  );
  noteSecretRows(
    'knowledge',
    rows
      .filter((row) => row.item_id)
      .map((row) => ({ id: row.item_id!, visibility: row.item_visibility, ownerId: row.item_owner })),
    'timeline',
  );
  return rows.map((row): TimelineEntry => ({
    type: 'knowledge',
    id: row.key,
    at: row.at,
    title: row.title,
    summary:
      row.how === 'sent'
        ? `Sent to the client · opened ${row.open_count}× · clicked ${row.click_count}×`
        : row.how === 'used'
          ? 'Answer used'
          : `Situation ${row.how.split(':')[1]}`,
    url: row.item_id ? `/knowledge/${row.item_id}` : '/knowledge/situations',
    actorName: row.actor,
    meta: { how: row.how, itemId: row.item_id, openCount: row.open_count, clickCount: row.click_count },
  }));
};
