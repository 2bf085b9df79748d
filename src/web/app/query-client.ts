import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client';
import { notifyError } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { handlesErrors?: boolean };
    queryMeta: { handlesErrors?: boolean };
  }
}

/**
 * Errors surface as notifications by default; a mutation showing them in its form sets
 * `meta.handlesErrors`. Failed queries render their own ErrorState, so only background
 * refetch failures of already-loaded data are notified (not while offline: the page says so).
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.handlesErrors) return;
      if (isApiError(error) && error.status === 401) return;
      if (isApiError(error) && error.status === 0 && !navigator.onLine) return;
      if (query.state.data !== undefined) notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (mutation.meta?.handlesErrors) return;
      if (isApiError(error) && error.status === 401) return;
      notifyError(error);
    },
  }),
  defaultOptions: {
    queries: {
      // Offline (UX-2) a query still asks once: the service worker may answer from the phone's
      // copy (my day, a brief). What it cannot answer fails at once instead of waiting paused,
      // and is asked again when the network returns (refetchOnReconnect).
      networkMode: 'offlineFirst',
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) &&
        !(isApiError(error) && error.status === 0 && !navigator.onLine) &&
        failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});
