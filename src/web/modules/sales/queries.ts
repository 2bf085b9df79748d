/**
 * Sales (products, offers, activities, agenda, documents, brief, dashboards): every call this
 * module makes to the API, its query keys, and the types of its answers (derived from the
 * generated OpenAPI types, never re-declared by hand).
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  call,
  client,
  rawBody,
  type ApiBody,
  type ApiItem,
  type ApiQuery,
  type ApiResponse,
} from '../../app/api/client';

export type Stage = ApiItem<'/api/v1/offer-stages'>;
export type Outcome = Stage['outcome'];
export type Product = ApiResponse<'/api/v1/products/{id}'>;
export type PriceChange = ApiItem<'/api/v1/products/{id}/price-history'>;
export type Offer = ApiItem<'/api/v1/offers'>;
export type OfferDetail = ApiResponse<'/api/v1/offers/{id}'>;
export type OfferLine = OfferDetail['lines'][number];
export type Board = ApiResponse<'/api/v1/offers/board'>;
export type Activity = ApiResponse<'/api/v1/activities/{id}'>;
export type ActivityKind = Activity['kind'];
export type Agenda = ApiResponse<'/api/v1/agenda'>;
export type AgendaDay = Agenda['days'][number];
export type RecentAccount = ApiItem<'/api/v1/activities/recent-accounts'>;
export type DocumentItem = ApiItem<'/api/v1/documents'>;
export type TimelineEntry = ApiItem<'/api/v1/accounts/{id}/timeline'>;
export type MyDashboard = ApiResponse<'/api/v1/dashboards/me'>;
export type TeamDashboard = ApiResponse<'/api/v1/dashboards/team'>;
export type RepOffers = ApiResponse<'/api/v1/dashboards/team/reps/{userId}/offers'>;
export type DrillItem = RepOffers['items'][number];
export type FollowUp = ApiBody<'/api/v1/activities/{id}/follow-up'>;
export type OfferLinePatch = ApiBody<'/api/v1/offers/{id}/lines/{lineId}', 'patch'>;
export type ProductBody = ApiBody<'/api/v1/products'>;
export type OfferBody = ApiBody<'/api/v1/offers'>;
export type ActivityBody = ApiBody<'/api/v1/activities'>;
export type ActivityCompletion = ApiBody<'/api/v1/activities/{id}/complete'>;
export type OffersQuery = ApiQuery<'/api/v1/offers'>;
export type ActivitiesQuery = ApiQuery<'/api/v1/activities'>;
export type ProductsQuery = ApiQuery<'/api/v1/products'>;

/** Query keys of the module; broad keys (`keys.offers`) invalidate every list and detail below them. */
export const keys = {
  stages: ['offer-stages'] as const,
  products: ['products'] as const,
  productList: (filters: object, page: number) => ['products', filters, page] as const,
  product: (id: string) => ['products', id] as const,
  priceHistory: (id: string) => ['products', id, 'history'] as const,
  offers: ['offers'] as const,
  offerBoard: (filters: object) => ['offers', 'board', filters] as const,
  offerList: (filters: object, page: number) => ['offers', 'list', filters, page] as const,
  accountOffers: (accountId: string) => ['offers', 'account', accountId] as const,
  offer: (id: string) => ['offers', id] as const,
  activities: ['activities'] as const,
  activityLists: ['activities', 'list'] as const,
  activityList: (filters: object, page: number) => ['activities', 'list', filters, page] as const,
  offerActivities: (offerId: string) => ['activities', { offerId }] as const,
  plannedActivities: (accountId: string | null) => ['activities', 'planned', accountId] as const,
  recentAccounts: ['activities', 'recent-accounts'] as const,
  activity: (id: string | null) => ['activities', id] as const,
  agenda: ['agenda'] as const,
  dashboards: ['dashboards'] as const,
  myDashboard: ['dashboards', 'me'] as const,
  teamDashboard: ['dashboards', 'team'] as const,
  repOffers: (userId: string | undefined, outcome: string, page: number) =>
    ['dashboards', 'team', 'rep', userId, outcome, page] as const,
  documents: ['documents'] as const,
  documentsOf: (parentType: string, parentId: string, includeChildren?: boolean) =>
    ['documents', parentType, parentId, includeChildren] as const,
  timeline: (accountId: string, types: string[]) => ['timeline', accountId, types] as const,
  brief: (id: string) => ['brief', id] as const,
  picker: (path: PickerList, q: string, extra?: Record<string, string>) => [`/${path}`, q, extra] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

// --- products ---

export function useProducts(filters: ProductsQuery, page: number, cursor: string | undefined, limit: number) {
  return useQuery({
    queryKey: keys.productList(filters, page),
    queryFn: () => call(client.GET('/api/v1/products', { params: { query: { ...filters, limit, cursor } } })),
    placeholderData: keepPreviousData,
  });
}
export function useProduct(id: string) {
  return useQuery({
    queryKey: keys.product(id),
    queryFn: () => call(client.GET('/api/v1/products/{id}', byId(id))),
  });
}
export function usePriceHistory(id: string) {
  return useQuery({
    queryKey: keys.priceHistory(id),
    queryFn: () => call(client.GET('/api/v1/products/{id}/price-history', byId(id))),
  });
}
export const createProduct = (body: ProductBody) => call(client.POST('/api/v1/products', { body }));
export const updateProduct = (id: string, body: ApiBody<'/api/v1/products/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/products/{id}', { ...byId(id), body }));

// --- offers ---

export function useOfferStages() {
  return useQuery({
    queryKey: keys.stages,
    queryFn: () => call(client.GET('/api/v1/offer-stages')),
    staleTime: 60_000,
  });
}
export function useOfferBoard(filters: ApiQuery<'/api/v1/offers/board'>, enabled: boolean) {
  return useQuery({
    queryKey: keys.offerBoard(filters),
    queryFn: () =>
      call(client.GET('/api/v1/offers/board', { params: { query: { ...filters, perStage: 30 } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useOfferList(
  filters: OffersQuery,
  page: number,
  cursor: string | undefined,
  enabled: boolean,
) {
  return useQuery({
    queryKey: keys.offerList(filters, page),
    queryFn: () =>
      call(client.GET('/api/v1/offers', { params: { query: { ...filters, limit: 25, cursor } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useAccountOffers(accountId: string) {
  return useQuery({
    queryKey: keys.accountOffers(accountId),
    queryFn: () =>
      call(
        client.GET('/api/v1/offers', { params: { query: { accountId, limit: 100, sort: '-updatedAt' } } }),
      ),
  });
}
export function useOffer(id: string) {
  return useQuery({
    queryKey: keys.offer(id),
    queryFn: () => call(client.GET('/api/v1/offers/{id}', byId(id))),
  });
}
export const createOffer = (body: OfferBody) => call(client.POST('/api/v1/offers', { body }));
export const deleteOffer = (id: string) => call(client.DELETE('/api/v1/offers/{id}', byId(id)));
export const moveOfferStage = (id: string, body: ApiBody<'/api/v1/offers/{id}/stage'>) =>
  call(client.POST('/api/v1/offers/{id}/stage', { ...byId(id), body }));
export const addOfferLine = (id: string, body: ApiBody<'/api/v1/offers/{id}/lines'>) =>
  call(client.POST('/api/v1/offers/{id}/lines', { ...byId(id), body }));
export const updateOfferLine = (
  id: string,
  lineId: string,
  body: ApiBody<'/api/v1/offers/{id}/lines/{lineId}', 'patch'>,
) => call(client.PATCH('/api/v1/offers/{id}/lines/{lineId}', { params: { path: { id, lineId } }, body }));
export const deleteOfferLine = (id: string, lineId: string) =>
  call(client.DELETE('/api/v1/offers/{id}/lines/{lineId}', { params: { path: { id, lineId } } }));

// --- activities, agenda ---

export const findActivities = (query: ActivitiesQuery) =>
  call(client.GET('/api/v1/activities', { params: { query } }));
export function useActivityList(
  filters: ActivitiesQuery,
  page: number,
  cursor: string | undefined,
  limit: number,
) {
  return useQuery({
    queryKey: keys.activityList(filters, page),
    queryFn: () => findActivities({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
}
export function useOfferActivities(offerId: string) {
  return useQuery({
    queryKey: keys.offerActivities(offerId),
    queryFn: () => findActivities({ offerId, limit: 20 }),
  });
}
export const createActivity = (body: ActivityBody) => call(client.POST('/api/v1/activities', { body }));
export const updateActivity = (id: string, body: ApiBody<'/api/v1/activities/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/activities/{id}', { ...byId(id), body }));
export const deleteActivity = (id: string) => call(client.DELETE('/api/v1/activities/{id}', byId(id)));
export const markActivityDone = (id: string, done: boolean) =>
  call(client.POST('/api/v1/activities/{id}/done', { ...byId(id), body: { done } }));
export const completeActivity = (id: string, body: ApiBody<'/api/v1/activities/{id}/complete'>) =>
  call(client.POST('/api/v1/activities/{id}/complete', { ...byId(id), body }));
export const createFollowUp = (id: string, body: FollowUp) =>
  call(client.POST('/api/v1/activities/{id}/follow-up', { ...byId(id), body }));
export const fetchActivity = (id: string) => call(client.GET('/api/v1/activities/{id}', byId(id)));
export function useActivity(id: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.activity(id),
    queryFn: () => fetchActivity(id!),
    enabled: options.enabled,
  });
}
/** This account's visits and calls of mine still to be logged, nearest first. */
export function usePlannedActivities(accountId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: keys.plannedActivities(accountId),
    queryFn: () =>
      findActivities({
        accountId: accountId!,
        ownerId: 'me',
        planned: 'true',
        sort: 'occurredAt',
        limit: 20,
      }),
    enabled,
  });
}
export const fetchRecentAccounts = () => call(client.GET('/api/v1/activities/recent-accounts'));
export function useRecentAccounts() {
  return useQuery({ queryKey: keys.recentAccounts, queryFn: fetchRecentAccounts });
}
export function useAgenda(days: number) {
  return useQuery({
    queryKey: keys.agenda,
    queryFn: () => call(client.GET('/api/v1/agenda', { params: { query: { days } } })),
  });
}

// --- documents ---

export function useDocuments(parentType: string, parentId: string, includeChildren?: boolean) {
  return useQuery({
    queryKey: keys.documentsOf(parentType, parentId, includeChildren),
    queryFn: () =>
      call(
        client.GET('/api/v1/documents', {
          params: {
            query: {
              parentType,
              parentId,
              includeChildren: includeChildren ? 'true' : undefined,
            } as ApiQuery<'/api/v1/documents'>,
          },
        }),
      ),
  });
}
export const deleteDocument = (id: string) => call(client.DELETE('/api/v1/documents/{id}', byId(id)));

/** Uploads a file as multipart, with the CSRF token like every other write. */
export function uploadDocument(parentType: string, parentId: string, file: File): Promise<DocumentItem> {
  const form = new FormData();
  form.append('parentType', parentType);
  form.append('parentId', parentId);
  form.append('file', file);
  return call(
    client.POST('/api/v1/documents', { body: form as never, ...rawBody() }),
  ) as Promise<DocumentItem>;
}

// --- account pages: timeline, brief ---

/**
 * The account brief. Written by hand because GET /accounts/{id}/brief declares no response schema
 * in the OpenAPI document (the one JSON route without one): derive it once the route declares it.
 */
export interface Brief {
  account: {
    id: string;
    name: string;
    kind: string;
    sector: string | null;
    segment: string | null;
    city: string | null;
    postalCode: string | null;
    addressLine: string | null;
    phone: string | null;
    website: string | null;
    tags: string[];
    ownerName: string | null;
  };
  keyFacts: {
    openOffers: number;
    openPipeline: number;
    wonLast12Months: number;
    wonCount: number;
    lostCount: number;
    lastActivityAt: string | null;
    lastVisitAt: string | null;
  };
  lastActivities: {
    id: string;
    kind: string;
    subject: string;
    occurredAt: string;
    ownerName: string;
    outcome: string | null;
    nextSteps: string | null;
  }[];
  openOffers: {
    id: string;
    title: string;
    amount: number;
    stageName: string;
    probability: number;
    expectedCloseDate: string | null;
  }[];
  openTasks: { id: string; subject: string; dueDate: string | null; ownerName: string }[];
  contacts: {
    id: string;
    name: string;
    title: string | null;
    role: string | null;
    isPrimary: boolean;
    phone: string | null;
    email: string | null;
  }[];
  colleagues: { id: string; name: string; reasons: string[]; products: string[] }[];
  knowledge: {
    id: string;
    type: string;
    title: string;
    url: string;
    why: 'account' | 'product';
    productNames: string[];
  }[];
  situations: {
    id: string;
    name: string;
    description: string;
    adviceHtml: string;
    products: { id: string; reference: string; name: string }[];
    knowledge: { id: string; title: string }[];
  }[];
  alerts: {
    ruleId: string;
    name: string;
    severity: 'info' | 'warning' | 'blocking';
    message: string;
    html: string;
    knowledge: { id: string; title: string; url: string }[];
  }[];
  sections: {
    key: string;
    title: { fr: string; en: string };
    items: { title: string; summary: string | null; url: string }[];
  }[];
  generatedAt: string;
}

export function useAccountTimeline(accountId: string, types: string[]) {
  return useInfiniteQuery({
    queryKey: keys.timeline(accountId, types),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        client.GET('/api/v1/accounts/{id}/timeline', {
          params: {
            path: { id: accountId },
            query: { types: types.length ? types.join(',') : undefined, cursor: pageParam, limit: 30 },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export const fetchBrief = (id: string) =>
  call(client.GET('/api/v1/accounts/{id}/brief', byId(id))) as Promise<unknown> as Promise<Brief>;
export function useBrief(id: string) {
  return useQuery({ queryKey: keys.brief(id), queryFn: () => fetchBrief(id) });
}

/** The API paths behind my day and a brief, whose offline copy's age the pages show (UX-2). */
export const offlinePaths = {
  agenda: '/api/v1/agenda',
  brief: (id: string) => `/api/v1/accounts/${id}/brief`,
};

// --- dashboards, calendar ---

export function useMyDashboard() {
  return useQuery({ queryKey: keys.myDashboard, queryFn: () => call(client.GET('/api/v1/dashboards/me')) });
}
export function useTeamDashboard() {
  return useQuery({
    queryKey: keys.teamDashboard,
    queryFn: () => call(client.GET('/api/v1/dashboards/team')),
  });
}
export function useRepOffers(
  userId: string | undefined,
  query: { outcome: 'open' | 'won' | 'lost'; limit: number; cursor?: string },
  page: number,
) {
  return useQuery({
    queryKey: keys.repOffers(userId, query.outcome, page),
    queryFn: () =>
      call(
        client.GET('/api/v1/dashboards/team/reps/{userId}/offers', {
          params: { path: { userId: userId! }, query },
        }),
      ),
    enabled: Boolean(userId),
    placeholderData: keepPreviousData,
  });
}
export const createCalendarToken = () => call(client.POST('/api/v1/calendar/token'));

// --- pickers ---

export type PickerList = 'accounts' | 'products' | 'contacts';

/** Server-side search of a picker's list (`{ items }`), as the user types. */
export function usePickerSearch(list: PickerList, q: string, extra?: Record<string, string>) {
  return useQuery({
    queryKey: keys.picker(list, q, extra),
    queryFn: (): Promise<{ items: Array<Record<string, unknown>> }> => {
      const query = { q: q || undefined, limit: 20, ...extra };
      if (list === 'accounts') return call(client.GET('/api/v1/accounts', { params: { query } }));
      if (list === 'products') return call(client.GET('/api/v1/products', { params: { query } }));
      return call(client.GET('/api/v1/contacts', { params: { query } }));
    },
  });
}
