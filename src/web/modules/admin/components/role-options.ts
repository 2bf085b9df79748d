import type { TFunction } from 'i18next';
import { ROLES } from '../../../../common/roles';
import type { Team } from '../../../app/teams';
import { buildTeamTree, flattenTeamTree } from '../team-tree';

export function roleOptions(t: TFunction) {
  return ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }));
}

/** Teams in tree order, indented with non-breaking spaces so the hierarchy reads in a Select. */
export function teamOptions(teams: readonly Team[] | undefined, exclude?: Set<string>) {
  return flattenTeamTree(buildTeamTree(teams ?? []))
    .filter((team) => !exclude?.has(team.id))
    .map((team) => ({ value: team.id, label: `${'\u00a0\u00a0\u00a0'.repeat(team.depth)}${team.name}` }));
}
