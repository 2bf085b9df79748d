import type { Me } from '../../app/session';

/** A row of `GET /api/v1/admin/users`: the user as /me shows it, plus account state. */
export interface AdminUser extends Me {
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
  /** A person's or a team's name, or the name the entry noted; never shown as an id when absent. */
  targetName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  /** Names of the people and teams `details` mentions by id. */
  names: Record<string, string>;
}

/** The shared list convention (API-1). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}
