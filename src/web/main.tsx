import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { setUnauthorizedHandler } from './app/api/client';
import { Providers } from './app/Providers';
import { queryClient } from './app/query-client';
import { router } from './app/router';
import { forgetOfflineData } from './app/offline/forget';
import { meQueryKey } from './app/session';

// A 401 anywhere means the session ended: forget cached data and go to sign-in, then come back.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname.startsWith('/login')) return;
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
  void forgetOfflineData().catch(() => undefined);
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

// The installable app (UX-2): the service worker keeps the shell and a rep's day for offline use.
// Production builds only: the Vite dev server has no sw.js.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
