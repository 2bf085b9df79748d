import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Locale, Role } from '../../common/roles';
import { api, isApiError } from './api';
import { applyLocale, takeLocaleChosenBeforeSignIn } from './i18n';

/** The signed-in user (`GET /api/v1/me`). */
export interface Me {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  locale: Locale;
}

/** Answer of login, setup and invite acceptance. */
export interface SignedIn {
  user: Me;
  csrfToken?: string;
}

export const meQueryKey = ['me'] as const;

/** Fetches the current user; `null` when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/me', undefined, { redirectOnUnauthorized: false });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user, for components rendered inside the authenticated shell. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside RequireAuth');
  return data;
}

/**
 * Stores the new session and adopts the user's saved language, unless they just picked one on
 * the sign-in page: then that choice is kept and saved on their profile.
 */
export async function completeSignIn(queryClient: QueryClient, result: SignedIn): Promise<void> {
  const chosen = takeLocaleChosenBeforeSignIn();
  if (chosen && chosen !== result.user.locale) {
    queryClient.setQueryData(meQueryKey, { ...result.user, locale: chosen });
    await applyLocale(chosen);
    try {
      queryClient.setQueryData(meQueryKey, await api.patch<Me>('/me', { locale: chosen }));
    } catch {
      // The choice still applies on this device.
    }
    return;
  }
  queryClient.setQueryData(meQueryKey, result.user);
  await applyLocale(result.user.locale);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api.post('/auth/logout', undefined, { redirectOnUnauthorized: false });
    } finally {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    }
  };
}

export function hasRole(
  user: Pick<Me, 'role'> | null | undefined,
  roles: readonly Role[] | undefined,
): boolean {
  if (!roles || roles.length === 0) return true;
  return !!user && roles.includes(user.role);
}
