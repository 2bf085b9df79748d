import type { Queryable } from '../../../db/client.js';

/** SQL of "for me" (PUSH-1): reads `notifications`, `broadcasts`, `broadcast_recipients`, `push_acks`. */

export type PushedKnowledgeRow = {
  id: string;
  at: string;
  reason: string | null;
  broadcast_title: string | null;
  read: boolean;
};

export type MyBroadcastRow = {
  id: string;
  title: string;
  requires_ack: boolean;
  ack_due: string | null;
  read_at: string | null;
  acked_at: string | null;
  received_at: string;
  author_name: string | null;
};

/**
 * Knowledge pushed to a user, newest first, once per item: by a notification about it, or
 * linked from a broadcast they received. The items themselves are not read here.
 */
export async function findPushedKnowledge(tx: Queryable, userId: string): Promise<PushedKnowledgeRow[]> {
  return tx.query<PushedKnowledgeRow>(
    `with pushed as (
       select n.source_id::uuid as id, n.created_at as at, n.reason, null::text as broadcast_title, n.read_at is not null as read
         from notifications n
        where n.user_id = $1 and n.source_type = 'knowledge' and n.source_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       union all
       select unnest(b.knowledge_ids), coalesce(n.created_at, b.created_at), null, b.title, r.read_at is not null
         from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id left join notifications n on n.id = r.notification_id
        where r.user_id = $1)
     select p.id, p.at, p.reason, p.broadcast_title, p.read
       from (select distinct on (id) * from pushed order by id, at desc) p
      order by p.at desc`,
    [userId],
  );
}

/** Broadcasts addressed to a user, each with their latest receipt (latest period). */
export async function findMyBroadcasts(tx: Queryable, userId: string): Promise<MyBroadcastRow[]> {
  return tx.query<MyBroadcastRow>(
    `select distinct on (b.id) b.id, b.title, b.requires_ack, b.ack_due, r.read_at, r.acked_at, coalesce(n.created_at, b.created_at) as received_at,
            nullif(trim(u.first_name || ' ' || u.last_name), '') as author_name
       from broadcast_recipients r join broadcasts b on b.id = r.broadcast_id
       left join notifications n on n.id = r.notification_id left join users u on u.id = b.author_id
      where r.user_id = $1 order by b.id, r.period_key desc`,
    [userId],
  );
}

/** When a user last acknowledged each rule's alert. */
export async function findLastAcks(
  tx: Queryable,
  userId: string,
): Promise<{ rule_id: string; at: string }[]> {
  return tx.query<{ rule_id: string; at: string }>(
    `select rule_id, max(acknowledged_at) as at from push_acks where user_id = $1 group by rule_id`,
    [userId],
  );
}
