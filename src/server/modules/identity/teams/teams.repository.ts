import type { TeamKind } from '../../../../common/roles.js';
import type { Queryable } from '../../../db/client.js';
import type { Team } from './teams.schemas.js';

type TeamRow = {
  id: string;
  name: string;
  kind: TeamKind;
  parent_id: string | null;
  manager_id: string | null;
  manager_name: string | null;
  member_count: number | null;
};

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parent_id,
  managerId: row.manager_id,
  managerName: row.manager_name ?? null,
  memberCount: row.member_count ?? 0,
});

/** Every team (or the one with `id`), nations first, with its manager's name and active members. */
export async function findTeams(db: Queryable, id?: string): Promise<Team[]> {
  const rows = await db.query<TeamRow>(
    `select t.*, trim(m.first_name || ' ' || m.last_name) as manager_name,
            (select count(*)::int from users u where u.team_id = t.id and u.active) as member_count
       from teams t left join users m on m.id = t.manager_id
      ${id ? 'where t.id = $1' : ''}
      order by case t.kind when 'nation' then 0 when 'region' then 1 else 2 end, t.name`,
    id ? [id] : [],
  );
  return rows.map(toTeam);
}

export async function findTeam(db: Queryable, id: string): Promise<Team | undefined> {
  return (await findTeams(db, id))[0];
}

export async function teamKindOf(db: Queryable, id: string | null): Promise<TeamKind | undefined> {
  const [row] = await db.query<{ kind: TeamKind }>(`select kind from teams where id = $1`, [id]);
  return row?.kind;
}

export async function isActiveUser(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db.query(`select 1 from users where id = $1 and active`, [userId]);
  return rows.length > 0;
}

export async function hasSubTeams(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(`select 1 from teams where parent_id = $1 limit 1`, [id]);
  return rows.length > 0;
}

/** Whether a team still has members (active or not) or sub-teams. */
export async function isTeamInUse(db: Queryable, id: string): Promise<boolean> {
  const [{ used }] = await db.query<{ used: boolean }>(
    `select exists (select 1 from users where team_id = $1) or exists (select 1 from teams where parent_id = $1) as used`,
    [id],
  );
  return used;
}

export type TeamValues = {
  name: string;
  kind: TeamKind;
  parentId: string | null;
  managerId: string | null;
};

export async function insertTeam(db: Queryable, values: TeamValues): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into teams (name, kind, parent_id, manager_id) values ($1, $2, $3, $4) returning id`,
    [values.name, values.kind, values.parentId, values.managerId],
  );
  return row.id;
}

export async function updateTeamRow(db: Queryable, id: string, values: TeamValues): Promise<void> {
  await db.query(`update teams set name = $2, kind = $3, parent_id = $4, manager_id = $5 where id = $1`, [
    id,
    values.name,
    values.kind,
    values.parentId,
    values.managerId,
  ]);
}

export async function deleteTeamRow(db: Queryable, id: string): Promise<void> {
  await db.query(`delete from teams where id = $1`, [id]);
}

export async function setTeamManager(db: Queryable, teamId: string, userId: string): Promise<void> {
  await db.query(`update teams set manager_id = $1 where id = $2`, [userId, teamId]);
}
