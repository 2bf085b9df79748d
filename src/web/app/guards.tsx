import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../../common/roles';
import { FullPageLoader } from '../components/FullPageLoader';
import { ForbiddenPage } from '../components/ForbiddenPage';
import { ErrorState } from '../components/ErrorState';
import { hasRole, useMe } from './session';

/** Renders children only for a signed-in user, otherwise sends to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** Shows a 403 page instead of children when the user lacks every listed role. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!hasRole(me.data, roles)) return <ForbiddenPage />;
  return <>{children}</>;
}
