/**
 * Administration (people, teams, audit log, mail outbox, single sign-on): every call this module makes to the
 * API, its query keys, and the types of its answers (derived from the generated OpenAPI types,
 * never re-declared by hand).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  call,
  client,
  type ApiBody,
  type ApiItem,
  type ApiQuery,
  type ApiResponse,
} from '../../app/api/client';

/** A row of `GET /api/v1/admin/users`: the user as /me shows it, plus account state. */
export type AdminUser = ApiItem<'/api/v1/admin/users'>;
export type InviteBody = ApiBody<'/api/v1/admin/users'>;
export type UserPatch = ApiBody<'/api/v1/admin/users/{id}', 'patch'>;
export type UsersQuery = ApiQuery<'/api/v1/admin/users'>;
export type TeamBody = ApiBody<'/api/v1/admin/teams'>;
/** A row of `GET /api/v1/audit`; `names` names the people and teams `details` mentions by id. */
export type AuditEntry = ApiItem<'/api/v1/audit'>;
export type AuditQuery = ApiQuery<'/api/v1/audit'>;
export type Mail = ApiItem<'/api/v1/admin/outbox'>;
export type MailStatus = Mail['status'];
export type MailDetail = ApiResponse<'/api/v1/admin/outbox/{id}'>;
export type OutboxQuery = ApiQuery<'/api/v1/admin/outbox'>;

/** Query keys of the module: `keys.users` refreshes every list and picker of people. */
export const keys = {
  users: ['admin', 'users'] as const,
  userList: (query: UsersQuery) => ['admin', 'users', query] as const,
  userSearch: (q: string) => ['admin', 'users', 'picker', q] as const,
  audit: (query: AuditQuery) => ['admin', 'audit', query] as const,
  outbox: (query: OutboxQuery) => ['admin', 'outbox', query] as const,
  mail: (id: string | null) => ['admin', 'outbox', id] as const,
  sso: ['admin', 'sso'] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

// --- people ---

export function useAdminUsers(query: UsersQuery) {
  return useQuery({
    queryKey: keys.userList(query),
    queryFn: () => call(client.GET('/api/v1/admin/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Active people whose name or e-mail matches `q`, for a picker. */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: keys.userSearch(q),
    queryFn: () =>
      call(client.GET('/api/v1/admin/users', { params: { query: { q, limit: 20, active: 'true' } } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
export const inviteUser = (body: InviteBody) => call(client.POST('/api/v1/admin/users', { body }));
export const updateUser = (id: string, body: UserPatch) =>
  call(client.PATCH('/api/v1/admin/users/{id}', { ...byId(id), body }));

// --- teams (read through app/teams.ts, which every module shares) ---

export const createTeam = (body: TeamBody) => call(client.POST('/api/v1/admin/teams', { body }));
export const updateTeam = (id: string, body: ApiBody<'/api/v1/admin/teams/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/admin/teams/{id}', { ...byId(id), body }));
export const deleteTeam = (id: string) => call(client.DELETE('/api/v1/admin/teams/{id}', byId(id)));

// --- audit log ---

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: keys.audit(query),
    queryFn: () => call(client.GET('/api/v1/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

// --- mail outbox ---

export function useOutbox(query: OutboxQuery) {
  return useQuery({
    queryKey: keys.outbox(query),
    queryFn: () => call(client.GET('/api/v1/admin/outbox', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
export function useOutboxMail(id: string | null) {
  return useQuery({
    queryKey: keys.mail(id),
    queryFn: () => call(client.GET('/api/v1/admin/outbox/{id}', byId(id ?? ''))),
    enabled: Boolean(id),
  });
}

// --- single sign-on (the client secret is write-only: answers only say whether one is stored) ---

export type SsoSettings = ApiResponse<'/api/v1/admin/sso'>;
export type SsoSettingsChange = ApiBody<'/api/v1/admin/sso', 'put'>;

export function useSsoSettings() {
  return useQuery({ queryKey: keys.sso, queryFn: () => call(client.GET('/api/v1/admin/sso')) });
}
export const saveSsoSettings = (body: SsoSettingsChange) => call(client.PUT('/api/v1/admin/sso', { body }));
