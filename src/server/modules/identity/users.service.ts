import type { Ctx } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { decodeCursor, orderBy, toPage, type ListQuery } from '../../platform/list-query.js';
import { randomSecret, sha256 } from './credentials.js';
import { findUserById, findUsers, publicUser, type UserFilters } from './users.repository.js';
import type { Role } from '../../../common/roles.js';

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
  const rows = await ctx.tx.query(`select 1 from teams where id = $1`, [teamId]);
  if (rows.length === 0)
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
  const existing = await ctx.tx.query(`select 1 from users where lower(email) = lower($1)`, [input.email]);
  if (existing.length > 0)
    throw conflict('user.email_taken', 'A user already has this e-mail.', [
      { field: 'email', message: 'Already used.', code: 'taken' },
    ]);
  const token = randomSecret();
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into users (email, first_name, last_name, role, team_id, invite_token_hash, invite_expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) returning id`,
    [input.email, input.firstName, input.lastName, input.role, input.teamId, sha256(token), INVITE_DAYS],
  );
  const inviteUrl = `${ctx.deps.config.publicUrl}/invite/${token}`;
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'user.invited',
    targetType: 'user',
    targetId: row.id,
    ip: ctx.ip,
    details: { email: input.email, role: input.role },
  });
  await ctx.deps.mailer.send(ctx.tx, {
    to: input.email,
    subject: 'Relais — invitation / Your invitation to Relais',
    text: `Bonjour ${input.firstName},\n\n${ctx.actor.displayName} vous invite sur Relais. Choisissez votre mot de passe : ${inviteUrl}\n\n—\n\nHello ${input.firstName},\n\n${ctx.actor.displayName} invites you to Relais. Choose your password: ${inviteUrl}\n`,
    related: { type: 'user', id: row.id },
  });
  return { user: publicUser((await findUserById(ctx.tx, row.id))!), inviteUrl };
}

export type UserChanges = {
  role?: Role;
  teamId?: string | null;
  active?: boolean;
  firstName?: string;
  lastName?: string;
};

/** Admin changes to a user; role changes and deactivations are audited (ID-4). */
export async function updateUser(ctx: Ctx, id: string, changes: UserChanges) {
  const before = await findUserById(ctx.tx, id);
  if (!before) throw notFound('user');
  if (changes.teamId !== undefined) await assertTeamExists(ctx, changes.teamId);
  const losesAdmin =
    before.role === 'admin' &&
    before.active &&
    ((changes.role && changes.role !== 'admin') || changes.active === false);
  if (losesAdmin) {
    const [{ count }] = await ctx.tx.query<{ count: number }>(
      `select count(*)::int as count from users where role = 'admin' and active and id <> $1`,
      [id],
    );
    if (count === 0) throw conflict('user.last_admin', 'Relais needs at least one active administrator.');
  }
  await ctx.tx.query(
    `update users set role = coalesce($2, role), team_id = case when $3::boolean then $4::uuid else team_id end,
            active = coalesce($5, active), first_name = coalesce($6, first_name), last_name = coalesce($7, last_name),
            updated_at = now() where id = $1`,
    [
      id,
      changes.role ?? null,
      changes.teamId !== undefined,
      changes.teamId ?? null,
      changes.active ?? null,
      changes.firstName ?? null,
      changes.lastName ?? null,
    ],
  );
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
