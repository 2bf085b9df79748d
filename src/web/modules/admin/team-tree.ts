import type { Team } from '../../app/teams';

export interface TeamNode extends Team {
  children: TeamNode[];
  depth: number;
}

const KIND_RANK: Record<string, number> = { nation: 0, region: 1, team: 2 };

function compareTeams(a: Team, b: Team): number {
  return (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9) || a.name.localeCompare(b.name);
}

/** Nation → region → team tree; teams whose parent is unknown become roots rather than vanish. */
export function buildTeamTree(teams: readonly Team[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>();
  for (const team of teams) nodes.set(team.id, { ...team, children: [], depth: 0 });
  const roots: TeamNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (list: TeamNode[], depth: number, seen: Set<string>) => {
    list.sort(compareTeams);
    for (const node of list) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      node.depth = depth;
      visit(node.children, depth + 1, seen);
    }
  };
  visit(roots, 0, new Set());
  return roots;
}

/** Ids of a team and everything below it: these cannot become its parent. */
export function descendantIds(teams: readonly Team[], rootId: string): Set<string> {
  const result = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const team of teams) {
      if (team.parentId && result.has(team.parentId) && !result.has(team.id)) {
        result.add(team.id);
        grew = true;
      }
    }
  }
  return result;
}

/** The kind a new child of `parent` should have by default. */
export function childKind(parent: Pick<Team, 'kind'> | undefined): Team['kind'] {
  if (!parent) return 'nation';
  return parent.kind === 'nation' ? 'region' : 'team';
}

/** Flattens the tree depth-first, e.g. for a parent selector with indentation. */
export function flattenTeamTree(nodes: readonly TeamNode[]): TeamNode[] {
  return nodes.flatMap((node) => [node, ...flattenTeamTree(node.children)]);
}
