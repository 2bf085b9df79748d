import { describe, expect, it } from 'vitest';
import { activeGroupId, appModules, visibleNavGroups } from './modules';

/** The navigation promised by the SPEC: every module, grouped (paths are the app's contract). */
const EXPECTED_NAV: Record<string, string[]> = {
  crm: ['/dashboard', '/accounts', '/contacts', '/products', '/offers', '/activities'],
  knowledge: ['/knowledge', '/situations'],
  push: ['/for-me', '/notifications', '/broadcasts', '/push-rules', '/change-plans'],
  community: ['/feed', '/spaces', '/help-requests'],
  expertise: ['/experts', '/contributions'],
  learning: ['/quizzes', '/training-plan'],
  management: ['/results', '/campaigns', '/win-stories'],
  backoffice: ['/expenses', '/leave', '/weekly-reports'],
  admin: ['/admin/users', '/admin/teams', '/admin/audit'],
};

describe('module registry', () => {
  it('shows every SPEC module to an admin, grouped and in order', () => {
    const groups = visibleNavGroups(appModules, { role: 'admin' });
    expect(groups.map((group) => group.id)).toEqual(Object.keys(EXPECTED_NAV));
    for (const group of groups) {
      expect(
        group.items.map((item) => item.path),
        group.id,
      ).toEqual(expect.arrayContaining(EXPECTED_NAV[group.id] ?? []));
    }
  });

  it('hides administration from other roles', () => {
    for (const role of ['rep', 'manager', 'expert'] as const) {
      const ids = visibleNavGroups(appModules, { role }).map((group) => group.id);
      expect(ids).not.toContain('admin');
      expect(ids).toContain('crm');
    }
  });

  it('gives every navigation entry a route', () => {
    const routePaths = new Set(appModules.flatMap((module) => module.routes.map((route) => route.path)));
    const missing = appModules.flatMap((module) =>
      module.nav.filter((item) => !routePaths.has(item.path)).map((item) => item.path),
    );
    expect(missing).toEqual([]);
  });

  it('has no two routes on the same path', () => {
    const paths = appModules
      .flatMap((module) => [...module.routes, ...(module.publicRoutes ?? [])].map((route) => route.path))
      .filter(Boolean);
    expect(paths.filter((path, index) => paths.indexOf(path) !== index)).toEqual([]);
  });

  it('finds the group of the current page, preferring the longest match', () => {
    const groups = visibleNavGroups(appModules, { role: 'admin' });
    expect(activeGroupId(groups, '/accounts/42')).toBe('crm');
    expect(activeGroupId(groups, '/admin/teams')).toBe('admin');
    expect(activeGroupId(groups, '/profile')).toBeUndefined();
  });
});
