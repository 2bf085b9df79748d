import type { Queryable } from '../../../db/client.js';
import { decodeCursor, toPage, type Paging } from '../../../platform/list-query.js';
import type { Space, SpaceCreate } from './spaces.schemas.js';

type SpaceRow = {
  id: string;
  name: string;
  description: string;
  visibility: Space['visibility'];
  owner_id: string;
  team_id: string | null;
  created_at: Date | string;
};

const toSpace = (row: SpaceRow): Space => ({
  id: row.id,
  name: row.name,
  description: row.description,
  visibility: row.visibility,
  ownerId: row.owner_id,
  teamId: row.team_id,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Inserts a space owned by `ownerId` in `teamId`. */
export async function insertSpace(
  tx: Queryable,
  input: SpaceCreate & { ownerId: string; teamId: string | null },
): Promise<Space> {
  const [row] = await tx.query<SpaceRow>(
    `insert into spaces (name, description, visibility, owner_id, team_id)
     values ($1, $2, $3, $4, $5) returning *`,
    [input.name, input.description, input.visibility, input.ownerId, input.teamId],
  );
  return toSpace(row);
}

/** The spaces the transaction's actor may see (row-level security filters them), by name. */
export async function listSpaces(tx: Queryable, paging: Paging) {
  const offset = decodeCursor(paging.cursor);
  const rows = await tx.query<SpaceRow>(`select * from spaces order by lower(name), id limit $1 offset $2`, [
    paging.limit + 1,
    offset,
  ]);
  const [{ count }] = await tx.query<{ count: number }>(`select count(*)::int as count from spaces`);
  return toPage(rows.map(toSpace), paging, offset, Number(count));
}
