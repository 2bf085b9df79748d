import type { Role } from '../../../../common/roles.js';
import type { Actor } from '../../../db/access.js';
import { forbidden } from '../../../platform/errors.js';

/** The roles that create, change and delete change plans and their actions. */
export const PLAN_MANAGER_ROLES: Role[] = ['manager', 'expert', 'admin'];

export const mayManagePlans = (actor: Actor): boolean => PLAN_MANAGER_ROLES.includes(actor.role);

/**
 * A plan manager changes any action; the person in charge of an action may only change its
 * status (they report progress, they do not re-plan).
 */
export function assertMayUpdateAction(
  actor: Actor,
  action: { ownerId: string | null },
  onlyStatus: boolean,
): void {
  if (!mayManagePlans(actor) && !(onlyStatus && action.ownerId === actor.userId))
    throw forbidden('Only the person in charge may update the status of this action.');
}
