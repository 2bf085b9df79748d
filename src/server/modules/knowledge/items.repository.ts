import type { Queryable } from '../../db/client.js';
import { orderBy } from '../../platform/list-query.js';
import type { Item } from './items.schemas.js';

/** All SQL about knowledge items and their versions; runs under the caller's RLS. */
const SUMMARY_COLUMNS = `k.id, k.type, k.title, k.lang, k.tags, k.status, k.delivery, k.visibility, k.owner_id, k.version,
  k.view_count, k.reuse_count, k.useful_count, k.not_useful_count, k.published_at, k.updated_at, k.created_at,
  coalesce(trim(u.first_name || ' ' || u.last_name), '') as owner_name`;

export const toSummary = (row: any) => ({
  id: row.id,
  type: row.type,
  title: row.title,
  lang: row.lang,
  tags: row.tags ?? [],
  status: row.status,
  delivery: row.delivery,
  visibility: row.visibility,
  ownerId: row.owner_id,
  ownerName: row.owner_name ?? '',
  version: row.version,
  viewCount: row.view_count,
  reuseCount: row.reuse_count,
  usefulCount: row.useful_count,
  notUsefulCount: row.not_useful_count,
  publishedAt: row.published_at,
  updatedAt: row.updated_at,
  createdAt: row.created_at,
});

export type ItemRow = Omit<Item, 'canEdit'>;

export async function findItem(tx: Queryable, id: string): Promise<ItemRow | null> {
  const rows = await tx.query(
    `select ${SUMMARY_COLUMNS}, k.problem, k.body_md, k.html, k.product_ids, k.account_ids, k.team_id, k.verify_interval_days,
            k.verified_at, k.validated_at, k.validated_by, k.stale_at,
            array(select s.situation_id from situation_knowledge s where s.item_id = k.id order by s.position) as situation_ids,
            coalesce((select json_agg(json_build_object('id', d.id, 'fileName', d.file_name, 'contentType', d.content_type, 'size', d.size_bytes) order by d.created_at)
                        from documents d where d.parent_type = 'knowledge' and d.parent_id = k.id), '[]') as attachments
       from knowledge_items k left join users u on u.id = k.owner_id where k.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...toSummary(row),
    problem: row.problem,
    body: row.body_md,
    html: row.html,
    productIds: row.product_ids ?? [],
    accountIds: row.account_ids ?? [],
    situationIds: row.situation_ids ?? [],
    teamId: row.team_id,
    verifyIntervalDays: row.verify_interval_days,
    verifiedAt: row.verified_at,
    validatedAt: row.validated_at,
    validatedBy: row.validated_by,
    staleAt: row.stale_at,
    attachments: typeof row.attachments === 'string' ? JSON.parse(row.attachments) : row.attachments,
  };
}

export type ListFilters = { type?: string; status?: string; tag?: string; product?: string; situation?: string; owner?: string; delivery?: string; lang?: string };

export async function listItems(tx: Queryable, filters: ListFilters, sort: string | undefined, limit: number, offset: number) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.type) add('k.type = ?', filters.type);
  if (filters.status) add('k.status = ?', filters.status);
  else where.push(`k.status <> 'archived'`);
  if (filters.tag) add('k.tags @> array[?::text]', filters.tag.toLowerCase());
  if (filters.product) add('k.product_ids @> array[?::uuid]', filters.product);
  if (filters.situation) add('exists (select 1 from situation_knowledge s where s.item_id = k.id and s.situation_id = ?)', filters.situation);
  if (filters.owner) add('k.owner_id = ?', filters.owner);
  if (filters.delivery) add('k.delivery = ?', filters.delivery);
  if (filters.lang) add('k.lang = ?', filters.lang);
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const order = orderBy(sort, { title: 'lower(k.title)', updatedAt: 'k.updated_at', createdAt: 'k.created_at', views: 'k.view_count', reuses: 'k.reuse_count' }, '-updatedAt', 'k.id');
  const rows = await tx.query(
    `select ${SUMMARY_COLUMNS} from knowledge_items k left join users u on u.id = k.owner_id ${whereSql} ${order}
      limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, limit + 1, offset],
  );
  const [{ total }] = await tx.query<{ total: number }>(`select count(*)::int as total from knowledge_items k ${whereSql}`, params);
  return { rows: rows.map(toSummary), total };
}

export type ItemWrite = {
  type: string; title: string; problem: string; body: string; html: string; lang: string; tags: string[];
  productIds: string[]; accountIds: string[]; status: string; delivery: string; visibility: string; verifyIntervalDays: number;
};

export async function insertItem(tx: Queryable, ownerId: string, teamId: string | null, item: ItemWrite): Promise<string> {
  const published = item.status === 'published';
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_items (type, title, problem, body_md, html, lang, tags, product_ids, account_ids, status, delivery, visibility,
                                  verify_interval_days, owner_id, team_id, published_at, verified_at, validated_at, validated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
             case when $16 then now() end, case when $16 then now() end, case when $16 then now() end, case when $16 then $14::uuid end)
     returning id`,
    [item.type, item.title, item.problem, item.body, item.html, item.lang, item.tags, item.productIds, item.accountIds, item.status,
     item.delivery, item.visibility, item.verifyIntervalDays, ownerId, teamId, published],
  );
  return row.id;
}

export async function insertVersion(tx: Queryable, itemId: string, version: number, content: { type: string; title: string; problem: string; body: string; tags: string[] }, userId: string, note?: string | null) {
  await tx.query(
    `insert into knowledge_versions (item_id, version, type, title, problem, body_md, tags, note, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [itemId, version, content.type, content.title, content.problem, content.body, content.tags, note ?? null, userId],
  );
}

export async function setSituations(tx: Queryable, itemId: string, situationIds: string[]) {
  await tx.query(`delete from situation_knowledge where item_id = $1 and not (situation_id = any ($2::uuid[]))`, [itemId, situationIds]);
  for (const [position, situationId] of situationIds.entries()) {
    await tx.query(
      `insert into situation_knowledge (situation_id, item_id, position) values ($1, $2, $3) on conflict (situation_id, item_id) do nothing`,
      [situationId, itemId, position],
    );
  }
}

export async function listVersions(tx: Queryable, itemId: string) {
  const rows = await tx.query(
    `select v.*, trim(u.first_name || ' ' || u.last_name) as created_by_name from knowledge_versions v
       left join users u on u.id = v.created_by where v.item_id = $1 order by v.version desc`,
    [itemId],
  );
  return rows.map((row: any) => ({
    version: row.version,
    type: row.type,
    title: row.title,
    problem: row.problem,
    body: row.body_md,
    tags: row.tags ?? [],
    note: row.note,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
  }));
}

/** Ids among `ids` that do not exist in `table` (for link validation). */
export async function missingIds(tx: Queryable, table: 'products' | 'accounts' | 'situations', ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(`select id from ${table} where id = any ($1::uuid[])`, [ids]);
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}
