import type { Actor } from '../../db/access.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Webhooks send company data out of Relais: only admins register, change or read them (the
 * database holds the same rule for code running as relais_app).
 */
export function assertCanManageWebhooks(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins manage webhooks.');
}
