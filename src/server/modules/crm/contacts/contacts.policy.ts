import type { Actor } from '../../../db/access.js';

/** The owner or an admin changes a contact's sensitive fields, deletes or erases it (ID-5). */
export const mayManageContact = (actor: Actor, contact: { ownerId: string }): boolean =>
  contact.ownerId === actor.userId || actor.role === 'admin';
