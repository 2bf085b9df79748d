import type { Role } from '../../common/roles.js';
import type { Database, Queryable } from './client.js';

/** Who a query runs for: what row-level security needs to know about them. */
export type Actor = {
  userId: string;
  role: Role;
  teamId: string | null;
  displayName: string;
  email: string;
  locale: 'fr' | 'en';
  /** Teams whose `team` records this user sees: their own and every team below those they manage. */
  visibleTeamIds: string[];
  /** Their team and its ancestors: a grant to any of these reaches them. */
  memberTeamIds: string[];
};

const toArrayLiteral = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Runs `fn` in a transaction as `actor`: the settings read by the RLS policies are set for
 * this transaction only and the role drops to `relais_app`, so every query inside is
 * filtered by the database itself.
 */
export async function runAsActor<T>(
  db: Database,
  actor: Actor,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await actAs(tx, actor);
    return fn(tx);
  });
}

/** Switches the current transaction to `actor` (settings + role); `actAsSystem` switches back. */
export async function actAs(tx: Queryable, actor: Actor): Promise<void> {
  // No JIT: requests read a page; the policies' per-row probes inflate cost estimates past
  // jit_above_cost, and compiling then takes longer (~250 ms) than running the whole statement.
  await tx.query(
    `select set_config('relais.user_id', $1, true), set_config('relais.role', $2, true),
            set_config('relais.visible_teams', $3, true), set_config('relais.member_teams', $4, true),
            set_config('jit', 'off', true), set_config('role', 'relais_app', true)`,
    [actor.userId, actor.role, toArrayLiteral(actor.visibleTeamIds), toArrayLiteral(actor.memberTeamIds)],
  );
}

export async function actAsSystem(tx: Queryable): Promise<void> {
  await tx.query(`select set_config('role', 'none', true), set_config('relais.user_id', '', true)`);
}

/** Loads what RLS needs about a user; null when the user does not exist or is inactive. */
export async function loadActor(db: Queryable, userId: string): Promise<Actor | null> {
  const rows = await db.query<{
    id: string;
    role: Role;
    team_id: string | null;
    email: string;
    display_name: string;
    locale: 'fr' | 'en';
    visible: string[] | null;
    member: string[] | null;
  }>(
    `with recursive
       managed as (
         select t.id from teams t join users u on u.id = $1
          where t.manager_id = u.id or t.id = u.team_id or (u.role = 'admin' and t.parent_id is null)
         union
         select t.id from teams t join managed m on t.parent_id = m.id
           join users u on u.id = $1 where u.role in ('manager', 'admin')
       ),
       ancestors as (
         select t.id, t.parent_id from teams t join users u on u.id = $1 where t.id = u.team_id
         union
         select t.id, t.parent_id from teams t join ancestors a on t.id = a.parent_id
       )
     select u.id, u.role, u.team_id, u.email, u.locale,
            trim(u.first_name || ' ' || u.last_name) as display_name,
            array(select id from managed) as visible,
            array(select id from ancestors) as member
       from users u where u.id = $1 and u.active`,
    [userId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.id,
    role: row.role,
    teamId: row.team_id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    visibleTeamIds: row.visible ?? [],
    memberTeamIds: row.member ?? [],
  };
}
