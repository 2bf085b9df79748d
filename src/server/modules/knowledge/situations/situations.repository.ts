import type { Queryable } from '../../../db/client.js';
import type { ItemSqlRow } from '../items/items.repository.js';

/** SQL of customer situations (KB-5) and their links to accounts. Runs under the caller's RLS. */

export type SituationRow = {
  id: string;
  name: string;
  description: string;
  signals: string[] | null;
  field_signals: string[] | null;
  advice_md: string;
  advice_html: string;
  product_ids: string[] | null;
  knowledge_count?: number;
  account_count?: number;
  updated_at: string;
};

/** The catalogue by name, with how much knowledge and how many confirmed accounts each has; `q` filters. */
export async function listSituationRows(tx: Queryable, q: string | null): Promise<SituationRow[]> {
  return tx.query<SituationRow>(
    `select s.*, (select count(*)::int from situation_knowledge sk join knowledge_items k on k.id = sk.item_id where sk.situation_id = s.id) as knowledge_count,
            (select count(*)::int from account_situations a where a.situation_id = s.id and a.status = 'confirmed') as account_count
       from situations s
      where $1::text is null or s.search_vector @@ websearch_to_tsquery('relais_fr', $1) or relais_unaccent(lower(s.name)) like '%' || relais_unaccent(lower($1)) || '%'
      order by s.name`,
    [q],
  );
}

export async function findSituation(tx: Queryable, id: string): Promise<SituationRow | null> {
  const [row] = await tx.query<SituationRow>(`select * from situations where id = $1`, [id]);
  return row ?? null;
}

/** The knowledge of a situation the caller sees, in its order. */
export async function knowledgeOfSituation(tx: Queryable, id: string): Promise<ItemSqlRow[]> {
  return tx.query<ItemSqlRow>(
    `select k.*, '' as owner_name from situation_knowledge sk join knowledge_items k on k.id = sk.item_id where sk.situation_id = $1 order by sk.position, k.title`,
    [id],
  );
}

/** A link between an account (maybe one of its contacts) and a situation. */
export type LinkRow = {
  id: string;
  account_id: string;
  contact_id: string | null;
  situation_id: string;
  name: string;
  status: 'suggested' | 'confirmed' | 'dismissed';
  source: string;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
};
const LINK_SELECT = `select a.*, s.name from account_situations a join situations s on s.id = a.situation_id`;

/** The accounts a situation is on (not dismissed), newest first. */
export async function linksOfSituation(tx: Queryable, situationId: string): Promise<LinkRow[]> {
  return tx.query<LinkRow>(
    `${LINK_SELECT} where a.situation_id = $1 and a.status <> 'dismissed' order by a.created_at desc limit 100`,
    [situationId],
  );
}

/** An account's situations (not dismissed), confirmed first. */
export async function linksOfAccount(tx: Queryable, accountId: string): Promise<LinkRow[]> {
  return tx.query<LinkRow>(
    `${LINK_SELECT} where a.account_id = $1 and a.status <> 'dismissed' order by a.status, a.created_at desc`,
    [accountId],
  );
}

export async function findLink(tx: Queryable, linkId: string): Promise<LinkRow | null> {
  const [row] = await tx.query<LinkRow>(`${LINK_SELECT} where a.id = $1`, [linkId]);
  return row ?? null;
}

/** Whether another situation (than `exceptId`) has this name, case ignored. */
export async function nameTaken(tx: Queryable, name: string, exceptId?: string): Promise<boolean> {
  const rows = exceptId
    ? await tx.query(`select 1 from situations where lower(name) = lower($1) and id <> $2`, [name, exceptId])
    : await tx.query(`select 1 from situations where lower(name) = lower($1)`, [name]);
  return rows.length > 0;
}

export type SituationWrite = {
  name: string;
  description: string;
  signals: string[];
  fieldSignals: string[];
  advice: string;
  adviceHtml: string;
  productIds: string[];
};

/** Adds a situation; null when a simultaneous creation took the name (`on conflict do nothing`). */
export async function insertSituation(
  tx: Queryable,
  situation: SituationWrite,
  userId: string,
): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `insert into situations (name, description, signals, field_signals, advice_md, advice_html, product_ids, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict do nothing returning id`,
    [
      situation.name,
      situation.description,
      situation.signals,
      situation.fieldSignals,
      situation.advice,
      situation.adviceHtml,
      situation.productIds,
      userId,
    ],
  );
  return row?.id ?? null;
}

export async function writeSituation(tx: Queryable, id: string, situation: SituationWrite): Promise<void> {
  await tx.query(
    `update situations set name = $2, description = $3, signals = $4, field_signals = $5, advice_md = $6, advice_html = $7, product_ids = $8, updated_at = now() where id = $1`,
    [
      id,
      situation.name,
      situation.description,
      situation.signals,
      situation.fieldSignals,
      situation.advice,
      situation.adviceHtml,
      situation.productIds,
    ],
  );
}

export async function deleteSituationRow(tx: Queryable, id: string): Promise<boolean> {
  const deleted = await tx.query(`delete from situations where id = $1 returning id`, [id]);
  return deleted.length > 0;
}

/** The situation's knowledge becomes `knowledgeIds`, in that order. */
export async function setKnowledge(tx: Queryable, situationId: string, knowledgeIds: string[]) {
  await tx.query(`delete from situation_knowledge where situation_id = $1`, [situationId]);
  for (const [position, itemId] of knowledgeIds.entries()) {
    await tx.query(
      `insert into situation_knowledge (situation_id, item_id, position) values ($1, $2, $3) on conflict do nothing`,
      [situationId, itemId, position],
    );
  }
}

/** Declares (or confirms again) a situation on an account or contact; returns the link's id. */
export async function confirmLink(
  tx: Queryable,
  link: { accountId: string; contactId: string | null; situationId: string; reason: string | null },
  userId: string,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into account_situations (account_id, contact_id, situation_id, status, source, reason, created_by, decided_by, decided_at)
     values ($1, $2, $3, 'confirmed', 'manual', $4, $5, $5, now())
     on conflict (account_id, situation_id, coalesce(contact_id, '00000000-0000-0000-0000-000000000000'::uuid))
     do update set status = 'confirmed', decided_by = excluded.decided_by, decided_at = now()
     returning id`,
    [link.accountId, link.contactId, link.situationId, link.reason, userId],
  );
  return row.id;
}

/** The rep's decision on a link; null when the caller sees no such link. */
export async function decideLink(
  tx: Queryable,
  linkId: string,
  status: 'confirmed' | 'dismissed',
  userId: string,
): Promise<{ situation_id: string; account_id: string; contact_id: string | null } | null> {
  const [row] = await tx.query<{ situation_id: string; account_id: string; contact_id: string | null }>(
    `update account_situations set status = $2, decided_by = $3, decided_at = now() where id = $1 returning situation_id, account_id, contact_id`,
    [linkId, status, userId],
  );
  return row ?? null;
}

/** A suggestion from a signal (KB-5); false when the link already existed. */
export async function suggestLink(
  tx: Queryable,
  link: { accountId: string; contactId: string | null; situationId: string; source: string; reason: string },
): Promise<boolean> {
  const inserted = await tx.query(
    `insert into account_situations (account_id, contact_id, situation_id, status, source, reason) values ($1, $2, $3, 'suggested', $4, $5)
     on conflict do nothing returning id`,
    [link.accountId, link.contactId, link.situationId, link.source, link.reason],
  );
  return inserted.length > 0;
}

export async function situationsWithSignals(tx: Queryable) {
  return tx.query<{ id: string; signals: string[] }>(
    `select id, signals from situations where cardinality(signals) > 0`,
  );
}

export async function situationsWatching(tx: Queryable, fields: string[]) {
  return tx.query<{ id: string; field_signals: string[] }>(
    `select id, field_signals from situations where field_signals && $1::text[]`,
    [fields],
  );
}

/** Situations matching a typed query (Ctrl+K), best first. */
export async function searchSituations(tx: Queryable, query: string, limit: number) {
  return tx.query<{ id: string; name: string; description: string; score: number | string }>(
    `select id, name, description, ts_rank(search_vector, websearch_to_tsquery('relais_fr', $1)) + similarity(relais_unaccent(lower(name)), relais_unaccent(lower($1))) as score
       from situations where search_vector @@ websearch_to_tsquery('relais_fr', $1) or relais_unaccent(lower(name)) % relais_unaccent(lower($1))
          or relais_unaccent(lower(name)) like '%' || relais_unaccent(lower($1)) || '%'
      order by score desc limit $2`,
    [query, limit],
  );
}
