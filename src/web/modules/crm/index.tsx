import {
  IconActivity,
  IconBriefcase,
  IconCalendarWeek,
  IconFileDollar,
  IconLayoutDashboard,
  IconPackage,
} from '@tabler/icons-react';
import { navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';
import { accountsRoutes, withAccountsNav } from '../accounts/routes';
import { salesRoutes, salesStandaloneRoutes } from '../sales/routes';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'dashboard',
    path: '/dashboard',
    icon: IconLayoutDashboard,
    labelKey: 'crm:nav.dashboard',
    descriptionKey: 'crm:coming.dashboard',
  },
  {
    id: 'agenda',
    path: '/agenda',
    icon: IconCalendarWeek,
    labelKey: 'crm:nav.agenda',
    descriptionKey: 'crm:coming.agenda',
  },
  {
    id: 'products',
    path: '/products',
    icon: IconPackage,
    labelKey: 'crm:nav.products',
    descriptionKey: 'crm:coming.products',
  },
  {
    id: 'offers',
    path: '/offers',
    icon: IconFileDollar,
    labelKey: 'crm:nav.offers',
    descriptionKey: 'crm:coming.offers',
  },
  {
    id: 'activities',
    path: '/activities',
    icon: IconActivity,
    labelKey: 'crm:nav.activities',
    descriptionKey: 'crm:coming.activities',
  },
];

export const module: AppModule = {
  id: 'crm',
  labelKey: 'crm:module.title',
  order: 10,
  icon: IconBriefcase,
  nav: withAccountsNav(navOf(pages)),
  routes: [...accountsRoutes, ...salesRoutes],
  publicRoutes: salesStandaloneRoutes,
};
