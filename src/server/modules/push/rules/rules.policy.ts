import type { Role } from '../../../../common/roles.js';
import type { Actor } from '../../../db/access.js';

/** The roles that write, change, try and delete alert rules and declare actions (PUSH-2). */
export const RULE_EDITOR_ROLES: Role[] = ['expert', 'admin'];

/** Rules written for other applications are not a rep's: a rep only ever lists the rules checked inside Relais. */
export const seesOnlyAppRules = (actor: Actor): boolean => actor.role === 'rep';
