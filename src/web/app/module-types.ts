import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { Role } from '../../common/roles';

/** Icon component as exported by @tabler/icons-react. */
export type NavIcon = ComponentType<{ size?: number | string; stroke?: number | string }>;

/** One entry of the navigation (and of the Ctrl+K static actions). */
export interface NavItem {
  id: string;
  /** i18n key of the label, `ns:key` form. */
  labelKey: string;
  path: string;
  icon: NavIcon;
  /** Roles allowed to see the entry; every role when absent. */
  roles?: readonly Role[];
}

/**
 * What each `src/web/modules/<module>/index.tsx` exports as `module`.
 * `routes` render inside the signed-in shell; `publicRoutes` outside it (login, invite…).
 */
export interface AppModule {
  id: string;
  /** i18n key of the navigation group title; modules without navigation may omit it. */
  labelKey?: string;
  /** Position of the group in the navigation (ascending). */
  order: number;
  icon?: NavIcon;
  nav: NavItem[];
  routes: RouteObject[];
  publicRoutes?: RouteObject[];
  /** Roles allowed to see the whole group. */
  roles?: readonly Role[];
}
