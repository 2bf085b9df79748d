import { lazy } from 'react';
import type { AppModule } from '../../app/module-types';
import { InvitePage } from './pages/InvitePage';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';

const ProfilePage = lazy(() => import('./pages/ProfilePage').then((file) => ({ default: file.ProfilePage })));

/** Sign-in, first setup, invitations and the user's own profile (ID-2). */
export const module: AppModule = {
  id: 'identity',
  order: 0,
  nav: [],
  routes: [{ path: '/profile', element: <ProfilePage /> }],
  publicRoutes: [
    { path: '/login', element: <LoginPage /> },
    { path: '/setup', element: <SetupPage /> },
    { path: '/invite/:token', element: <InvitePage /> },
  ],
};
