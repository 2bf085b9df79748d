import { IconBook2, IconBulb, IconRoute } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'base',
    path: '/knowledge',
    icon: IconBook2,
    labelKey: 'knowledge:nav.base',
    descriptionKey: 'knowledge:coming.base',
  },
  {
    id: 'situations',
    path: '/situations',
    icon: IconRoute,
    labelKey: 'knowledge:nav.situations',
    descriptionKey: 'knowledge:coming.situations',
  },
];

export const module: AppModule = {
  id: 'knowledge',
  labelKey: 'knowledge:module.title',
  order: 20,
  icon: IconBulb,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
