import {
  IconBell,
  IconBolt,
  IconBroadcast,
  IconChecklist,
  IconSparkles,
  IconSpeakerphone,
} from '@tabler/icons-react';
import type { AppModule } from '../../app/module-types';
import { BroadcastDetailPage } from './pages/BroadcastDetailPage';
import { BroadcastsPage } from './pages/BroadcastsPage';
import { ChangePlanPage, ChangePlansPage } from './pages/ChangePlansPage';
import { ForMePage } from './pages/ForMePage';
import { NotificationsPage } from './pages/NotificationsPage';
import { RuleFormPage } from './pages/RuleFormPage';
import { RulesPage } from './pages/RulesPage';

export { NotificationBell } from './NotificationBell';

export const module: AppModule = {
  id: 'push',
  labelKey: 'push:module.title',
  order: 30,
  icon: IconBroadcast,
  nav: [
    { id: 'forMe', path: '/for-me', icon: IconSparkles, labelKey: 'push:nav.forMe' },
    { id: 'notifications', path: '/notifications', icon: IconBell, labelKey: 'push:nav.notifications' },
    { id: 'broadcasts', path: '/broadcasts', icon: IconSpeakerphone, labelKey: 'push:nav.broadcasts' },
    { id: 'rules', path: '/push-rules', icon: IconBolt, labelKey: 'push:nav.rules' },
    { id: 'changePlans', path: '/change-plans', icon: IconChecklist, labelKey: 'push:nav.changePlans' },
  ],
  routes: [
    { path: '/for-me', element: <ForMePage /> },
    { path: '/notifications', element: <NotificationsPage /> },
    { path: '/broadcasts', element: <BroadcastsPage /> },
    { path: '/broadcasts/:id', element: <BroadcastDetailPage /> },
    { path: '/push-rules', element: <RulesPage /> },
    { path: '/push-rules/new', element: <RuleFormPage /> },
    { path: '/push-rules/:id', element: <RuleFormPage /> },
    { path: '/change-plans', element: <ChangePlansPage /> },
    { path: '/change-plans/:id', element: <ChangePlanPage /> },
  ],
};
