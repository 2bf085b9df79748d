/**
 * Webhooks (API-2, admins): every call this module makes to the API and its query keys; the
 * types come from the generated OpenAPI types.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call, client, type ApiBody, type ApiItem, type ApiResponse } from '../../app/api/client';

export type Endpoint = ApiItem<'/api/v1/webhooks'>;
export type CreatedEndpoint = ApiResponse<'/api/v1/webhooks', 'post'>;
export type EndpointBody = ApiBody<'/api/v1/webhooks'>;
export type EndpointPatch = ApiBody<'/api/v1/webhooks/{id}', 'patch'>;
export type Delivery = ApiItem<'/api/v1/webhooks/{id}/deliveries'>;
export type EventType = Endpoint['eventTypes'][number];

export const keys = {
  all: ['webhooks'] as const,
  endpoints: ['webhooks', 'endpoints'] as const,
  eventTypes: ['webhooks', 'event-types'] as const,
  deliveries: (id: string, cursor: string | undefined) => ['webhooks', 'deliveries', id, cursor] as const,
};

const byId = (id: string) => ({ params: { path: { id } } });

export const useEndpoints = () =>
  useQuery({
    queryKey: keys.endpoints,
    queryFn: () => call(client.GET('/api/v1/webhooks', { params: { query: { limit: 100 } } })),
  });

export const useEventTypes = () =>
  useQuery({
    queryKey: keys.eventTypes,
    queryFn: () => call(client.GET('/api/v1/webhooks/event-types')),
    staleTime: Infinity,
  });

/** The log of one endpoint, refreshed while a delivery is still pending. */
export const useDeliveries = (id: string | null, cursor: string | undefined) =>
  useQuery({
    queryKey: keys.deliveries(id ?? '', cursor),
    queryFn: () =>
      call(
        client.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: id! }, query: { cursor } } }),
      ),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((delivery) => delivery.status === 'pending') ? 2000 : false,
  });

export const createEndpoint = (body: EndpointBody) => call(client.POST('/api/v1/webhooks', { body }));
export const changeEndpoint = (id: string, body: EndpointPatch) =>
  call(client.PATCH('/api/v1/webhooks/{id}', { ...byId(id), body }));
export const deleteEndpoint = (id: string) => call(client.DELETE('/api/v1/webhooks/{id}', byId(id)));
export const pingEndpoint = (id: string) => call(client.POST('/api/v1/webhooks/{id}/ping', byId(id)));
export const redeliver = (id: string, deliveryId: string) =>
  call(
    client.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
      params: { path: { id, deliveryId } },
    }),
  );
