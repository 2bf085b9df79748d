import type { Actor } from '../../../db/access.js';

/** The owner, a manager or an admin changes an offer's owner or confidentiality, or deletes it. */
export const mayManageOffer = (actor: Actor, offer: { ownerId: string }): boolean =>
  offer.ownerId === actor.userId || actor.role === 'admin' || actor.role === 'manager';
