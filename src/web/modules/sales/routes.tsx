import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/guards';

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((file) => ({ default: file[name] })));

const DashboardPage = page(() => import('./pages/DashboardPage'), 'DashboardPage');
const ProductsPage = page(() => import('./pages/ProductsPage'), 'ProductsPage');
const ProductDetailPage = page(() => import('./pages/ProductDetailPage'), 'ProductDetailPage');
const OffersPage = page(() => import('./pages/OffersPage'), 'OffersPage');
const OfferDetailPage = page(() => import('./pages/OfferDetailPage'), 'OfferDetailPage');
const ActivitiesPage = page(() => import('./pages/ActivitiesPage'), 'ActivitiesPage');
const ActivityDetailPage = page(() => import('./pages/ActivityDetailPage'), 'ActivityDetailPage');
const QuickCapturePage = page(() => import('./pages/QuickCapturePage'), 'QuickCapturePage');
const BriefPage = page(() => import('./pages/BriefPage'), 'BriefPage');
const BriefPrintPage = page(() => import('./pages/BriefPrintPage'), 'BriefPrintPage');
const AgendaPage = page(() => import('./pages/AgendaPage'), 'AgendaPage');

/** The sales pages (CRM-3..10), mounted by the crm module. */
export const salesRoutes: RouteObject[] = [
  { path: '/dashboard', element: <DashboardPage /> },
  { path: '/products', element: <ProductsPage /> },
  { path: '/products/:id', element: <ProductDetailPage /> },
  { path: '/offers', element: <OffersPage /> },
  { path: '/offers/:id', element: <OfferDetailPage /> },
  { path: '/activities', element: <ActivitiesPage /> },
  { path: '/activities/new', element: <QuickCapturePage /> },
  { path: '/activities/:id', element: <ActivityDetailPage /> },
  { path: '/accounts/:id/brief', element: <BriefPage /> },
  { path: '/agenda', element: <AgendaPage /> },
];

/** Pages drawn outside the app's frame (still for signed-in users): the brief's print version. */
export const salesStandaloneRoutes: RouteObject[] = [
  {
    path: '/accounts/:id/brief/print',
    element: (
      <RequireAuth>
        <Suspense fallback={null}>
          <BriefPrintPage />
        </Suspense>
      </RequireAuth>
    ),
  },
];
