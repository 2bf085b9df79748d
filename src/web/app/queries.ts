/**
 * The app frame (session, language, teams, the Ctrl+K search): every call it makes to the API,
 * its query keys, and the types of its answers (derived from the generated OpenAPI types, never
 * re-declared by hand). `session.ts` and `teams.ts` build the hooks every module shares on them.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Locale } from '../../common/roles';
import { call, client, type ApiItem, type ApiResponse } from './api/client';

/** The signed-in user (`GET /api/v1/me`). */
export type Me = ApiResponse<'/api/v1/me'>;
/** Answer of login, setup and invite acceptance. */
export type SignedIn = ApiResponse<'/api/v1/auth/login', 'post'>;
/** A node of the organisation (ID-1), as returned by `GET /api/v1/teams`. */
export type Team = ApiItem<'/api/v1/teams'>;
/** One hit of `GET /api/v1/search`. */
export type SearchHit = ApiItem<'/api/v1/search'>;

/** Query keys of the frame: `keys.me` is the session (null when nobody is signed in). */
export const keys = {
  me: ['me'] as const,
  teams: ['teams'] as const,
  search: (q: string) => ['search', q] as const,
};

/** The current user; a 401 is thrown, not turned into a redirect (the caller decides). */
export const fetchMe = () => call(client.GET('/api/v1/me'), { redirectOnUnauthorized: false });
export const saveMyLocale = (locale: Locale) => call(client.PATCH('/api/v1/me', { body: { locale } }));
export const signOut = () => call(client.POST('/api/v1/auth/logout'), { redirectOnUnauthorized: false });
export const fetchTeams = () => call(client.GET('/api/v1/teams'));

/** The Ctrl+K search across the platform; a newer query cancels the one in flight. */
export function useSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.search(q),
    queryFn: ({ signal }) =>
      call(client.GET('/api/v1/search', { params: { query: { q, limit: 50 } }, signal })),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
