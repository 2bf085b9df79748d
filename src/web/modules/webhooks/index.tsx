import { lazy } from 'react';
import { RequireRole } from '../../app/guards';
import type { AppModule } from '../../app/module-types';

const WebhooksPage = lazy(() =>
  import('./pages/WebhooksPage').then((file) => ({ default: file.WebhooksPage })),
);

const ADMIN_ONLY = ['admin'] as const;

/** Outgoing webhooks (API-2): its page sits under Administration, whose navigation links to it. */
export const module: AppModule = {
  id: 'webhooks',
  order: 91,
  roles: ADMIN_ONLY,
  nav: [],
  routes: [
    {
      path: '/admin/webhooks',
      element: (
        <RequireRole roles={ADMIN_ONLY}>
          <WebhooksPage />
        </RequireRole>
      ),
    },
  ],
};
