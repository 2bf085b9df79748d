import { useQuery } from '@tanstack/react-query';
import { api, API_PREFIX, ApiError, CSRF_COOKIE, CSRF_HEADER, readCookie, toProblem, toQueryString, type QueryValue } from '../../app/api';

export type Visibility = 'public' | 'team' | 'restricted' | 'secret';
export const ACCOUNT_KINDS = ['customer', 'prospect', 'supplier', 'partner', 'network_member'] as const;
export const ACCOUNT_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const VISIBILITIES: Visibility[] = ['public', 'team', 'restricted', 'secret'];

export interface Account {
  id: string;
  name: string;
  kind: (typeof ACCOUNT_KINDS)[number];
  siren: string | null;
  siret: string | null;
  sector: string | null;
  size: (typeof ACCOUNT_SIZES)[number] | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  segment: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  phone: string | null;
  website: string | null;
  ownerId: string;
  ownerName: string | null;
  teamId: string | null;
  teamName: string | null;
  visibility: Visibility;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
}
export interface AccountContact { contactId: string; firstName: string; lastName: string; title: string | null; role: string | null; isPrimary: boolean; email: string | null; phone: string | null }
export type AccountDetail = Account & { contacts: AccountContact[] };

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  title: string | null;
  emails: { address: string; label: string }[];
  phones: { number: string; label: string }[];
  emailConsent: boolean;
  consentAt: string | null;
  consentSource: string | null;
  notes: string | null;
  customFields: Record<string, unknown>;
  ownerId: string;
  ownerName: string | null;
  teamId: string | null;
  visibility: Visibility;
  erasedAt: string | null;
  accounts: { accountId: string; accountName: string; role: string | null; isPrimary: boolean }[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomField { id: string; entity: 'account' | 'contact' | 'offer'; key: string; labelFr: string; labelEn: string; fieldType: 'text' | 'number' | 'date' | 'choice'; choices: string[]; position: number }
export interface SavedView { id: string; entity: 'account' | 'contact'; name: string; query: Record<string, string> }
export interface Page<T> { items: T[]; nextCursor: string | null; total: number }
export interface Grant { id: string; userId: string | null; teamId: string | null; name: string; createdAt: string }
export interface RowError { row: number; field: string; message: string; code: string }
export interface ImportProgress { id: string; status: 'running' | 'done' | 'failed'; total: number; processed: number; created: number; skipped: number; accountsCreated: number; errors: RowError[] }
export interface ImportPreview { headers: string[]; delimiter: string; suggestedMapping: Record<string, string>; mapping: Record<string, string>; fields: string[]; totalRows: number; validRows: number; sample: Record<string, string>[]; errors: RowError[]; newAccounts: string[] }

export function useCustomFields(entity: 'account' | 'contact') {
  return useQuery({ queryKey: ['custom-fields', entity], queryFn: () => api.get<{ items: CustomField[] }>('/custom-fields', { entity }), select: (data) => data.items, staleTime: 60_000 });
}

/** Colleagues by name, through the global search (everyone sees the staff directory). */
export async function searchPeople(q: string): Promise<{ value: string; label: string }[]> {
  if (q.trim().length < 2) return [];
  const data = await api.get<{ items: { id: string; title: string; subtitle: string | null }[] }>('/search', { q, types: 'person', limit: 10 });
  return data.items.map((hit) => ({ value: hit.id, label: hit.subtitle ? `${hit.title} (${hit.subtitle})` : hit.title }));
}

/** Downloads an API file (CSV, vCard, JSON) through the browser with the session cookie. */
export function downloadUrl(path: string, query?: Record<string, QueryValue>): string {
  return `${API_PREFIX}${path}${toQueryString(query)}`;
}

/** POSTs a raw text body (text/vcard, text/csv) and returns the JSON answer; throws ApiError. */
export async function postText<T>(path: string, body: string, contentType: string, query?: Record<string, QueryValue>): Promise<T> {
  const csrf = readCookie(document.cookie, CSRF_COOKIE);
  const response = await fetch(`${API_PREFIX}${path}${toQueryString(query)}`, {
    method: 'POST', credentials: 'same-origin', body,
    headers: { 'content-type': contentType, accept: 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(toProblem(response.status, response.statusText, json));
  return json as T;
}

/** Removes empty strings so PATCH/POST bodies stay minimal. */
export const nullIfEmpty = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);
