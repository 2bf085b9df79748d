import type { Role } from '../../../common/roles';

/** A row of `GET /api/v1/admin/users`. */
export interface AdminUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** A row of `GET /api/v1/audit`. */
export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

/** The shared list convention (API-1). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}
