/**
 * Knowledge (items, lifecycle, versions, feedback, search, situations, settings, send to client,
 * import): every call this module makes to the API, its query keys, and the types of its answers
 * (derived from the generated OpenAPI types, never re-declared by hand).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  API_PREFIX,
  ApiError,
  call,
  client,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  toProblem,
  type ApiBody,
  type ApiItem,
  type ApiQuery,
  type ApiResponse,
} from '../../app/api/client';

export type Item = ApiResponse<'/api/v1/knowledge/{id}'>;
export type Revision = NonNullable<Item['revision']>;
export type KnowledgeType = Item['type'];
export type TransitionAction = ApiBody<'/api/v1/knowledge/{id}/transitions'>['action'];
export type KnowledgeBody = ApiBody<'/api/v1/knowledge'>;
export type KnowledgePatch = ApiBody<'/api/v1/knowledge/{id}', 'patch'>;
export type Version = ApiItem<'/api/v1/knowledge/{id}/versions'>;
export type Feedback = ApiResponse<'/api/v1/knowledge/{id}/feedback'>;
export type SuggestionDecision =
  ApiBody<'/api/v1/knowledge/{id}/suggestions/{suggestionId}/decision'>['decision'];
export type SearchQuery = ApiQuery<'/api/v1/knowledge/search'>;
export type ListQuery = ApiQuery<'/api/v1/knowledge'>;
export type SituationLink = ApiItem<'/api/v1/accounts/{id}/situations'>;
export type SituationDecision = ApiBody<'/api/v1/account-situations/{id}', 'patch'>['status'];
export type SecondExpert = NonNullable<ApiBody<'/api/v1/knowledge/settings', 'patch'>['secondExpert']>;
export type SendPreview = ApiResponse<'/api/v1/knowledge/{id}/send/preview', 'post'>;
export type SendWarning = SendPreview['warnings'][number];
export type ImportResult = ApiResponse<'/api/v1/knowledge/import', 'post'>;
export type KnowledgeGap = ApiItem<'/api/v1/knowledge/gaps'>;
export type SearchSignal = ApiBody<'/api/v1/knowledge/searches/{searchId}/signal'>['signal'];
export type SynonymGroup = ApiItem<'/api/v1/knowledge/synonyms'>;

/**
 * Query keys of the module. `keys.items` refreshes every item page, `keys.lists` the latest
 * items, `keys.allVersions` every version table (what a save changes).
 */
export const keys = {
  items: ['knowledge'] as const,
  item: (id: string) => ['knowledge', id] as const,
  lists: ['knowledge-list'] as const,
  list: (type: string | null, tag: string | null) => ['knowledge-list', type, tag] as const,
  search: (q: string, type: string | null, tag: string | null, dates: SearchDates) =>
    ['knowledge-search', q, type, tag, dates.from, dates.to] as const,
  gaps: (days: number) => ['knowledge-gaps', days] as const,
  allSynonyms: ['knowledge-synonyms'] as const,
  synonyms: (q: string) => ['knowledge-synonyms', q] as const,
  allVersions: ['knowledge-versions'] as const,
  versionsOf: (id: string) => ['knowledge-versions', id] as const,
  versions: (id: string, current: number, review: number | null) =>
    ['knowledge-versions', id, current, review] as const,
  diff: (id: string, from: number | undefined, to: number | undefined) =>
    ['knowledge-diff', id, from, to] as const,
  feedback: (id: string) => ['knowledge-feedback', id] as const,
  phrasings: (id: string) => ['knowledge-phrasings', id] as const,
  preview: (body: string) => ['knowledge-preview', body] as const,
  productPicker: ['products-pick'] as const,
  situations: (q: string) => ['situations', q] as const,
  situation: (id: string) => ['situation', id] as const,
  accountSituations: (accountId: string) => ['account-situations', accountId] as const,
  accountName: (id: string) => ['account-name', id] as const,
  settings: ['knowledge-settings'] as const,
  sendContacts: (q: string) => ['send-contacts', q] as const,
  sendPreview: (id: string, contactId: string | null, subject: string, message: string) =>
    ['send-preview', id, contactId, subject, message] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

// --- items and their lifecycle ---

export function useItem(id: string) {
  return useQuery({
    queryKey: keys.item(id),
    queryFn: () => call(client.GET('/api/v1/knowledge/{id}', byId(id))),
    meta: { handlesErrors: true },
  });
}
export const createItem = (body: KnowledgeBody) => call(client.POST('/api/v1/knowledge', { body }));
export const updateItem = (id: string, body: KnowledgePatch) =>
  call(client.PATCH('/api/v1/knowledge/{id}', { ...byId(id), body }));
export const transitionItem = (id: string, action: TransitionAction) =>
  call(client.POST('/api/v1/knowledge/{id}/transitions', { ...byId(id), body: { action } }));

/** The Markdown rendered by the server (same renderer and sanitiser as a stored item). */
export function useMarkdownPreview(body: string) {
  return useQuery({
    queryKey: keys.preview(body),
    queryFn: () => call(client.POST('/api/v1/knowledge/preview', { body: { body } })),
    placeholderData: (previous) => previous,
  });
}

// --- versions ---

export function useVersions(id: string, current: number, review: number | null) {
  return useQuery({
    queryKey: keys.versions(id, current, review),
    queryFn: () => call(client.GET('/api/v1/knowledge/{id}/versions', byId(id))),
  });
}
export function useDiff(id: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: keys.diff(id, pair?.from, pair?.to),
    enabled: pair !== null,
    queryFn: () =>
      call(
        client.GET('/api/v1/knowledge/{id}/diff', {
          params: { path: { id }, query: pair ?? { from: 0, to: 0 } },
        }),
      ),
  });
}
export const restoreVersion = (id: string, version: number) =>
  call(
    client.POST('/api/v1/knowledge/{id}/versions/{version}/restore', { params: { path: { id, version } } }),
  );

// --- feedback: votes, comments, suggested edits ---

export function useFeedback(id: string) {
  return useQuery({
    queryKey: keys.feedback(id),
    queryFn: () => call(client.GET('/api/v1/knowledge/{id}/feedback', byId(id))),
  });
}
/** `searchId`: the search the person came from; a "useful" teaches the item its question. */
export const vote = (id: string, useful: boolean, searchId?: string) =>
  call(client.POST('/api/v1/knowledge/{id}/votes', { ...byId(id), body: { useful, searchId } }));
export const comment = (id: string, text: string) =>
  call(client.POST('/api/v1/knowledge/{id}/comments', { ...byId(id), body: { comment: text } }));
export const suggestEdit = (id: string, body: ApiBody<'/api/v1/knowledge/{id}/suggestions'>) =>
  call(client.POST('/api/v1/knowledge/{id}/suggestions', { ...byId(id), body }));
export const decideSuggestion = (id: string, suggestionId: string, decision: SuggestionDecision) =>
  call(
    client.POST('/api/v1/knowledge/{id}/suggestions/{suggestionId}/decision', {
      params: { path: { id, suggestionId } },
      body: { decision },
    }),
  );

// --- search, latest items, similar cases ---

/** Last update on or after `from`, on or before `to` (YYYY-MM-DD, inclusive). */
export type SearchDates = { from: string | null; to: string | null };

export function useKnowledgeSearch(
  q: string,
  type: string | null,
  tag: string | null,
  dates: SearchDates = { from: null, to: null },
) {
  return useQuery({
    queryKey: keys.search(q, type, tag, dates),
    enabled: q.trim().length > 0,
    queryFn: ({ signal }) =>
      call(
        client.GET('/api/v1/knowledge/search', {
          params: {
            query: {
              q,
              type: (type ?? undefined) as SearchQuery['type'],
              tag: tag ?? undefined,
              from: dates.from ?? undefined,
              to: dates.to ?? undefined,
              limit: 20,
              typing: 'true',
            },
          },
          signal,
        }),
      ),
    meta: { handlesErrors: true }, // said where the count would be
  });
}
export function useLatestItems(type: string | null, tag: string | null, enabled: boolean) {
  return useQuery({
    queryKey: keys.list(type, tag),
    enabled,
    queryFn: () =>
      call(
        client.GET('/api/v1/knowledge', {
          params: {
            query: { type: (type ?? undefined) as ListQuery['type'], tag: tag ?? undefined, limit: 30 },
          },
        }),
      ),
  });
}
/** What the searcher did with a result (KB-8: a search nobody opened is a knowledge gap). */
export const signalSearch = (searchId: string, signal: SearchSignal) =>
  call(
    client.POST('/api/v1/knowledge/searches/{searchId}/signal', {
      params: { path: { searchId } },
      body: { signal },
    }),
  );
export const findSimilar = (text: string) =>
  call(client.POST('/api/v1/knowledge/similar', { body: { text, limit: 5 } }));
export const reuseAnswer = (id: string, searchId?: string) =>
  call(client.POST('/api/v1/knowledge/{id}/reuse', { ...byId(id), body: { searchId } }));

// --- phrasings learned from use (KB-3 item 5) ---

export function usePhrasings(id: string) {
  return useQuery({
    queryKey: keys.phrasings(id),
    queryFn: () => call(client.GET('/api/v1/knowledge/{id}/phrasings', byId(id))),
  });
}
export const removePhrasing = (id: string, phrasingId: string) =>
  call(
    client.DELETE('/api/v1/knowledge/{id}/phrasings/{phrasingId}', { params: { path: { id, phrasingId } } }),
  );

// --- knowledge gaps (KB-8, experts) ---

export function useKnowledgeGaps(days: number) {
  return useQuery({
    queryKey: keys.gaps(days),
    queryFn: () => call(client.GET('/api/v1/knowledge/gaps', { params: { query: { days, limit: 200 } } })),
  });
}
/** "Write the answer": the draft for a group of questions (the one being written, if any). */
export const writeGapAnswer = (key: string) =>
  call(client.POST('/api/v1/knowledge/gaps/answer', { body: { key } }));

// --- synonyms of the search (KB-3 item 4; everyone reads, experts write) ---

export function useSynonymGroups(q: string) {
  return useQuery({
    queryKey: keys.synonyms(q),
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        client.GET('/api/v1/knowledge/synonyms', { params: { query: { q: q || undefined, limit: 500 } } }),
      ),
  });
}
export const createSynonymGroup = (terms: string[]) =>
  call(client.POST('/api/v1/knowledge/synonyms', { body: { terms } }));
export const updateSynonymGroup = (id: string, terms: string[]) =>
  call(client.PUT('/api/v1/knowledge/synonyms/{id}', { ...byId(id), body: { terms } }));
export const deleteSynonymGroup = (id: string) =>
  call(client.DELETE('/api/v1/knowledge/synonyms/{id}', byId(id)));

// --- pickers of the editor ---

export function useProductPicker() {
  return useQuery({
    queryKey: keys.productPicker,
    queryFn: () => call(client.GET('/api/v1/products', { params: { query: { limit: 200 } } })),
  });
}

// --- situations (KB-5) ---

export function useSituations(q = '') {
  return useQuery({
    queryKey: keys.situations(q),
    queryFn: () => call(client.GET('/api/v1/situations', { params: { query: { q } } })),
  });
}
export function useSituation(id: string) {
  return useQuery({
    queryKey: keys.situation(id),
    queryFn: () => call(client.GET('/api/v1/situations/{id}', byId(id))),
  });
}
export function useAccountSituations(accountId: string) {
  return useQuery({
    queryKey: keys.accountSituations(accountId),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}/situations', byId(accountId))),
  });
}
export const attachSituation = (accountId: string, situationId: string) =>
  call(client.POST('/api/v1/accounts/{id}/situations', { ...byId(accountId), body: { situationId } }));
export const decideSituation = (linkId: string, status: SituationDecision) =>
  call(client.PATCH('/api/v1/account-situations/{id}', { ...byId(linkId), body: { status } }));
/** The account's name, for the title of its situations page. */
export function useAccountName(id: string) {
  return useQuery({
    queryKey: keys.accountName(id),
    queryFn: () => call(client.GET('/api/v1/accounts/{id}', byId(id))),
  });
}

// --- settings (admins) ---

export function useKnowledgeSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => call(client.GET('/api/v1/knowledge/settings')),
  });
}
export const saveKnowledgeSettings = (body: ApiBody<'/api/v1/knowledge/settings', 'patch'>) =>
  call(client.PATCH('/api/v1/knowledge/settings', { body }));

// --- send to a client (KB-6) ---

export function useSendContacts(q: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.sendContacts(q),
    enabled,
    queryFn: () =>
      call(client.GET('/api/v1/contacts', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
}
export function useSendPreview(
  id: string,
  enabled: boolean,
  input: { contactId: string | null; subject: string; message: string },
) {
  return useQuery({
    queryKey: keys.sendPreview(id, input.contactId, input.subject, input.message),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(
        client.POST('/api/v1/knowledge/{id}/send/preview', {
          ...byId(id),
          body: {
            contactId: input.contactId ?? undefined,
            subject: input.subject.trim() || undefined,
            message: input.message,
          },
        }),
      ),
  });
}
export const sendToClient = (id: string, body: ApiBody<'/api/v1/knowledge/{id}/send'>) =>
  call(client.POST('/api/v1/knowledge/{id}/send', { ...byId(id), body }));

// --- import ---

/**
 * POST /api/v1/knowledge/import as NDJSON, reporting upload progress: through XMLHttpRequest
 * because fetch (and so the typed client) cannot, with the CSRF header every write carries.
 */
export function importItems(text: string, onProgress: (percent: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_PREFIX}/knowledge/import`);
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = readCookie(document.cookie, CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult);
      else reject(new ApiError(toProblem(xhr.status, xhr.statusText, body)));
    };
    xhr.onerror = () => reject(new ApiError({ title: 'Network error', status: 0, code: 'network' }));
    xhr.send(text);
  });
}
