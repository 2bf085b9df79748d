/**
 * Push (alert rules, notifications, broadcasts, change plans, preferences, web push): every call
 * this module makes to the API, its query keys, and the types of its answers (derived from the
 * generated OpenAPI types, never re-declared by hand).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  call,
  client,
  type ApiBody,
  type ApiItem,
  type ApiQuery,
  type ApiResponse,
} from '../../app/api/client';
import { useServerEvent } from '../../app/server-events';

export type Alert = ApiResponse<'/api/v1/push/check', 'post'>['alerts'][number];
export type Severity = Alert['severity'];
export type Notification = ApiItem<'/api/v1/notifications'>;
export type Rule = ApiResponse<'/api/v1/push/rules/{id}'>;
export type RuleBody = ApiBody<'/api/v1/push/rules'>;
export type ActionDef = ApiItem<'/api/v1/push/actions'>;
export type Broadcast = ApiResponse<'/api/v1/broadcasts/{id}'>;
export type BroadcastBody = ApiBody<'/api/v1/broadcasts'>;
export type Receipt = ApiItem<'/api/v1/broadcasts/{id}/receipts'>;
export type Plan = ApiItem<'/api/v1/change-plans'>;
export type PlanDetail = ApiResponse<'/api/v1/change-plans/{id}'>;
export type PlanAction = PlanDetail['actions'][number];
export type ForMe = ApiResponse<'/api/v1/push/for-me'>;
export type Preferences = ApiResponse<'/api/v1/notifications/preferences'>;
export type TryResult = ApiResponse<'/api/v1/push/rules/try', 'post'>;
export type RulesQuery = ApiQuery<'/api/v1/push/rules'>;
export type NotificationsQuery = ApiQuery<'/api/v1/notifications'>;
export type PlanActionPatch = ApiBody<'/api/v1/change-plans/{id}/actions/{actionId}', 'patch'>;
export type WebPushSubscription = ApiBody<'/api/v1/push/subscriptions'>;
export type AudienceBody = ApiBody<'/api/v1/broadcasts/audience-preview'>['audience'];

/** Query keys of the module: `keys.all` refreshes everything push shows. */
export const keys = {
  all: ['push'] as const,
  notifications: ['push', 'notifications'] as const,
  unread: ['push', 'notifications', 'unread'] as const,
  latestNotifications: ['push', 'notifications', 'latest'] as const,
  notificationList: (query: object) => ['push', 'notifications', 'list', query] as const,
  actions: ['push', 'actions'] as const,
  rules: ['push', 'rules'] as const,
  ruleList: (query: object) => ['push', 'rules', query] as const,
  rule: (id: string | undefined) => ['push', 'rule', id] as const,
  ruleVersions: (id: string | undefined) => ['push', 'rule-versions', id] as const,
  broadcasts: ['push', 'broadcasts'] as const,
  broadcastList: (filter: string) => ['push', 'broadcasts', filter] as const,
  broadcast: (id: string) => ['push', 'broadcast', id] as const,
  receipts: (id: string, status: string) => ['push', 'receipts', id, status] as const,
  plans: ['push', 'plans'] as const,
  plan: ['push', 'plan'] as const,
  planOf: (id: string) => ['push', 'plan', id] as const,
  forMe: ['push', 'for-me'] as const,
  preferences: ['push', 'preferences'] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

// --- notifications ---

/** Unread count for the bell, refreshed live when a `notification.created` event arrives. */
export function useUnreadCount() {
  const queryClient = useQueryClient();
  useServerEvent('notification.created', () => {
    void queryClient.invalidateQueries({ queryKey: keys.notifications });
  });
  return useQuery({
    queryKey: keys.unread,
    queryFn: () => call(client.GET('/api/v1/notifications/unread-count')),
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
}
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: keys.latestNotifications,
    queryFn: () => call(client.GET('/api/v1/notifications', { params: { query: { limit: 8 } } })),
    enabled,
  });
}
export function useNotifications(query: ApiQuery<'/api/v1/notifications'>) {
  return useQuery({
    queryKey: keys.notificationList(query),
    queryFn: () => call(client.GET('/api/v1/notifications', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
export const markNotificationRead = (id: string) =>
  call(client.POST('/api/v1/notifications/{id}/read', byId(id)));
export const markAllNotificationsRead = () => call(client.POST('/api/v1/notifications/read-all'));

// --- preferences, web push ---

export function usePreferences() {
  return useQuery({
    queryKey: keys.preferences,
    queryFn: () => call(client.GET('/api/v1/notifications/preferences')),
  });
}
export const savePreferences = (body: ApiBody<'/api/v1/notifications/preferences', 'put'>) =>
  call(client.PUT('/api/v1/notifications/preferences', { body }));
export const webPushKey = () => call(client.GET('/api/v1/push/webpush/key'));
export const subscribeWebPush = (body: ApiBody<'/api/v1/push/subscriptions'>) =>
  call(client.POST('/api/v1/push/subscriptions', { body }));
export const unsubscribeWebPush = (endpoint: string) =>
  call(client.DELETE('/api/v1/push/subscriptions', { params: { query: { endpoint } } }));

// --- alert rules ---

export function usePushActions() {
  return useQuery({ queryKey: keys.actions, queryFn: () => call(client.GET('/api/v1/push/actions')) });
}
export function useRules(query: ApiQuery<'/api/v1/push/rules'>) {
  return useQuery({
    queryKey: keys.ruleList(query),
    queryFn: () => call(client.GET('/api/v1/push/rules', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
export function useRule(id: string | undefined) {
  return useQuery({
    queryKey: keys.rule(id),
    queryFn: () => call(client.GET('/api/v1/push/rules/{id}', byId(id!))),
    enabled: Boolean(id),
  });
}
export function useRuleVersions(id: string | undefined) {
  return useQuery({
    queryKey: keys.ruleVersions(id),
    queryFn: () => call(client.GET('/api/v1/push/rules/{id}/versions', byId(id!))),
    enabled: Boolean(id),
  });
}
export const createRule = (body: RuleBody) => call(client.POST('/api/v1/push/rules', { body }));
export const updateRule = (id: string, body: ApiBody<'/api/v1/push/rules/{id}', 'patch'>) =>
  call(client.PATCH('/api/v1/push/rules/{id}', { ...byId(id), body }));
export const deleteRule = (id: string) => call(client.DELETE('/api/v1/push/rules/{id}', byId(id)));
export const tryRule = (body: ApiBody<'/api/v1/push/rules/try'>) =>
  call(client.POST('/api/v1/push/rules/try', { body }));

/** The alerts an action would raise (PUSH-2), and the acknowledgement of one of them. */
export const checkAction = (action: string, fields: Record<string, unknown>) =>
  call(client.POST('/api/v1/push/check', { body: { action, fields } }));
export const acknowledgeAlert = (body: ApiBody<'/api/v1/push/ack'>) =>
  call(client.POST('/api/v1/push/ack', { body }));

// --- broadcasts ---

export function useBroadcasts(filter: string) {
  return useQuery({
    queryKey: keys.broadcastList(filter),
    queryFn: () =>
      call(
        client.GET('/api/v1/broadcasts', {
          params: { query: { limit: 100, pendingAck: filter === 'ack' ? 'true' : undefined } },
        }),
      ),
  });
}
export function useBroadcast(id: string) {
  return useQuery({
    queryKey: keys.broadcast(id),
    queryFn: () => call(client.GET('/api/v1/broadcasts/{id}', byId(id))),
  });
}
export function useReceipts(id: string, status: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.receipts(id, status),
    queryFn: () =>
      call(
        client.GET('/api/v1/broadcasts/{id}/receipts', {
          params: {
            path: { id },
            query: {
              status: status === 'all' ? undefined : status,
            } as ApiQuery<'/api/v1/broadcasts/{id}/receipts'>,
          },
        }),
      ),
    enabled,
  });
}
export const createBroadcast = (body: BroadcastBody) => call(client.POST('/api/v1/broadcasts', { body }));
export const acknowledgeBroadcast = (id: string) =>
  call(client.POST('/api/v1/broadcasts/{id}/ack', byId(id)));
export const previewAudience = (audience: ApiBody<'/api/v1/broadcasts/audience-preview'>['audience']) =>
  call(client.POST('/api/v1/broadcasts/audience-preview', { body: { audience } }));

// --- for me, change plans ---

export function useForMe() {
  return useQuery({ queryKey: keys.forMe, queryFn: () => call(client.GET('/api/v1/push/for-me')) });
}
export function usePlans() {
  return useQuery({ queryKey: keys.plans, queryFn: () => call(client.GET('/api/v1/change-plans')) });
}
export function usePlan(id: string) {
  return useQuery({
    queryKey: keys.planOf(id),
    queryFn: () => call(client.GET('/api/v1/change-plans/{id}', byId(id))),
  });
}
export const createPlan = (body: ApiBody<'/api/v1/change-plans'>) =>
  call(client.POST('/api/v1/change-plans', { body }));
export const addPlanAction = (id: string, body: ApiBody<'/api/v1/change-plans/{id}/actions'>) =>
  call(client.POST('/api/v1/change-plans/{id}/actions', { ...byId(id), body }));
export const updatePlanAction = (
  id: string,
  actionId: string,
  body: ApiBody<'/api/v1/change-plans/{id}/actions/{actionId}', 'patch'>,
) =>
  call(
    client.PATCH('/api/v1/change-plans/{id}/actions/{actionId}', {
      params: { path: { id, actionId } },
      body,
    }),
  );

/** Colleagues by name (the staff directory, through the global search). */
export const searchPeople = (q: string) =>
  call(client.GET('/api/v1/search', { params: { query: { q, types: 'person', limit: 10 } } }));
