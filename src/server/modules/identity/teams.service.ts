import type { TeamKind } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import type { Team } from './schemas.js';

const PARENT_KIND: Record<TeamKind, TeamKind | null> = { nation: null, region: 'nation', team: 'region' };

const toTeam = (row: any): Team => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parent_id,
  managerId: row.manager_id,
  managerName: row.manager_name ?? null,
  memberCount: row.member_count ?? 0,
});

export async function listTeams(db: Queryable, id?: string): Promise<Team[]> {
  const rows = await db.query(
    `select t.*, trim(m.first_name || ' ' || m.last_name) as manager_name,
            (select count(*)::int from users u where u.team_id = t.id and u.active) as member_count
       from teams t left join users m on m.id = t.manager_id
      ${id ? 'where t.id = $1' : ''}
      order by case t.kind when 'nation' then 0 when 'region' then 1 else 2 end, t.name`,
    id ? [id] : [],
  );
  return rows.map(toTeam);
}

export type TeamInput = { name: string; kind: TeamKind; parentId: string | null; managerId?: string | null };

/** Nation → region → team: a team's parent must be exactly one level up, and never itself below. */
async function assertValidPlacement(tx: Queryable, input: TeamInput, teamId?: string) {
  const expected = PARENT_KIND[input.kind];
  if (!expected) {
    if (input.parentId)
      throw validationError([
        { field: 'parentId', message: 'A nation has no parent.', code: 'invalid_parent' },
      ]);
    return;
  }
  const [parent] = await tx.query<{ kind: TeamKind }>(`select kind from teams where id = $1`, [
    input.parentId,
  ]);
  if (!parent || parent.kind !== expected) {
    throw validationError([
      { field: 'parentId', message: `A ${input.kind} belongs to a ${expected}.`, code: 'invalid_parent' },
    ]);
  }
  if (teamId && input.parentId === teamId)
    throw validationError([{ field: 'parentId', message: 'A team cannot contain itself.', code: 'cycle' }]);
}

async function assertManager(tx: Queryable, managerId: string | null | undefined) {
  if (!managerId) return;
  const rows = await tx.query(`select 1 from users where id = $1 and active`, [managerId]);
  if (rows.length === 0)
    throw validationError([{ field: 'managerId', message: 'Unknown user.', code: 'unknown_user' }]);
}

export async function createTeam(ctx: Ctx, input: TeamInput): Promise<Team> {
  await assertValidPlacement(ctx.tx, input);
  await assertManager(ctx.tx, input.managerId);
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into teams (name, kind, parent_id, manager_id) values ($1, $2, $3, $4) returning id`,
    [input.name, input.kind, input.parentId, input.managerId ?? null],
  );
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.created',
    targetType: 'team',
    targetId: row.id,
    ip: ctx.ip,
    details: { name: input.name },
  });
  return (await listTeams(ctx.tx, row.id))[0];
}

export async function updateTeam(ctx: Ctx, id: string, changes: Partial<TeamInput>): Promise<Team> {
  const [current] = await listTeams(ctx.tx, id);
  if (!current) throw notFound('team');
  const next: TeamInput = {
    name: changes.name ?? current.name,
    kind: changes.kind ?? current.kind,
    parentId: changes.parentId !== undefined ? changes.parentId : current.parentId,
    managerId: changes.managerId !== undefined ? changes.managerId : current.managerId,
  };
  await assertValidPlacement(ctx.tx, next, id);
  await assertManager(ctx.tx, next.managerId);
  if (next.kind !== current.kind) {
    const children = await ctx.tx.query(`select 1 from teams where parent_id = $1 limit 1`, [id]);
    if (children.length > 0)
      throw conflict('team.has_children', 'Move its sub-teams first to change its level.');
  }
  await ctx.tx.query(`update teams set name = $2, kind = $3, parent_id = $4, manager_id = $5 where id = $1`, [
    id,
    next.name,
    next.kind,
    next.parentId,
    next.managerId,
  ]);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.updated',
    targetType: 'team',
    targetId: id,
    ip: ctx.ip,
    details: { ...changes },
  });
  return (await listTeams(ctx.tx, id))[0];
}

export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  const [current] = await listTeams(ctx.tx, id);
  if (!current) throw notFound('team');
  const [{ used }] = await ctx.tx.query<{ used: boolean }>(
    `select exists (select 1 from users where team_id = $1) or exists (select 1 from teams where parent_id = $1) as used`,
    [id],
  );
  if (used) throw conflict('team.not_empty', 'This team still has members or sub-teams.');
  await ctx.tx.query(`delete from teams where id = $1`, [id]);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.deleted',
    targetType: 'team',
    targetId: id,
    ip: ctx.ip,
    details: { name: current.name },
  });
}
