import { IconActivity, IconAddressBook, IconBriefcase, IconBuilding, IconFileDollar, IconLayoutDashboard, IconPackage } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

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
    id: 'accounts',
    path: '/accounts',
    icon: IconBuilding,
    labelKey: 'crm:nav.accounts',
    descriptionKey: 'crm:coming.accounts',
  },
  {
    id: 'contacts',
    path: '/contacts',
    icon: IconAddressBook,
    labelKey: 'crm:nav.contacts',
    descriptionKey: 'crm:coming.contacts',
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
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
