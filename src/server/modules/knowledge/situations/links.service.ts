import type { Queryable } from '../../../db/client.js';
import { crm } from '../crm-reads.js';
import type { LinkRow } from './situations.repository.js';

const SOURCE = /^(activity|contact):([0-9a-f-]{36})$/;

/**
 * Issue 10.2: what a situation link shows of the records it names, as the CRM shows them to the
 * reader. A contact the reader may not see gives no id; a suggestion made from a hidden activity
 * or contact keeps only the kind of its source (not its id) and no reason (which quotes the
 * activity's subject).
 */
export async function presentLinks(tx: Queryable, rows: LinkRow[]) {
  const sources = rows.map((row) => SOURCE.exec(row.source));
  const contactIds = new Set<string>();
  const activityIds = new Set<string>();
  for (const row of rows) if (row.contact_id) contactIds.add(row.contact_id);
  for (const source of sources)
    if (source) (source[1] === 'activity' ? activityIds : contactIds).add(source[2]);
  const visibleContacts = new Set((await crm().contactsByIds(tx, [...contactIds])).map((c) => c.id));
  const visibleActivities = new Set((await crm().activitiesByIds(tx, [...activityIds])).map((a) => a.id));
  return rows.map((row, index) => {
    const source = sources[index];
    const hidden = source
      ? !(source[1] === 'activity' ? visibleActivities : visibleContacts).has(source[2])
      : false;
    return {
      id: row.id,
      accountId: row.account_id,
      contactId: row.contact_id && visibleContacts.has(row.contact_id) ? row.contact_id : null,
      situationId: row.situation_id,
      situationName: row.name,
      status: row.status,
      source: hidden ? row.source.split(':')[0] : row.source,
      reason: hidden ? null : row.reason,
      createdAt: row.created_at,
      decidedAt: row.decided_at,
    };
  });
}
