import { noted } from '../../../platform/secret-reads.js';
import type { Queryable } from '../../../db/client.js';
import { orderBy } from '../../../platform/list-query.js';
import type { Item } from './items.schemas.js';

/** All SQL about knowledge items and their versions; runs under the caller's RLS. */
const SUMMARY_COLUMNS = `k.id, k.type, k.title, k.lang, k.tags, k.status, k.delivery, k.visibility, k.owner_id, k.version,
  k.view_count, k.reuse_count, k.useful_count, k.not_useful_count, k.published_at, k.updated_at, k.created_at, k.review_version,
  coalesce(trim(u.first_name || ' ' || u.last_name), '') as owner_name`;

/** A knowledge_items row as read here (snake_case, as PostgreSQL names it). */
export type ItemSqlRow = {
  id: string;
  type: Item['type'];
  title: string;
  lang: Item['lang'];
  tags: string[] | null;
  status: Item['status'];
  delivery: Item['delivery'];
  visibility: Item['visibility'];
  owner_id: string;
  owner_name: string | null;
  version: number;
  review_version: number | null;
  view_count: number;
  reuse_count: number;
  useful_count: number;
  not_useful_count: number;
  published_at: string | null;
  updated_at: string;
  created_at: string;
};
type ItemDetailRow = ItemSqlRow & {
  problem: string;
  body_md: string;
  html: string;
  product_ids: string[] | null;
  account_ids: string[] | null;
  situation_ids: string[] | null;
  team_id: string | null;
  verify_interval_days: number;
  verified_at: string | null;
  validated_at: string | null;
  validated_by: string | null;
  stale_at: string | null;
  validated_version: number;
  push_audience: ItemRow['audience'] | string;
  push_at: string | null;
  pushed_at: string | null;
  pushed_version: number | null;
};

export const toSummary = (row: ItemSqlRow) =>
  noted('knowledge', {
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
    reviewVersion: row.review_version ?? null,
    viewCount: row.view_count,
    reuseCount: row.reuse_count,
    usefulCount: row.useful_count,
    notUsefulCount: row.not_useful_count,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
  });

export type ItemRow = Omit<Item, 'canEdit' | 'revision' | 'canValidate'> & { validatedVersion: number };
/** An item as its table holds it: its attachments are CRM documents, added by the service. */
export type StoredItem = Omit<ItemRow, 'attachments'>;

/** Holds the item's row until the transaction ends: simultaneous edits then take turns. */
export async function lockItem(tx: Queryable, id: string): Promise<void> {
  await tx.query(`select 1 from knowledge_items where id = $1 for update`, [id]);
}

export async function findItem(tx: Queryable, id: string): Promise<StoredItem | null> {
  const rows = await tx.query<ItemDetailRow>(
    `select ${SUMMARY_COLUMNS}, k.problem, k.body_md, k.html, k.product_ids, k.account_ids, k.team_id, k.verify_interval_days,
            k.verified_at, k.validated_at, k.validated_by, k.stale_at, k.validated_version, k.push_audience, k.push_at, k.pushed_at, k.pushed_version,
            array(select s.situation_id from situation_knowledge s where s.item_id = k.id order by s.position) as situation_ids
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
    validatedVersion: row.validated_version,
    audience: typeof row.push_audience === 'string' ? JSON.parse(row.push_audience) : row.push_audience,
    pushAt: row.push_at,
    pushedAt: row.pushed_at,
    pushedVersion: row.pushed_version,
  };
}

export type ListFilters = {
  type?: string;
  status?: string;
  tag?: string;
  product?: string;
  situation?: string;
  owner?: string;
  delivery?: string;
  lang?: string;
  review?: 'pending';
};

export async function listItems(
  tx: Queryable,
  filters: ListFilters,
  sort: string | undefined,
  limit: number,
  offset: number,
) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.type) add('k.type = ?', filters.type);
  // "In review" also lists readable items whose change waits for review (what experts validate).
  if (filters.status === 'in_review') add(`(k.status = ? or k.review_version is not null)`, filters.status);
  else if (filters.status) add('k.status = ?', filters.status);
  else where.push(`k.status <> 'archived'`);
  if (filters.tag) add('k.tags @> array[?::text]', filters.tag.toLowerCase());
  if (filters.product) add('k.product_ids @> array[?::uuid]', filters.product);
  if (filters.situation)
    add(
      'exists (select 1 from situation_knowledge s where s.item_id = k.id and s.situation_id = ?)',
      filters.situation,
    );
  if (filters.owner) add('k.owner_id = ?', filters.owner);
  if (filters.delivery) add('k.delivery = ?', filters.delivery);
  if (filters.lang) add('k.lang = ?', filters.lang);
  if (filters.review === 'pending') where.push('k.review_version is not null');
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const order = orderBy(
    sort,
    {
      title: 'lower(k.title)',
      updatedAt: 'k.updated_at',
      createdAt: 'k.created_at',
      views: 'k.view_count',
      reuses: 'k.reuse_count',
    },
    '-updatedAt',
    'k.id',
  );
  const rows = await tx.query<ItemSqlRow>(
    `select ${SUMMARY_COLUMNS} from knowledge_items k left join users u on u.id = k.owner_id ${whereSql} ${order}
      limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, limit + 1, offset],
  );
  const [{ total }] = await tx.query<{ total: number }>(
    `select count(*)::int as total from knowledge_items k ${whereSql}`,
    params,
  );
  return { rows: rows.map(toSummary), total };
}

export type ItemWrite = {
  type: string;
  title: string;
  problem: string;
  body: string;
  html: string;
  lang: string;
  tags: string[];
  productIds: string[];
  accountIds: string[];
  status: string;
  delivery: string;
  visibility: string;
  verifyIntervalDays: number;
  audience: { teamIds: string[]; roles: string[] };
  pushAt: string | null;
};

export async function insertItem(
  tx: Queryable,
  ownerId: string,
  teamId: string | null,
  item: ItemWrite,
): Promise<string> {
  const published = item.status === 'published';
  const validated = published || item.status === 'validated';
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_items (type, title, problem, body_md, html, lang, tags, product_ids, account_ids, status, delivery, visibility,
                                  verify_interval_days, owner_id, team_id, published_at, verified_at, validated_at, validated_by, validated_version,
                                  push_audience, push_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
             case when $16 then now() end, case when $16 then now() end, case when $17 then now() end, case when $17 then $14::uuid end,
             case when $17 then 1 else 0 end, $18, $19)
     returning id`,
    [
      item.type,
      item.title,
      item.problem,
      item.body,
      item.html,
      item.lang,
      item.tags,
      item.productIds,
      item.accountIds,
      item.status,
      item.delivery,
      item.visibility,
      item.verifyIntervalDays,
      ownerId,
      teamId,
      published,
      validated,
      JSON.stringify(item.audience),
      item.pushAt,
    ],
  );
  return row.id;
}

export async function insertVersion(
  tx: Queryable,
  itemId: string,
  version: number,
  content: { type: string; title: string; problem: string; body: string; tags: string[] },
  userId: string,
  note?: string | null,
) {
  await tx.query(
    `insert into knowledge_versions (item_id, version, type, title, problem, body_md, tags, note, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      itemId,
      version,
      content.type,
      content.title,
      content.problem,
      content.body,
      content.tags,
      note ?? null,
      userId,
    ],
  );
}

export async function setSituations(tx: Queryable, itemId: string, situationIds: string[]) {
  await tx.query(
    `delete from situation_knowledge where item_id = $1 and not (situation_id = any ($2::uuid[]))`,
    [itemId, situationIds],
  );
  for (const [position, situationId] of situationIds.entries()) {
    await tx.query(
      `insert into situation_knowledge (situation_id, item_id, position) values ($1, $2, $3) on conflict (situation_id, item_id) do nothing`,
      [situationId, itemId, position],
    );
  }
}

export type VersionState = 'current' | 'earlier' | 'in_review' | 'rejected';
/** A stored version as `knowledge_versions v` with its author's name reads it. */
export type VersionContentRow<Type extends string = string> = {
  version: number;
  type: Type;
  title: string;
  problem: string;
  body_md: string;
  tags: string[] | null;
  note: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
};

type VersionSqlRow = VersionContentRow & { item_version: number; rejected_at: string | null };

/** Versions (newest first) the caller may see — RLS hides those in review from readers — with their state. */
export async function listVersions(tx: Queryable, itemId: string) {
  const rows = await tx.query<VersionSqlRow>(
    `select v.*, trim(u.first_name || ' ' || u.last_name) as created_by_name, k.version as item_version
       from knowledge_versions v join knowledge_items k on k.id = v.item_id
       left join users u on u.id = v.created_by where v.item_id = $1 order by v.version desc`,
    [itemId],
  );
  return rows.map((row) => ({
    version: row.version,
    state: (row.rejected_at
      ? 'rejected'
      : row.version === row.item_version
        ? 'current'
        : row.version < row.item_version
          ? 'earlier'
          : 'in_review') as VersionState,
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

/** The highest version number of an item (in review and rejected ones included). */
export async function lastVersionNumber(tx: Queryable, itemId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `select coalesce(max(version), 0)::int as n from knowledge_versions where item_id = $1`,
    [itemId],
  );
  return row.n;
}

/** Who wrote the versions after `afterVersion` that are not rejected (they may not validate them alone). */
export async function authorsAfter(tx: Queryable, itemId: string, afterVersion: number): Promise<string[]> {
  const rows = await tx.query<{ created_by: string }>(
    `select distinct created_by from knowledge_versions where item_id = $1 and version > $2 and rejected_at is null and created_by is not null`,
    [itemId, afterVersion],
  );
  return rows.map((row) => row.created_by);
}

export async function rejectVersionsAfter(
  tx: Queryable,
  itemId: string,
  afterVersion: number,
  userId: string,
) {
  await tx.query(
    `update knowledge_versions set rejected_at = now(), rejected_by = $3 where item_id = $1 and version > $2 and rejected_at is null`,
    [itemId, afterVersion, userId],
  );
}

/** Ids among `ids` that name no situation. */
export async function missingSituationIds(tx: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(`select id from situations where id = any ($1::uuid[])`, [ids]);
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}

/** Ids among `ids` that name no knowledge item the caller sees. */
export async function missingItemIds(tx: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ id: string }>(`select id from knowledge_items where id = any ($1::uuid[])`, [
    ids,
  ]);
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}

export async function countView(tx: Queryable, id: string): Promise<void> {
  await tx.query(`update knowledge_items set view_count = view_count + 1 where id = $1`, [id]);
}

export async function deleteItemRow(tx: Queryable, id: string): Promise<void> {
  await tx.query(`delete from knowledge_items where id = $1`, [id]);
}

/** Writes an item's content, links and settings (what a change applies at once). */
export async function writeItem(
  tx: Queryable,
  id: string,
  item: Omit<ItemWrite, 'status' | 'audience' | 'pushAt'> & { version: number },
): Promise<void> {
  await tx.query(
    `update knowledge_items set type = $2, title = $3, problem = $4, body_md = $5, html = $6, lang = $7, tags = $8, product_ids = $9,
            account_ids = $10, delivery = $11, visibility = $12, verify_interval_days = $13, version = $14, updated_at = now()
      where id = $1`,
    [
      id,
      item.type,
      item.title,
      item.problem,
      item.body,
      item.html,
      item.lang,
      item.tags,
      item.productIds,
      item.accountIds,
      item.delivery,
      item.visibility,
      item.verifyIntervalDays,
      item.version,
    ],
  );
}

/** Restores an earlier version's content as version `version`. */
export async function writeContent(
  tx: Queryable,
  id: string,
  content: { type: string; title: string; problem: string; body: string; html: string; tags: string[] },
  version: number,
): Promise<void> {
  await tx.query(
    `update knowledge_items set type = $2, title = $3, problem = $4, body_md = $5, html = $6, tags = $7, version = $8, updated_at = now() where id = $1`,
    [id, content.type, content.title, content.problem, content.body, content.html, content.tags, version],
  );
}

/**
 * Moves an item to status `to`. `validatedBy`: the move validates the current version;
 * `published` / `verified` set the publication and verification dates.
 */
export async function writeStatus(
  tx: Queryable,
  id: string,
  change: { to: string; validatedBy: string | null; published: boolean; verified: boolean },
): Promise<void> {
  const sets = [`status = $2`, 'updated_at = now()'];
  if (change.validatedBy)
    sets.push('validated_at = now()', 'validated_by = $3', 'validated_version = version');
  if (change.published) sets.push('published_at = now()', 'verified_at = now()', 'stale_at = null');
  else if (change.verified) sets.push('verified_at = now()', 'stale_at = null');
  await tx.query(
    `update knowledge_items set ${sets.join(', ')} where id = $1`,
    change.validatedBy ? [id, change.to, change.validatedBy] : [id, change.to],
  );
}

/** Published items whose verification interval has passed become stale (system job, no RLS). */
export async function markStaleItems(tx: Queryable) {
  return tx.query<{ id: string; owner_id: string; type: string; title: string }>(
    `update knowledge_items set status = 'stale', stale_at = now(), updated_at = now()
      where status = 'published' and coalesce(verified_at, published_at, created_at) + make_interval(days => verify_interval_days) < now()
      returning id, owner_id, type, title`,
  );
}
