/**
 * Identity (sign-in, first setup, invitations, the user's own profile and API tokens): every call
 * this module makes to the API, its query keys, and the types of its answers (derived from the
 * generated OpenAPI types, never re-declared by hand).
 */
import { useQuery } from '@tanstack/react-query';
import { call, client, type ApiBody, type ApiItem, type ApiResponse } from '../../app/api/client';

export type ApiToken = ApiItem<'/api/v1/me/tokens'>;
export type CreatedApiToken = ApiResponse<'/api/v1/me/tokens', 'post'>;
export type Invitation = ApiResponse<'/api/v1/invites/{token}'>;
export type PasswordChange = ApiBody<'/api/v1/me/password'>;
export type ProfileChange = ApiBody<'/api/v1/me', 'patch'>;
export type SetupBody = ApiBody<'/api/v1/setup'>;

/** Query keys of the module (`tokens` sits under `['me']` so a sign-out clears it with the user). */
export const keys = {
  setup: ['setup'] as const,
  sso: ['sso'] as const,
  invite: (token: string) => ['invite', token] as const,
  tokens: ['me', 'tokens'] as const,
};

// --- sign-in, first setup, invitations (public pages: a 401 is an answer, not a redirect) ---

/** Whether the organisation still needs its first administrator. */
export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setup,
    queryFn: () => call(client.GET('/api/v1/setup')),
    retry: false,
  });
}
/** Whether the sign-in page offers single sign-on (and whether passwords are for admins only). */
export function useSsoState() {
  return useQuery({
    queryKey: keys.sso,
    queryFn: () => call(client.GET('/api/v1/auth/sso'), { redirectOnUnauthorized: false }),
    retry: false,
  });
}
/** Where the single sign-on button leads: the server redirects to the provider. */
export const ssoStartUrl = (next: string) => `/api/v1/auth/sso/start?next=${encodeURIComponent(next)}`;
export const runSetup = (body: SetupBody) =>
  call(client.POST('/api/v1/setup', { body }), { redirectOnUnauthorized: false });
export const signIn = (email: string, password: string) =>
  call(client.POST('/api/v1/auth/login', { body: { email, password } }), { redirectOnUnauthorized: false });

export function useInvitation(token: string) {
  return useQuery({
    queryKey: keys.invite(token),
    queryFn: () =>
      call(client.GET('/api/v1/invites/{token}', { params: { path: { token } } }), {
        redirectOnUnauthorized: false,
      }),
    retry: false,
  });
}
export const acceptInvitation = (token: string, password: string) =>
  call(client.POST('/api/v1/invites/{token}', { params: { path: { token } }, body: { password } }), {
    redirectOnUnauthorized: false,
  });

// --- profile ---

export const updateProfile = (body: ProfileChange) => call(client.PATCH('/api/v1/me', { body }));
export const changePassword = (body: PasswordChange) => call(client.POST('/api/v1/me/password', { body }));

// --- personal API tokens ---

export function useApiTokens() {
  return useQuery({ queryKey: keys.tokens, queryFn: () => call(client.GET('/api/v1/me/tokens')) });
}
export const createApiToken = (name: string) => call(client.POST('/api/v1/me/tokens', { body: { name } }));
export const revokeApiToken = (id: string) =>
  call(client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }));
