import { IconCheckbox, IconListCheck, IconSchool } from '@tabler/icons-react';
import { comingSoonRoutes, navOf, type ComingSoonPage } from '../../app/coming-soon-pages';
import type { AppModule } from '../../app/module-types';

// Every page is still a placeholder: replace an entry's route with the real page when it lands.
const pages: ComingSoonPage[] = [
  {
    id: 'quizzes',
    path: '/quizzes',
    icon: IconCheckbox,
    labelKey: 'learning:nav.quizzes',
    descriptionKey: 'learning:coming.quizzes',
  },
  {
    id: 'trainingPlan',
    path: '/training-plan',
    icon: IconListCheck,
    labelKey: 'learning:nav.trainingPlan',
    descriptionKey: 'learning:coming.trainingPlan',
  },
];

export const module: AppModule = {
  id: 'learning',
  labelKey: 'learning:module.title',
  order: 60,
  icon: IconSchool,
  nav: navOf(pages),
  routes: comingSoonRoutes(pages),
};
