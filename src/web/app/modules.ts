import type { AppModule, NavItem } from './module-types';
import { hasRole, type Me } from './session';

/**
 * Every `modules/<module>/index.tsx` exporting `module` joins the app automatically, so adding a
 * module never means editing a shared list (several engineers work in parallel).
 */
const moduleFiles = import.meta.glob<{ module?: AppModule }>('../modules/*/index.tsx', { eager: true });

export const appModules: AppModule[] = Object.entries(moduleFiles)
  .map(([path, file]) => {
    if (!file.module) throw new Error(`${path} must export "module"`);
    return file.module;
  })
  .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

/** A navigation group as shown to one user. */
export interface NavGroup {
  id: string;
  labelKey: string;
  icon?: AppModule['icon'];
  items: NavItem[];
}

/** Navigation groups the user may see, in order, without empty groups. */
export function visibleNavGroups(
  modules: readonly AppModule[],
  user: Pick<Me, 'role'> | null | undefined,
): NavGroup[] {
  return modules
    .filter((module) => module.labelKey && hasRole(user, module.roles))
    .map((module) => ({
      id: module.id,
      labelKey: module.labelKey as string,
      icon: module.icon,
      items: module.nav.filter((item) => hasRole(user, item.roles)),
    }))
    .filter((group) => group.items.length > 0);
}

/** The group whose item matches the path best (longest prefix), for opening it in the navbar. */
export function activeGroupId(groups: readonly NavGroup[], pathname: string): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const group of groups) {
    for (const item of group.items) {
      const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
      if (matches && (!best || item.path.length > best.length))
        best = { id: group.id, length: item.path.length };
    }
  }
  return best?.id;
}
