import type { Queryable } from '../../../db/client.js';
import type { DemoItem } from './demo-data.js';

/** SQL of the knowledge demo data (run once on a fresh database, as the system). */

export async function activeUsers(tx: Queryable) {
  return tx.query<{ id: string; email: string; role: string; team_id: string | null }>(
    `select id, email, role, team_id from users where active order by email`,
  );
}

/** An item with its first version, dated `ageDays` ago. */
export async function insertDemoItemRow(
  tx: Queryable,
  demo: {
    item: DemoItem & { visibility?: string };
    html: string;
    lang: string;
    status: string;
    ownerId: string;
    teamId: string | null;
    ageDays: number;
    published: boolean;
  },
): Promise<string> {
  const { item } = demo;
  const [row] = await tx.query<{ id: string }>(
    `insert into knowledge_items (type, title, problem, body_md, html, lang, tags, status, visibility, owner_id, team_id, created_at, updated_at, published_at, verified_at, stale_at, validated_at, validated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() - make_interval(days => $12::int), now() - make_interval(days => $12::int / 2),
             case when $13 then now() - make_interval(days => $12::int / 2) end, case when $13 then now() - make_interval(days => $12::int / 2) end,
             case when $8::text = 'stale' then now() - interval '2 days' end, case when $13 then now() - make_interval(days => $12::int / 2) end, case when $13 then $10::uuid end)
     returning id`,
    [
      item.type,
      item.title,
      item.problem ?? '',
      item.body,
      demo.html,
      demo.lang,
      item.tags,
      demo.status,
      item.visibility ?? 'public',
      demo.ownerId,
      demo.teamId,
      demo.ageDays,
      demo.published,
    ],
  );
  await tx.query(
    `insert into knowledge_versions (item_id, version, type, title, problem, body_md, tags, note, created_by) values ($1, 1, $2, $3, $4, $5, $6, 'created', $7)`,
    [row.id, item.type, item.title, item.problem ?? '', item.body, item.tags, demo.ownerId],
  );
  return row.id;
}

export async function insertDemoSituation(
  tx: Queryable,
  situation: {
    name: string;
    description: string;
    signals: string[];
    fieldSignals: string[];
    advice: string;
    adviceHtml: string;
  },
  createdBy: string,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into situations (name, description, signals, field_signals, advice_md, advice_html, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      situation.name,
      situation.description,
      situation.signals,
      situation.fieldSignals,
      situation.advice,
      situation.adviceHtml,
      createdBy,
    ],
  );
  return row.id;
}

export async function linkDemoKnowledge(
  tx: Queryable,
  situationId: string,
  itemId: string,
  position: number,
) {
  await tx.query(
    `insert into situation_knowledge (situation_id, item_id, position) values ($1, $2, $3) on conflict do nothing`,
    [situationId, itemId, position],
  );
}
