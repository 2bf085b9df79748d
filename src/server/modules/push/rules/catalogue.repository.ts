import type { Queryable } from '../../../db/client.js';
import type { ActionField } from '../../../platform/extension-points.js';

/** SQL of the actions other applications declare (PUSH-2): `push_actions`. */

/** Actions declared by other applications (`POST /push/actions`). */
export async function findDeclaredActions(
  tx: Queryable,
): Promise<{ name: string; label: string; fields: ActionField[]; example: boolean }[]> {
  return tx.query<{ name: string; label: string; fields: ActionField[]; example: boolean }>(
    `select name, label, fields, example from push_actions order by name`,
  );
}

/** Declares (or redeclares) another application's action. */
export async function upsertDeclaredAction(
  tx: Queryable,
  input: { name: string; label: string; fields: ActionField[]; userId: string },
): Promise<void> {
  await tx.query(
    `insert into push_actions (name, label, fields, created_by) values ($1, $2, $3, $4)
     on conflict (name) do update set label = excluded.label, fields = excluded.fields`,
    [input.name, input.label, JSON.stringify(input.fields), input.userId],
  );
}
