import type { Role } from '../../../../common/roles.js';
import { writeAudit } from '../../../platform/audit.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { decodeCursor, orderBy, toPage, type ListQuery } from '../../../platform/list-query.js';
import { randomSecret, sha256 } from '../shared/credentials.js';
import { losesAdmin } from './users.policy.js';
import {
  countOtherActiveAdmins,
  deleteUserSessions,
  findUserById,
  findUsers,
  insertInvitedUser,
  isEmailTaken,
  publicUser,
  teamExists,
  updateUserRow,
  type UserFilters,
} from './users.repository.js';
import type { User, UserChanges } from './users.schemas.js';

const USER_SORTS = {
  name: 'u.last_name',
  email: 'u.email',
  role: 'u.role',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
};
const INVITE_DAYS = 14;

export async function listUsers(ctx: Ctx, query: ListQuery & UserFilters) {
  const offset = decodeCursor(query.cursor);
  const { rows, total } = await findUsers(
    ctx.tx,
    query,
    orderBy(query.sort, USER_SORTS, 'name', 'u.id'),
    query.limit,
    offset,
  );
  return toPage(rows.map(publicUser), query, offset, total);
}

async function assertTeamExists(ctx: Ctx, teamId: string | null | undefined) {
  if (!teamId) return;
  if (!(await teamExists(ctx.tx, teamId)))
    throw validationError([{ field: 'teamId', message: 'Unknown team.', code: 'unknown_team' }]);
}

export type InviteInput = {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  teamId: string | null;
};

/** Creates the user with a single-use invitation link, and e-mails it in their language. */
export async function inviteUser(ctx: Ctx, input: InviteInput) {
  await assertTeamExists(ctx, input.teamId);
  if (await isEmailTaken(ctx.tx, input.email))
    throw conflict('user.email_taken', 'A user already has this e-mail.', [
      { field: 'email', message: 'Already used.', code: 'taken' },
    ]);
  const token = randomSecret();
  const id = await insertInvitedUser(ctx.tx, input, sha256(token), INVITE_DAYS);
  const inviteUrl = `${ctx.deps.config.publicUrl}/invite/${token}`;
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'user.invited',
    targetType: 'user',
    targetId: id,
    ip: ctx.ip,
    details: { email: input.email, role: input.role },
  });
  await ctx.deps.mailer.send(ctx.tx, {
    to: input.email,
    subject: 'Relais — invitation / Your invitation to Relais',
    text: `Bonjour ${input.firstName},\n\n${ctx.actor.displayName} vous invite sur Relais. Choisissez votre mot de passe : ${inviteUrl}\n\n—\n\nHello ${input.firstName},\n\n${ctx.actor.displayName} invites you to Relais. Choose your password: ${inviteUrl}\n`,
    related: { type: 'user', id },
  });
  return { user: publicUser((await findUserById(ctx.tx, id))!), inviteUrl };
}

/** Admin changes to a user; role changes and deactivations are audited (ID-4). */
export async function updateUser(ctx: Ctx, id: string, changes: UserChanges) {
  const before = await findUserById(ctx.tx, id);
  if (!before) throw notFound('user');
  if (changes.teamId !== undefined) await assertTeamExists(ctx, changes.teamId);
  if (losesAdmin(before, changes) && (await countOtherActiveAdmins(ctx.tx, id)) === 0)
    throw conflict('user.last_admin', 'Relais needs at least one active administrator.');
  await updateUserRow(ctx.tx, id, changes);
  const audit = (action: string, details: Record<string, unknown>) =>
    writeAudit(ctx.tx, {
      actorId: ctx.actor.userId,
      action,
      targetType: 'user',
      targetId: id,
      ip: ctx.ip,
      details,
    });
  if (changes.role && changes.role !== before.role)
    await audit('user.role_changed', { from: before.role, to: changes.role });
  if (changes.teamId !== undefined && changes.teamId !== before.teamId)
    await audit('user.team_changed', { from: before.teamId, to: changes.teamId });
  if (changes.active === false && before.active) await audit('user.deactivated', {});
  if (changes.active === true && !before.active) await audit('user.reactivated', {});
  return publicUser((await findUserById(ctx.tx, id))!);
}

/**
 * After a committed change: a deactivated user signs out everywhere at once (their sessions are
 * deleted outside row-level security), and every cached credential is resolved again.
 */
export async function afterUserChange(deps: AppDeps, user: User, changes: UserChanges): Promise<void> {
  if (changes.active === false) await deleteUserSessions(deps.db, user.id);
  deps.credentials.forget();
}
