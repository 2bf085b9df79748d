import type { Queryable } from '../../../db/client.js';
import type { PLAN_STATUSES } from './plans.schemas.js';

/** SQL of change plans (PUSH-7, MGT-5): `change_plans`, `change_actions`. */

export type PlanRow = {
  id: string;
  title: string;
  description_md: string;
  starts_on: string | null;
  ends_on: string | null;
  owner_id: string | null;
  owner_name: string | null;
  created_at: string;
  updated_at: string;
};

export type ActionRow = {
  id: string;
  plan_id: string;
  means: string;
  function: string;
  owner_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: (typeof PLAN_STATUSES)[number];
  link_type: 'broadcast' | 'training' | 'knowledge' | null;
  link_id: string | null;
  broadcast_title: string | null;
  position: number;
  updated_at: string;
};

/** The values written for an action, in column order (see `insertAction` and `updateAction`). */
export type ActionColumns = [
  means: string,
  fn: string,
  ownerId: string | null,
  dueOn: string | null,
  status: string,
  linkType: string | null,
  linkId: string | null,
];

export async function activeUserExists(tx: Queryable, userId: string): Promise<boolean> {
  return (await tx.query(`select 1 from users where id = $1 and active`, [userId])).length > 0;
}

export async function broadcastExists(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query(`select 1 from broadcasts where id = $1`, [id])).length > 0;
}

/** All plans, newest first, or the one named by `id`. */
export async function findPlans(tx: Queryable, id: string | null): Promise<PlanRow[]> {
  return tx.query<PlanRow>(
    `select p.*, trim(u.first_name || ' ' || u.last_name) as owner_name from change_plans p left join users u on u.id = p.owner_id
      where ($1::uuid is null or p.id = $1) order by p.starts_on desc nulls last, p.created_at desc`,
    [id],
  );
}

/** The actions of these plans, with their owner's name and a linked broadcast's title. */
export async function findActions(tx: Queryable, planIds: string[]): Promise<ActionRow[]> {
  return tx.query<ActionRow>(
    `select a.*, trim(u.first_name || ' ' || u.last_name) as owner_name, b.title as broadcast_title
       from change_actions a left join users u on u.id = a.owner_id left join broadcasts b on a.link_type = 'broadcast' and b.id = a.link_id
      where a.plan_id = any ($1::uuid[]) order by a.position, a.due_on nulls last`,
    [planIds],
  );
}

export async function insertPlan(
  tx: Queryable,
  plan: {
    title: string;
    description: string;
    startsOn: string | null;
    endsOn: string | null;
    ownerId: string;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into change_plans (title, description_md, starts_on, ends_on, owner_id) values ($1, $2, $3, $4, $5) returning id`,
    [plan.title, plan.description, plan.startsOn, plan.endsOn, plan.ownerId],
  );
  return row.id;
}

export async function updatePlan(
  tx: Queryable,
  id: string,
  plan: { title: string; description: string; startsOn: string | null; endsOn: string | null },
): Promise<void> {
  await tx.query(
    `update change_plans set title = $2, description_md = $3, starts_on = $4, ends_on = $5, updated_at = now() where id = $1`,
    [id, plan.title, plan.description, plan.startsOn, plan.endsOn],
  );
}

/** Deletes a plan (its actions go with it); false when there was none. */
export async function deletePlan(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query(`delete from change_plans where id = $1 returning id`, [id])).length > 0;
}

export async function insertAction(
  tx: Queryable,
  planId: string,
  columns: ActionColumns,
  position: number,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into change_actions (plan_id, means, function, owner_id, due_on, status, link_type, link_id, position) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [planId, ...columns, position],
  );
  return row.id;
}

export async function updateAction(tx: Queryable, id: string, columns: ActionColumns): Promise<void> {
  await tx.query(
    `update change_actions set means = $2, function = $3, owner_id = $4, due_on = $5, status = $6, link_type = $7, link_id = $8, updated_at = now() where id = $1`,
    [id, ...columns],
  );
}

/** Deletes an action of a plan; false when the plan has no such action. */
export async function deleteAction(tx: Queryable, planId: string, actionId: string): Promise<boolean> {
  return (
    (
      await tx.query(`delete from change_actions where id = $1 and plan_id = $2 returning id`, [
        actionId,
        planId,
      ])
    ).length > 0
  );
}
