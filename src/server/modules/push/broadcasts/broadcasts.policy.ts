import type { Role } from '../../../../common/roles.js';
import type { Actor } from '../../../db/access.js';

/** The roles that broadcast, preview an audience, stop a broadcast and read its receipts. */
export const BROADCASTER_ROLES: Role[] = ['manager', 'expert', 'admin'];

/**
 * An admin broadcasts to the whole company; anyone else to their own teams and the teams below
 * them. (Changing a broadcast is the author's or an admin's: row-level security decides it.)
 */
export const broadcastsToWholeCompany = (actor: Actor): boolean => actor.role === 'admin';
