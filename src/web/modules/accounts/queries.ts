/**
 * Accounts and contacts: every call this module makes to the API, its query keys, and the types
 * of its answers (derived from the generated OpenAPI types, never re-declared by hand).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  call,
  client,
  rawBody,
  type ApiBody,
  type ApiItem,
  type ApiQuery,
  type ApiResponse,
} from '../../app/api/client';

export type Account = ApiItem<'/api/v1/accounts'>;
export type AccountDetail = ApiResponse<'/api/v1/accounts/{id}'>;
export type Contact = ApiResponse<'/api/v1/contacts/{id}'>;
export type ContactListItem = ApiItem<'/api/v1/contacts'>;
export type CustomField = ApiItem<'/api/v1/custom-fields'>;
export type SavedView = ApiItem<'/api/v1/saved-views'>;
export type Grant = ApiItem<'/api/v1/accounts/{id}/grants'>;
export type ImportPreview = ApiResponse<'/api/v1/contacts/import/preview', 'post'>;
export type ImportProgress = ApiResponse<'/api/v1/contacts/import/{id}'>;
export type RowError = ImportProgress['errors'][number];
export type Visibility = Account['visibility'];
export type AccountBody = ApiBody<'/api/v1/accounts'>;
export type ContactBody = ApiBody<'/api/v1/contacts'>;
export type AccountsQuery = ApiQuery<'/api/v1/accounts'>;
export type ContactsQuery = ApiQuery<'/api/v1/contacts'>;

/** Records whose visibility can be granted to a person or a team. */
export type GrantTarget = { kind: 'accounts' | 'contacts'; id: string };

/** Query keys of the module (other modules invalidate `keys.account(id)` after a change). */
export const keys = {
  accounts: ['accounts'] as const,
  accountList: (query: AccountsQuery) => ['accounts', query] as const,
  account: (id: string) => ['account', id] as const,
  contacts: ['contacts'] as const,
  contactList: (query: ContactsQuery) => ['contacts', query] as const,
  contact: (id: string) => ['contact', id] as const,
  customFields: ['custom-fields'] as const,
  customFieldsOf: (entity: 'account' | 'contact') => ['custom-fields', entity] as const,
  savedViews: (entity: 'account' | 'contact') => ['saved-views', entity] as const,
  grants: (target: GrantTarget) => ['grants', `/${target.kind}/${target.id}`] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

// --- accounts ---

export const findAccounts = (query: AccountsQuery) =>
  call(client.GET('/api/v1/accounts', { params: { query } }));
export const createAccount = (body: AccountBody) => call(client.POST('/api/v1/accounts', { body }));
export const updateAccount = (id: string, body: ApiBody<'/api/v1/accounts/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/accounts/{id}', { ...byId(id), body }));
export const deleteAccount = (id: string) => call(client.DELETE('/api/v1/accounts/{id}', byId(id)));
export const mergeAccounts = (id: string, otherId: string) =>
  call(client.POST('/api/v1/accounts/{id}/merge', { ...byId(id), body: { otherId } }));

export function useAccounts(query: AccountsQuery, options: { keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: keys.accountList(query),
    queryFn: () => findAccounts(query),
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: keys.account(id),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}', byId(id))),
  });
}

// --- contacts ---

export const createContact = (body: ContactBody) => call(client.POST('/api/v1/contacts', { body }));
export const updateContact = (id: string, body: ApiBody<'/api/v1/contacts/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/contacts/{id}', { ...byId(id), body }));
export const deleteContact = (id: string) => call(client.DELETE('/api/v1/contacts/{id}', byId(id)));
export const eraseContact = (id: string) => call(client.POST('/api/v1/contacts/{id}/erase', byId(id)));

export function useContacts(query: ContactsQuery) {
  return useQuery({
    queryKey: keys.contactList(query),
    queryFn: () => call(client.GET('/api/v1/contacts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: keys.contact(id),
    queryFn: () => call(client.GET('/api/v1/contacts/{id}', byId(id))),
  });
}

// --- contact import (CSV, vCard) ---

/** The CSV's columns, suggested mapping and first rows, before anything is written. */
export const previewContactImport = (csv: string | Blob, mapping?: Record<string, string>) =>
  call(
    client.POST('/api/v1/contacts/import/preview', {
      body: csv as never,
      params: { query: { mapping: mapping ? JSON.stringify(mapping) : undefined } },
      ...rawBody('text/csv'),
    }),
  ) as Promise<ImportPreview>;

/** Starts an import in the background; poll `importProgress(id)` until it is no longer running. */
export function startContactImport(
  input:
    | { kind: 'csv'; file: Blob; mapping: Record<string, string>; mode: string }
    | { kind: 'vcf'; text: string; mode: string },
): Promise<ImportProgress> {
  const mode = input.mode as ApiQuery<'/api/v1/contacts/import', 'post'>['mode'];
  const pending =
    input.kind === 'csv'
      ? client.POST('/api/v1/contacts/import', {
          body: input.file as never,
          params: { query: { mapping: JSON.stringify(input.mapping), mode, async: 'true' } },
          ...rawBody('text/csv'),
        })
      : client.POST('/api/v1/contacts/import.vcf', {
          body: input.text as never,
          params: { query: { mode, async: 'true' } },
          ...rawBody('text/vcard'),
        });
  return call(pending) as Promise<ImportProgress>;
}

export const importProgress = (id: string) =>
  call(client.GET('/api/v1/contacts/import/{id}', byId(id))) as Promise<ImportProgress>;

// --- custom fields, saved views ---

export function useCustomFields(entity: 'account' | 'contact') {
  return useQuery({
    queryKey: keys.customFieldsOf(entity),
    queryFn: () => call(client.GET('/api/v1/custom-fields', { params: { query: { entity } } })),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
export const createCustomField = (body: ApiBody<'/api/v1/custom-fields'>) =>
  call(client.POST('/api/v1/custom-fields', { body }));
export const deleteCustomField = (id: string) => call(client.DELETE('/api/v1/custom-fields/{id}', byId(id)));

export function useSavedViews(entity: 'account' | 'contact') {
  return useQuery({
    queryKey: keys.savedViews(entity),
    queryFn: () => call(client.GET('/api/v1/saved-views', { params: { query: { entity } } })),
  });
}
export const createSavedView = (body: ApiBody<'/api/v1/saved-views'>) =>
  call(client.POST('/api/v1/saved-views', { body }));
export const deleteSavedView = (id: string) => call(client.DELETE('/api/v1/saved-views/{id}', byId(id)));

// --- grants on restricted or secret records ---

export function useGrants(target: GrantTarget) {
  return useQuery({
    queryKey: keys.grants(target),
    queryFn: () =>
      target.kind === 'accounts'
        ? call(client.GET('/api/v1/accounts/{id}/grants', byId(target.id)))
        : call(client.GET('/api/v1/contacts/{id}/grants', byId(target.id))),
  });
}
export const addGrant = (target: GrantTarget, body: { userId?: string; teamId?: string }) =>
  target.kind === 'accounts'
    ? call(client.POST('/api/v1/accounts/{id}/grants', { ...byId(target.id), body }))
    : call(client.POST('/api/v1/contacts/{id}/grants', { ...byId(target.id), body }));
export const revokeGrant = (target: GrantTarget, grantId: string) => {
  const params = { path: { id: target.id, grantId } };
  return target.kind === 'accounts'
    ? call(client.DELETE('/api/v1/accounts/{id}/grants/{grantId}', { params }))
    : call(client.DELETE('/api/v1/contacts/{id}/grants/{grantId}', { params }));
};

// --- people ---

/** Colleagues by name, through the global search (everyone sees the staff directory). */
export async function searchPeople(q: string): Promise<{ value: string; label: string }[]> {
  if (q.trim().length < 2) return [];
  const data = await call(
    client.GET('/api/v1/search', { params: { query: { q, types: 'person', limit: 10 } } }),
  );
  return data.items.map((hit) => ({
    value: hit.id,
    label: hit.subtitle ? `${hit.title} (${hit.subtitle})` : hit.title,
  }));
}
