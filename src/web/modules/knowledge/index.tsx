import {
  IconArrowsExchange,
  IconBook2,
  IconBulb,
  IconChecklist,
  IconQuestionMark,
  IconRoute,
} from '@tabler/icons-react';
import { RequireRole } from '../../app/guards';
import { lazy } from 'react';
import type { AppModule } from '../../app/module-types';

const KnowledgePage = lazy(() =>
  import('./pages/KnowledgePage').then((file) => ({ default: file.KnowledgePage })),
);
const ItemPage = lazy(() => import('./pages/ItemPage').then((file) => ({ default: file.ItemPage })));
const SituationsPage = lazy(() =>
  import('./pages/SituationsPage').then((file) => ({ default: file.SituationsPage })),
);
const ImportPage = lazy(() => import('./pages/ImportPage').then((file) => ({ default: file.ImportPage })));
const AccountSituationsPage = lazy(() =>
  import('./pages/AccountSituationsPage').then((file) => ({ default: file.AccountSituationsPage })),
);
const KnowledgeSettingsPage = lazy(() =>
  import('./pages/SettingsPage').then((file) => ({ default: file.KnowledgeSettingsPage })),
);
const SynonymsPage = lazy(() =>
  import('./pages/SynonymsPage').then((file) => ({ default: file.SynonymsPage })),
);
const GapsPage = lazy(() => import('./pages/GapsPage').then((file) => ({ default: file.GapsPage })));
const SituationPage = lazy(() =>
  import('./pages/SituationsPage').then((file) => ({ default: file.SituationPage })),
);

/** Knowledge base (KB-1..8): search, items, similar cases, situations, send to client, knowledge gaps, search synonyms. */
export const module: AppModule = {
  id: 'knowledge',
  labelKey: 'knowledge:module.title',
  order: 20,
  icon: IconBulb,
  nav: [
    { id: 'base', path: '/knowledge', icon: IconBook2, labelKey: 'knowledge:nav.base' },
    { id: 'situations', path: '/situations', icon: IconRoute, labelKey: 'knowledge:nav.situations' },
    {
      id: 'gaps',
      path: '/knowledge/gaps',
      icon: IconQuestionMark,
      labelKey: 'knowledge:gaps.nav',
      roles: ['expert', 'admin'],
    },
    {
      id: 'synonyms',
      path: '/knowledge/synonyms',
      icon: IconArrowsExchange,
      labelKey: 'knowledge:synonyms.nav',
      roles: ['expert', 'admin'],
    },
    {
      id: 'review-settings',
      path: '/knowledge/settings',
      icon: IconChecklist,
      labelKey: 'knowledge:settings.nav',
      roles: ['admin'],
    },
  ],
  routes: [
    { path: '/knowledge', element: <KnowledgePage /> },
    { path: '/knowledge/import', element: <ImportPage /> },
    {
      path: '/knowledge/settings',
      element: (
        <RequireRole roles={['admin']}>
          <KnowledgeSettingsPage />
        </RequireRole>
      ),
    },
    {
      path: '/knowledge/gaps',
      element: (
        <RequireRole roles={['expert', 'admin']}>
          <GapsPage />
        </RequireRole>
      ),
    },
    // Everyone may read the synonyms; the entry in the menu and the edit controls are for experts.
    { path: '/knowledge/synonyms', element: <SynonymsPage /> },
    { path: '/knowledge/accounts/:id', element: <AccountSituationsPage /> },
    { path: '/knowledge/situations', element: <SituationsPage /> },
    { path: '/knowledge/situations/:id', element: <SituationPage /> },
    { path: '/situations', element: <SituationsPage /> },
    { path: '/knowledge/:id', element: <ItemPage /> },
  ],
};
