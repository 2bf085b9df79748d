import type { Actor } from '../../../db/access.js';
import { forbidden } from '../../../platform/errors.js';

/** Single sign-on decides who gets in: only admins read or change its settings. */
export const manageSso = { roles: ['admin' as const] };

export function assertCanManageSso(actor: Actor): void {
  if (actor.role !== 'admin') throw forbidden('Only admins manage single sign-on.');
}
