import type { Ctx } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { isExpert } from '../items/items.policy.js';

/** Experts and admins maintain the catalogue of situations (KB-5); reps declare and decide links. */
export function assertMaintainsSituations(ctx: Ctx): void {
  if (!isExpert(ctx))
    throw forbidden('Only experts and admins maintain the catalogue of situations.', 'situation.expert_only');
}
