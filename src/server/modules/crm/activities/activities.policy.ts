import type { Actor } from '../../../db/access.js';

/** The author or an admin changes, logs, follows up or deletes an activity. */
export const mayManageActivity = (actor: Actor, activity: { ownerId: string }): boolean =>
  activity.ownerId === actor.userId || actor.role === 'admin';
