import { IconChartBar, IconFlag, IconPresentationAnalytics, IconTrophy } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'results',
    path: '/results',
    icon: IconChartBar,
    labelKey: 'management:nav.results',
    descriptionKey: 'management:coming.results',
  },
  {
    id: 'campaigns',
    path: '/campaigns',
    icon: IconFlag,
    labelKey: 'management:nav.campaigns',
    descriptionKey: 'management:coming.campaigns',
  },
  {
    id: 'winStories',
    path: '/win-stories',
    icon: IconTrophy,
    labelKey: 'management:nav.winStories',
    descriptionKey: 'management:coming.winStories',
  },
];

export const module: AppModule = {
  id: 'management',
  labelKey: 'management:module.title',
  order: 70,
  icon: IconPresentationAnalytics,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
