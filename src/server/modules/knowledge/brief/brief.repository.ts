import type { Queryable } from '../../../db/client.js';

/** SQL of what knowledge adds to an account's brief and timeline (CRM-6, CRM-7). Runs under the caller's RLS. */

/** Statuses a reader is given as the company's answer (drafts and items in review are not). */
const READABLE = `('published', 'validated', 'stale')`;

/** Readable items linked to the account or to these products, account first, best used first. */
export async function itemsForAccount(tx: Queryable, accountId: string, productIds: string[], limit: number) {
  return tx.query<{
    id: string;
    type: string;
    title: string;
    visibility: string;
    owner_id: string;
    for_account: boolean;
    product_ids: string[] | null;
  }>(
    `select k.id, k.type, k.title, k.visibility, k.owner_id, k.account_ids @> array[$1::uuid] as for_account, k.product_ids
       from knowledge_items k
      where k.status in ${READABLE} and (k.account_ids @> array[$1::uuid] or k.product_ids && $2::uuid[])
      order by (k.account_ids @> array[$1::uuid]) desc, k.reuse_count + k.useful_count desc, k.updated_at desc limit $3`,
    [accountId, productIds, limit],
  );
}

export type KnowledgeRef = { id: string; title: string; visibility: string; ownerId: string };

/** The account's confirmed situations, newest first, with their readable knowledge in order. */
export async function confirmedSituations(tx: Queryable, accountId: string) {
  const rows = await tx.query<{
    id: string;
    name: string;
    description: string;
    advice_md: string;
    advice_html: string;
    product_ids: string[] | null;
    knowledge: KnowledgeRef[] | string;
  }>(
    `select s.id, s.name, s.description, s.advice_md, s.advice_html, s.product_ids,
            coalesce((select json_agg(json_build_object('id', k.id, 'title', k.title, 'visibility', k.visibility, 'ownerId', k.owner_id) order by sk.position)
                        from situation_knowledge sk join knowledge_items k on k.id = sk.item_id
                       where sk.situation_id = s.id and k.status in ${READABLE}), '[]'::json) as knowledge
       from account_situations a join situations s on s.id = a.situation_id
      where a.account_id = $1 and a.status = 'confirmed'
      order by a.created_at desc`,
    [accountId],
  );
  return rows.map((row) => ({
    ...row,
    knowledge: (typeof row.knowledge === 'string'
      ? JSON.parse(row.knowledge)
      : row.knowledge) as KnowledgeRef[],
  }));
}

/** The brief's section: confirmed situations with up to five readable items each ('title|id|visibility|owner'). */
export async function situationsWithKnowledge(tx: Queryable, accountId: string) {
  return tx.query<{ id: string; name: string; description: string; knowledge: string[] }>(
    `select s.id, s.name, s.description, a.status,
            array(select k.title || '|' || k.id || '|' || k.visibility || '|' || k.owner_id from situation_knowledge sk join knowledge_items k on k.id = sk.item_id
                   where sk.situation_id = s.id and k.status in ('published', 'validated', 'stale') order by sk.position limit 5) as knowledge
       from account_situations a join situations s on s.id = a.situation_id
      where a.account_id = $1 and a.status = 'confirmed' order by a.created_at desc`,
    [accountId],
  );
}

/** Authors and validators of readable items about any of these products, with those products. */
export async function authorsOnProducts(tx: Queryable, productIds: string[]) {
  return tx.query<{ user_id: string; product_ids: string[] }>(
    `select x.user_id, array_agg(distinct p.id) as product_ids
       from knowledge_items k
       cross join lateral (values (k.owner_id), (k.validated_by)) as x(user_id)
       cross join lateral unnest(k.product_ids) as p(id)
      where k.status in ${READABLE} and x.user_id is not null and p.id = any ($1::uuid[])
      group by x.user_id`,
    [productIds],
  );
}

export type TimelineRow = {
  key: string;
  item_id: string | null;
  item_visibility: string | null;
  item_owner: string | null;
  title: string;
  at: string;
  how: string;
  open_count: number;
  click_count: number;
  actor: string | null;
};

/**
 * Knowledge sent to the account, used in its activities (`activityIds`: the account's, as the
 * CRM shows them), and its situations, newest first.
 */
export async function timelineRows(
  tx: Queryable,
  accountId: string,
  activityIds: string[],
  options: { before?: string; limit: number },
) {
  return tx.query<TimelineRow>(
    `select * from (
       select 'send:' || s.id as key, s.item_id, k.visibility as item_visibility, k.owner_id as item_owner, coalesce(k.title, s.subject) as title, s.sent_at as at, 'sent' as how, s.open_count, s.click_count, u.first_name || ' ' || u.last_name as actor
         from knowledge_sends s left join knowledge_items k on k.id = s.item_id left join users u on u.id = s.sent_by where s.account_id = $1
       union all
       select 'use:' || ak.activity_id || ak.item_id, ak.item_id, k.visibility, k.owner_id, k.title, ak.created_at, 'used', 0, 0, u.first_name || ' ' || u.last_name
         from activity_knowledge ak join knowledge_items k on k.id = ak.item_id left join users u on u.id = ak.user_id where ak.activity_id = any ($4::uuid[])
       union all
       select 'situation:' || x.id, null, null, null, s.name, coalesce(x.decided_at, x.created_at), 'situation:' || x.status, 0, 0, null
         from account_situations x join situations s on s.id = x.situation_id where x.account_id = $1 and x.status <> 'dismissed'
     ) t where ($2::timestamptz is null or at < $2) order by at desc limit $3`,
    [accountId, options.before ?? null, options.limit, activityIds],
  );
}
