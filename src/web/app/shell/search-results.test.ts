import { describe, expect, it } from 'vitest';
import { groupSearchHits, matchesQuery, normalizeForSearch } from './search-results';

describe('groupSearchHits', () => {
  it('groups by type in order of first appearance, keeping ranking inside groups', () => {
    const hit = (type: string, id: string) => ({ type, id, title: id, url: `/${type}/${id}` });
    const groups = groupSearchHits([
      hit('account', 'a1'),
      hit('person', 'p1'),
      hit('account', 'a2'),
      hit('knowledge', 'k1'),
    ]);
    expect(groups.map((group) => [group.type, group.items.map((item) => item.id)])).toEqual([
      ['account', ['a1', 'a2']],
      ['person', ['p1']],
      ['knowledge', ['k1']],
    ]);
  });
});

describe('matchesQuery', () => {
  it('ignores case and accents and needs every word', () => {
    expect(normalizeForSearch('Équipes ')).toBe('equipes');
    expect(matchesQuery('equipe', 'Équipes', 'Administration')).toBe(true);
    expect(matchesQuery('admin equ', 'Équipes', 'Administration')).toBe(true);
    expect(matchesQuery('admin offres', 'Équipes', 'Administration')).toBe(false);
    expect(matchesQuery('  ', 'anything')).toBe(true);
  });
});
