import type { Queryable } from '../../../db/client.js';
import type { VersionContentRow } from '../items/items.repository.js';
import type { KNOWLEDGE_TYPES } from '../items/items.schemas.js';

/** SQL of the review of changes (issue 9): settings, validators, the version in review. Runs under the caller's RLS. */

export type SecondExpert = 'when_possible' | 'never';

export async function readReviewSettings(tx: Queryable) {
  const [row] = await tx.query<{
    second_expert: SecondExpert;
    search_log_days: number;
    updated_at: string;
    validators: number;
  }>(
    `select s.second_expert, s.search_log_days, s.updated_at, (select count(*)::int from users where active and role in ('expert', 'admin')) as validators from knowledge_settings s`,
  );
  return {
    secondExpert: row.second_expert,
    searchLogDays: row.search_log_days,
    validators: row.validators,
    updatedAt: row.updated_at,
  };
}

/** Updated only for admins (the table's RLS says so too); false when the row was not writable. */
export async function writeReviewSettings(
  tx: Queryable,
  changes: { secondExpert?: SecondExpert; searchLogDays?: number },
  userId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `update knowledge_settings set second_expert = coalesce($1, second_expert),
            search_log_days = coalesce($2, search_log_days), updated_by = $3, updated_at = now() returning 1`,
    [changes.secondExpert ?? null, changes.searchLogDays ?? null, userId],
  );
  return rows.length > 0;
}

export type VersionContent = {
  version: number;
  type: (typeof KNOWLEDGE_TYPES)[number];
  title: string;
  problem: string;
  body: string;
  tags: string[];
  note: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
};

/** One version if the caller may see it (a version in review is hidden from readers by RLS). */
export async function findVersion(
  tx: Queryable,
  itemId: string,
  version: number,
): Promise<VersionContent | null> {
  const [row] = await tx.query<VersionContentRow<VersionContent['type']>>(
    `select v.*, trim(u.first_name || ' ' || u.last_name) as created_by_name from knowledge_versions v left join users u on u.id = v.created_by
      where v.item_id = $1 and v.version = $2`,
    [itemId, version],
  );
  if (!row) return null;
  return {
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
  };
}

/** Who is asked to review a change by `authorId`: the other experts, else the admins (who may validate too). */
export async function reviewers(tx: Queryable, authorId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string; role: string }>(
    `select id, role from users where active and role in ('expert', 'admin') and id <> $1`,
    [authorId],
  );
  const experts = rows.filter((row) => row.role === 'expert');
  return (experts.length ? experts : rows).map((row) => row.id);
}

export async function setReviewVersion(tx: Queryable, itemId: string, version: number | null) {
  await tx.query(`update knowledge_items set review_version = $2, updated_at = now() where id = $1`, [
    itemId,
    version,
  ]);
}

/** Makes a validated change what readers see. `publish`: the item was published (or stale), it is published again. */
export async function applyVersion(
  tx: Queryable,
  itemId: string,
  content: {
    version: number;
    type: string;
    title: string;
    problem: string;
    body: string;
    tags: string[];
    html: string;
    lang: string;
  },
  validatorId: string,
  publish: boolean,
) {
  await tx.query(
    `update knowledge_items set type = $2, title = $3, problem = $4, body_md = $5, html = $6, lang = $7, tags = $8, version = $9, validated_version = $9,
            review_version = null, validated_by = $10, validated_at = now(), updated_at = now()
            ${publish ? `, status = 'published', verified_at = now(), stale_at = null` : ''}
      where id = $1`,
    [
      itemId,
      content.type,
      content.title,
      content.problem,
      content.body,
      content.html,
      content.lang,
      content.tags,
      content.version,
      validatorId,
    ],
  );
}
