import type { Actor } from '../../../db/access.js';

/** The owner or an admin changes an account's owner, team or confidentiality, deletes or merges it away. */
export const mayManageAccount = (actor: Actor, account: { ownerId: string }): boolean =>
  account.ownerId === actor.userId || actor.role === 'admin';
