import { IconAward, IconStar, IconUserCircle, IconUserSearch } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ComingSoon';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'finder',
    path: '/experts',
    icon: IconUserSearch,
    labelKey: 'expertise:nav.finder',
    descriptionKey: 'expertise:coming.finder',
  },
  {
    id: 'contributions',
    path: '/contributions',
    icon: IconAward,
    labelKey: 'expertise:nav.contributions',
    descriptionKey: 'expertise:coming.contributions',
  },
];

export const module: AppModule = {
  id: 'expertise',
  labelKey: 'expertise:module.title',
  order: 50,
  icon: IconStar,
  nav: navOf(pages),
  routes: [
    ...comingSoonRoutes(pages),
    // Global search links people here (`person` results).
    {
      path: '/people/:personId',
      element: (
        <ComingSoon
          titleKey="expertise:people.title"
          descriptionKey="expertise:people.coming"
          icon={IconUserCircle}
        />
      ),
    },
  ],
};
