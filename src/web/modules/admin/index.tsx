import { lazy } from 'react';
import { Navigate } from 'react-router-dom';
import {
  IconKey,
  IconMail,
  IconSettings,
  IconShieldCheck,
  IconSitemap,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { RequireRole } from '../../app/guards';
import type { AppModule, NavItem } from '../../app/module-types';

const UsersPage = lazy(() => import('./pages/UsersPage').then((file) => ({ default: file.UsersPage })));
const TeamsPage = lazy(() => import('./pages/TeamsPage').then((file) => ({ default: file.TeamsPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((file) => ({ default: file.AuditPage })));
const SsoPage = lazy(() => import('./pages/SsoPage').then((file) => ({ default: file.SsoPage })));
const OutboxPage = lazy(() => import('./pages/OutboxPage').then((file) => ({ default: file.OutboxPage })));

const ADMIN_ONLY = ['admin'] as const;

const nav: NavItem[] = [
  { id: 'users', path: '/admin/users', icon: IconUsers, labelKey: 'admin:nav.users', roles: ADMIN_ONLY },
  { id: 'teams', path: '/admin/teams', icon: IconSitemap, labelKey: 'admin:nav.teams', roles: ADMIN_ONLY },
  {
    id: 'audit',
    path: '/admin/audit',
    icon: IconShieldCheck,
    labelKey: 'admin:nav.audit',
    roles: ADMIN_ONLY,
  },
  { id: 'sso', path: '/admin/sso', icon: IconKey, labelKey: 'admin:nav.sso', roles: ADMIN_ONLY },
  { id: 'outbox', path: '/admin/outbox', icon: IconMail, labelKey: 'admin:nav.outbox', roles: ADMIN_ONLY },
  // The page belongs to the webhooks module (modules/webhooks); it is administration for people.
  {
    id: 'webhooks',
    path: '/admin/webhooks',
    icon: IconWebhook,
    labelKey: 'admin:nav.webhooks',
    roles: ADMIN_ONLY,
  },
];

/** Administration (ID-1, ID-2, ID-4): people, organisation chart, single sign-on, audit log, mail outbox. Admins only. */
export const module: AppModule = {
  id: 'admin',
  labelKey: 'admin:module.title',
  order: 90,
  icon: IconSettings,
  roles: ADMIN_ONLY,
  nav,
  routes: [
    {
      path: '/admin',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <Navigate to="/admin/users" replace />
        </RequireRole>
      ),
    },
    {
      path: '/admin/users',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <UsersPage />
        </RequireRole>
      ),
    },
    {
      path: '/admin/teams',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <TeamsPage />
        </RequireRole>
      ),
    },
    {
      path: '/admin/audit',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <AuditPage />
        </RequireRole>
      ),
    },
    {
      path: '/admin/sso',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <SsoPage />
        </RequireRole>
      ),
    },
    {
      path: '/admin/outbox',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <OutboxPage />
        </RequireRole>
      ),
    },
  ],
};
