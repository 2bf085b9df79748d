import type { Ctx } from '../../../platform/context.js';
import { unauthorized } from '../../../platform/errors.js';
import { findUserById, toMe, updateOwnProfile } from '../users/users.repository.js';
import type { Me } from '../users/users.schemas.js';
import type { ProfileChanges } from './me.schemas.js';

/** The signed-in user; a user deleted since their session resolved is signed out. */
export async function readMe(ctx: Ctx): Promise<Me> {
  const user = await findUserById(ctx.tx, ctx.actor.userId);
  if (!user) throw unauthorized();
  return toMe(user);
}

/** A user changes their own name or language; unset fields keep their value. */
export async function updateMe(ctx: Ctx, changes: ProfileChanges): Promise<Me> {
  const { firstName, lastName, locale } = changes;
  await updateOwnProfile(ctx.tx, ctx.actor.userId, { firstName, lastName, locale });
  return toMe((await findUserById(ctx.tx, ctx.actor.userId))!);
}
