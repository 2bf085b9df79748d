import type { TeamKind } from '../../../../common/roles.js';

/** Teams shape everyone's visibility (ID-3), so only admins create, change or delete them. */
export const manageTeams = { roles: ['admin' as const] };

/** Nation → region → team: the kind a team's parent must have (none for a nation). */
export const PARENT_KIND: Record<TeamKind, TeamKind | null> = {
  nation: null,
  region: 'nation',
  team: 'region',
};
