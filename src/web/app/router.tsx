import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { NotFoundPage } from '../components/NotFoundPage';
import { RouteErrorPage } from '../components/RouteErrorPage';
import { RequireAuth } from './guards';
import { appModules } from './modules';
import { AppLayout } from './shell/AppLayout';

/** Home of a signed-in user: the rep's own dashboard comes first (CRM-8). */
export const HOME_PATH = '/dashboard';

export function buildRoutes(): RouteObject[] {
  return [
    ...appModules
      .flatMap((module) => module.publicRoutes ?? [])
      .map((route) => ({ ...route, errorElement: <RouteErrorPage /> })),
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, element: <Navigate to={HOME_PATH} replace /> },
            ...appModules.flatMap((module) => module.routes),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}

export const router = createBrowserRouter(buildRoutes());
