import type { RouteObject } from 'react-router-dom';
import { ComingSoon } from '../components/ComingSoon';
import { RequireRole } from './guards';
import type { NavItem } from './module-types';

/** A navigation entry whose page is not built yet: its route shows the ComingSoon placeholder. */
export interface ComingSoonPage extends NavItem {
  /** i18n key of one sentence saying what the page will do. */
  descriptionKey: string;
}

export function navOf(pages: readonly ComingSoonPage[]): NavItem[] {
  return pages.map(({ descriptionKey: _description, ...item }) => item);
}

export function comingSoonRoutes(pages: readonly ComingSoonPage[]): RouteObject[] {
  return pages.map((page) => {
    const element = (
      <ComingSoon titleKey={page.labelKey} descriptionKey={page.descriptionKey} icon={page.icon} />
    );
    return {
      path: page.path,
      element: page.roles ? <RequireRole roles={page.roles}>{element}</RequireRole> : element,
    };
  });
}
