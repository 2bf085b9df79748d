import { IconBell, IconBolt, IconBroadcast, IconChecklist, IconSparkles, IconSpeakerphone } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'forMe',
    path: '/for-me',
    icon: IconSparkles,
    labelKey: 'push:nav.forMe',
    descriptionKey: 'push:coming.forMe',
  },
  {
    id: 'notifications',
    path: '/notifications',
    icon: IconBell,
    labelKey: 'push:nav.notifications',
    descriptionKey: 'push:coming.notifications',
  },
  {
    id: 'broadcasts',
    path: '/broadcasts',
    icon: IconSpeakerphone,
    labelKey: 'push:nav.broadcasts',
    descriptionKey: 'push:coming.broadcasts',
  },
  {
    id: 'rules',
    path: '/push-rules',
    icon: IconBolt,
    labelKey: 'push:nav.rules',
    descriptionKey: 'push:coming.rules',
  },
  {
    id: 'changePlans',
    path: '/change-plans',
    icon: IconChecklist,
    labelKey: 'push:nav.changePlans',
    descriptionKey: 'push:coming.changePlans',
  },
];

export const module: AppModule = {
  id: 'push',
  labelKey: 'push:module.title',
  order: 30,
  icon: IconBroadcast,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
