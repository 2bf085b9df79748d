import { IconBeach, IconCalendarWeek, IconFolders, IconReceipt } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'expenses',
    path: '/expenses',
    icon: IconReceipt,
    labelKey: 'backoffice:nav.expenses',
    descriptionKey: 'backoffice:coming.expenses',
  },
  {
    id: 'leave',
    path: '/leave',
    icon: IconBeach,
    labelKey: 'backoffice:nav.leave',
    descriptionKey: 'backoffice:coming.leave',
  },
  {
    id: 'weeklyReports',
    path: '/weekly-reports',
    icon: IconCalendarWeek,
    labelKey: 'backoffice:nav.weeklyReports',
    descriptionKey: 'backoffice:coming.weeklyReports',
  },
];

export const module: AppModule = {
  id: 'backoffice',
  labelKey: 'backoffice:module.title',
  order: 80,
  icon: IconFolders,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
