import { IconLifebuoy, IconMessages, IconNews, IconUsersGroup } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'feed',
    path: '/feed',
    icon: IconNews,
    labelKey: 'community:nav.feed',
    descriptionKey: 'community:coming.feed',
  },
  {
    id: 'spaces',
    path: '/spaces',
    icon: IconUsersGroup,
    labelKey: 'community:nav.spaces',
    descriptionKey: 'community:coming.spaces',
  },
  {
    id: 'helpRequests',
    path: '/help-requests',
    icon: IconLifebuoy,
    labelKey: 'community:nav.helpRequests',
    descriptionKey: 'community:coming.helpRequests',
  },
];

export const module: AppModule = {
  id: 'community',
  labelKey: 'community:module.title',
  order: 40,
  icon: IconMessages,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
