import type { Queryable } from '../../../db/client.js';

export type SavedViewEntity = 'account' | 'contact';
export type SavedView = {
  id: string;
  entity: SavedViewEntity;
  name: string;
  query: Record<string, string>;
  createdAt: string;
};
type SavedViewRow = {
  id: string;
  entity: SavedViewEntity;
  name: string;
  query: Record<string, string>;
  created_at: string;
};

const toView = (row: SavedViewRow): SavedView => ({
  id: row.id,
  entity: row.entity,
  name: row.name,
  query: row.query,
  createdAt: row.created_at,
});

export async function findSavedViews(
  tx: Queryable,
  userId: string,
  entity: SavedViewEntity,
): Promise<SavedView[]> {
  const rows = await tx.query<SavedViewRow>(
    `select * from saved_views where user_id = $1 and entity = $2 order by lower(name)`,
    [userId, entity],
  );
  return rows.map(toView);
}

export async function insertSavedView(
  tx: Queryable,
  userId: string,
  view: { entity: SavedViewEntity; name: string; query: Record<string, string> },
): Promise<SavedView> {
  const [row] = await tx.query<SavedViewRow>(
    `insert into saved_views (user_id, entity, name, query) values ($1, $2, $3, $4) returning *`,
    [userId, view.entity, view.name, view.query],
  );
  return toView(row);
}

/** Deletes a view the reader may delete (RLS: their own); false when there is none. */
export async function deleteSavedView(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(`delete from saved_views where id = $1 returning id`, [id]);
  return rows.length > 0;
}
