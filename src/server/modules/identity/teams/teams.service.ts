import type { TeamKind } from '../../../../common/roles.js';
import type { Queryable } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { PARENT_KIND } from './teams.policy.js';
import {
  deleteTeamRow,
  findTeam,
  findTeams,
  hasSubTeams,
  insertTeam,
  isActiveUser,
  isTeamInUse,
  teamKindOf,
  updateTeamRow,
} from './teams.repository.js';
import type { Team } from './teams.schemas.js';

export type TeamInput = { name: string; kind: TeamKind; parentId: string | null; managerId?: string | null };

/** The whole hierarchy: everyone sees the organisation's teams. */
export async function listTeams(ctx: Ctx): Promise<Team[]> {
  return findTeams(ctx.tx);
}

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
  const parentKind = await teamKindOf(tx, input.parentId);
  if (!parentKind || parentKind !== expected) {
    throw validationError([
      { field: 'parentId', message: `A ${input.kind} belongs to a ${expected}.`, code: 'invalid_parent' },
    ]);
  }
  if (teamId && input.parentId === teamId)
    throw validationError([{ field: 'parentId', message: 'A team cannot contain itself.', code: 'cycle' }]);
}

async function assertManager(tx: Queryable, managerId: string | null | undefined) {
  if (!managerId) return;
  if (!(await isActiveUser(tx, managerId)))
    throw validationError([{ field: 'managerId', message: 'Unknown user.', code: 'unknown_user' }]);
}

export async function createTeam(ctx: Ctx, input: TeamInput): Promise<Team> {
  await assertValidPlacement(ctx.tx, input);
  await assertManager(ctx.tx, input.managerId);
  const id = await insertTeam(ctx.tx, {
    name: input.name,
    kind: input.kind,
    parentId: input.parentId,
    managerId: input.managerId ?? null,
  });
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.created',
    targetType: 'team',
    targetId: id,
    ip: ctx.ip,
    details: { name: input.name },
  });
  return (await findTeam(ctx.tx, id))!;
}

export async function updateTeam(ctx: Ctx, id: string, changes: Partial<TeamInput>): Promise<Team> {
  const current = await findTeam(ctx.tx, id);
  if (!current) throw notFound('team');
  const next: TeamInput = {
    name: changes.name ?? current.name,
    kind: changes.kind ?? current.kind,
    parentId: changes.parentId !== undefined ? changes.parentId : current.parentId,
    managerId: changes.managerId !== undefined ? changes.managerId : current.managerId,
  };
  await assertValidPlacement(ctx.tx, next, id);
  await assertManager(ctx.tx, next.managerId);
  if (next.kind !== current.kind && (await hasSubTeams(ctx.tx, id)))
    throw conflict('team.has_children', 'Move its sub-teams first to change its level.');
  await updateTeamRow(ctx.tx, id, {
    name: next.name,
    kind: next.kind,
    parentId: next.parentId,
    managerId: next.managerId ?? null,
  });
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.updated',
    targetType: 'team',
    targetId: id,
    ip: ctx.ip,
    details: { ...changes },
  });
  return (await findTeam(ctx.tx, id))!;
}

export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  const current = await findTeam(ctx.tx, id);
  if (!current) throw notFound('team');
  if (await isTeamInUse(ctx.tx, id))
    throw conflict('team.not_empty', 'This team still has members or sub-teams.');
  await deleteTeamRow(ctx.tx, id);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'team.deleted',
    targetType: 'team',
    targetId: id,
    ip: ctx.ip,
    details: { name: current.name },
  });
}
