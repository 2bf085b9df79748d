import { describe, expect, it } from 'vitest';
import type { Team } from '../../app/teams';
import { buildTeamTree, childKind, descendantIds, flattenTeamTree } from './team-tree';

const team = (id: string, kind: Team['kind'], parentId: string | null, name = id): Team => ({
  id,
  name,
  kind,
  parentId,
  managerId: null,
  managerName: null,
  memberCount: 0,
});

const teams = [
  team('t2', 'team', 'r1', 'Paris'),
  team('r1', 'region', 'n', 'Nord'),
  team('n', 'nation', null, 'France'),
  team('t1', 'team', 'r1', 'Lille'),
  team('r2', 'region', 'n', 'Est'),
  team('orphan', 'team', 'missing', 'Orphan'),
];

describe('buildTeamTree', () => {
  it('nests nation → region → team, sorted by name, with depths', () => {
    const flat = flattenTeamTree(buildTeamTree(teams));
    expect(flat.map((node) => `${'-'.repeat(node.depth)}${node.name}`)).toEqual([
      'France',
      '-Est',
      '-Nord',
      '--Lille',
      '--Paris',
      'Orphan',
    ]);
  });

  it('survives a parent cycle', () => {
    const cyclic = [team('a', 'region', 'b'), team('b', 'region', 'a')];
    expect(() => buildTeamTree(cyclic)).not.toThrow();
  });
});

describe('descendantIds', () => {
  it('includes the team and everything below it', () => {
    expect([...descendantIds(teams, 'r1')].sort()).toEqual(['r1', 't1', 't2']);
    expect([...descendantIds(teams, 't1')]).toEqual(['t1']);
  });
});

describe('childKind', () => {
  it('suggests the next level down', () => {
    expect(childKind(undefined)).toBe('nation');
    expect(childKind({ kind: 'nation' })).toBe('region');
    expect(childKind({ kind: 'region' })).toBe('team');
  });
});
