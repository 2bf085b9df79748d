import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Role } from '../../common/roles';
import { isApiError } from './api/client';
import { applyLocale, takeLocaleChosenBeforeSignIn } from './i18n';
import { forgetOfflineData } from './offline/forget';
import { fetchMe as fetchCurrentUser, keys, saveMyLocale, signOut, type Me, type SignedIn } from './queries';

export type { Me, SignedIn } from './queries';

export const meQueryKey = keys.me;

/** Fetches the current user; `null` when nobody is signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await fetchCurrentUser();
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
      queryClient.setQueryData(meQueryKey, await saveMyLocale(chosen));
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
      await signOut();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      // What the phone kept for offline reading is this person's: the next one must not read it.
      await forgetOfflineData().catch(() => undefined);
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
