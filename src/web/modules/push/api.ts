import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api';
import { useServerEvent } from '../../app/server-events';

export type Severity = 'info' | 'warning' | 'blocking';
export interface Alert {
  ruleId: string; ruleKey: string; version: number; name: string; severity: Severity; message: string; html: string;
  knowledge: { id: string; title: string; url: string }[]; requiresAck: boolean; acknowledgedAt: string | null;
}
export interface Notification {
  id: string; kind: 'change' | 'broadcast' | 'season' | 'reminder' | 'plan'; severity: Severity; title: string; body: string;
  reason: string | null; url: string | null; sourceType: string | null; sourceId: string | null; requiresAck: boolean;
  ackDue: string | null; createdAt: string; readAt: string | null; acknowledgedAt: string | null;
}
export interface Page<T> { items: T[]; nextCursor: string | null; total: number }
export interface Rule {
  id: string; key: string; name: string; action: string; conditions: unknown; effectiveFrom: string | null; effectiveTo: string | null;
  audience: { teamIds: string[]; roles: string[] }; severity: Severity; message: { fr: string; en: string }; knowledgeIds: string[];
  enabled: boolean; version: number; createdAt: string; updatedAt: string;
}
export interface ActionDef { name: string; label: string; builtIn: boolean; fields: { name: string; type: string }[] }
export interface Broadcast {
  id: string; title: string; body: string; html: string; lang: string; audience: Record<string, string[]>; requiresAck: boolean; ackDue: string | null;
  schedule: { kind: 'now' | 'at' | 'season'; startsAt: string | null; from: string | null; to: string | null }; active: boolean;
  authorName: string | null; createdAt: string; stats: { recipients: number; read: number; acked: number; runs: number };
  myReceipt: { readAt: string | null; ackedAt: string | null; periodKey: string } | null;
}
export interface PlanAction {
  id: string; means: string; function: string; ownerId: string | null; ownerName: string | null; dueOn: string | null;
  status: 'todo' | 'in_progress' | 'done' | 'cancelled'; late: boolean; link: { type: string; id: string; title: string | null; url: string } | null;
}
export interface Plan {
  id: string; title: string; description: string; startsOn: string | null; endsOn: string | null; ownerName: string | null;
  progress: { total: number; done: number; inProgress: number; late: number; percent: number }; actions?: PlanAction[];
}

export const pushApi = {
  get: <T,>(path: string, query?: Record<string, string | number | boolean | undefined>) => apiRequest<T>(path, { query }),
  post: <T,>(path: string, body: unknown = {}) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: (path: string, query?: Record<string, string>) => apiRequest<void>(path, { method: 'DELETE', query }),
};

/** Unread count for the bell, refreshed live when a `notification.created` event arrives. */
export function useUnreadCount() {
  const client = useQueryClient();
  useServerEvent('notification.created', () => {
    void client.invalidateQueries({ queryKey: ['push', 'notifications'] });
  });
  return useQuery({
    queryKey: ['push', 'notifications', 'unread'],
    queryFn: () => pushApi.get<{ count: number }>('/notifications/unread-count'),
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
}

export const severityColor = (severity: Severity) => (severity === 'blocking' ? 'red' : severity === 'warning' ? 'orange' : 'blue');
