import type { Actor } from '../../../db/access.js';
import { forbidden } from '../../../platform/errors.js';
import type { SpaceCreate } from './spaces.schemas.js';

/**
 * Who may open a space. Any staff member may open a team, restricted or secret space; a public
 * space reaches everyone, so only admins and managers open one.
 */
export function canCreateSpace(actor: Actor, visibility: SpaceCreate['visibility']): boolean {
  return visibility !== 'public' || actor.role === 'admin' || actor.role === 'manager';
}

export function assertCanCreateSpace(actor: Actor, visibility: SpaceCreate['visibility']): void {
  if (!canCreateSpace(actor, visibility))
    throw forbidden('Only admins and managers open a space every staff member sees.');
}
