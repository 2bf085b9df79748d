import type { UserRow } from './users.repository.js';
import type { UserChanges } from './users.schemas.js';

/** Users are invited, changed and listed by admins only. */
export const manageUsers = { roles: ['admin' as const] };

/**
 * Whether a change takes an active administrator away (demoted or deactivated): Relais must keep
 * at least one, so the service then checks that another remains.
 */
export function losesAdmin(before: UserRow, changes: UserChanges): boolean {
  return (
    before.role === 'admin' &&
    before.active &&
    Boolean((changes.role && changes.role !== 'admin') || changes.active === false)
  );
}
