import type { Ctx } from '../../../platform/context.js';
import { emitEvent } from '../../../platform/events.js';
import type { Paging } from '../../../platform/list-query.js';
import { assertCanCreateSpace } from './spaces.policy.js';
import { insertSpace, listSpaces } from './spaces.repository.js';
import type { Space, SpaceCreate } from './spaces.schemas.js';

/** Opens a space owned by the actor, in the actor's team; announced as `space.created`. */
export async function createSpace(ctx: Ctx, input: SpaceCreate): Promise<Space> {
  assertCanCreateSpace(ctx.actor, input.visibility);
  const space = await insertSpace(ctx.tx, { ...input, ownerId: ctx.actor.userId, teamId: ctx.actor.teamId });
  await emitEvent(ctx.tx, {
    type: 'space.created',
    payload: { spaceId: space.id, visibility: space.visibility },
    actorId: ctx.actor.userId,
  });
  return space;
}

/** The spaces the actor sees (ID-3 in the database: a secret space only to its members). */
export function findSpaces(ctx: Ctx, paging: Paging) {
  return listSpaces(ctx.tx, paging);
}
