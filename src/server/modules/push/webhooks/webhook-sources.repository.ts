import type { Queryable } from '../../../db/client.js';

/**
 * What push tells webhooks about its records, read under the caller's row-level security
 * (the endpoint's owner): a broadcast without its audience or linked knowledge, an alert
 * acknowledgment without the fields of the action (they may name records the owner cannot see).
 */
export async function findVisibleBroadcast(tx: Queryable, id: string) {
  const [row] = await tx.query<{
    id: string;
    title: string;
    lang: string;
    requires_ack: boolean;
    ack_due: string | null;
    schedule_kind: string;
    author_id: string | null;
    created_at: Date | string;
  }>(
    `select id, title, lang, requires_ack, to_char(ack_due, 'YYYY-MM-DD') as ack_due, schedule_kind, author_id,
            created_at
       from broadcasts where id = $1`,
    [id],
  );
  return row
    ? {
        id: row.id,
        title: row.title,
        lang: row.lang,
        requiresAck: row.requires_ack,
        ackDue: row.ack_due,
        schedule: row.schedule_kind,
        authorId: row.author_id,
        createdAt: new Date(row.created_at).toISOString(),
      }
    : null;
}

export async function findVisibleAck(tx: Queryable, id: string) {
  const [row] = await tx.query<{
    id: string;
    rule_id: string;
    rule_version: number;
    user_id: string;
    action: string;
    acknowledged_at: Date | string;
  }>(`select id, rule_id, rule_version, user_id, action, acknowledged_at from push_acks where id = $1`, [id]);
  return row
    ? {
        id: row.id,
        ruleId: row.rule_id,
        ruleVersion: row.rule_version,
        userId: row.user_id,
        action: row.action,
        acknowledgedAt: new Date(row.acknowledged_at).toISOString(),
      }
    : null;
}
