import type { Queryable } from '../../../db/client.js';
import { decodeCursor, toPage, type Paging } from '../../../platform/list-query.js';
import type { WebhookEventType } from '../catalogue.js';
import type { Endpoint, EndpointPatch } from './endpoints.schemas.js';

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  event_types: WebhookEventType[];
  owner_id: string;
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: Date | string;
  updated_at: Date | string;
};

// Every column but the secret, which relais_app may not read (0500_webhooks.sql).
const COLUMNS = `id, url, description, event_types, owner_id, enabled, disabled_reason, consecutive_failures,
  created_at, updated_at`;

const toEndpoint = (row: EndpointRow): Endpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types,
  ownerId: row.owner_id,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  consecutiveFailures: row.consecutive_failures,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

export async function insertEndpoint(
  tx: Queryable,
  input: { url: string; description: string; eventTypes: string[]; secret: string; ownerId: string },
): Promise<Endpoint> {
  const [row] = await tx.query<EndpointRow>(
    `insert into webhook_endpoints (url, description, event_types, secret, owner_id)
     values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [input.url, input.description, input.eventTypes, input.secret, input.ownerId],
  );
  return toEndpoint(row);
}

export async function listEndpoints(tx: Queryable, paging: Paging) {
  const offset = decodeCursor(paging.cursor);
  const rows = await tx.query<EndpointRow>(
    `select ${COLUMNS} from webhook_endpoints order by created_at desc, id desc limit $1 offset $2`,
    [paging.limit + 1, offset],
  );
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from webhook_endpoints`,
  );
  return toPage(rows.map(toEndpoint), paging, offset, Number(count));
}

export async function findEndpoint(tx: Queryable, id: string): Promise<Endpoint | null> {
  const [row] = await tx.query<EndpointRow>(`select ${COLUMNS} from webhook_endpoints where id = $1`, [id]);
  return row ? toEndpoint(row) : null;
}

export async function updateEndpoint(
  tx: Queryable,
  id: string,
  patch: EndpointPatch,
): Promise<Endpoint | null> {
  const [row] = await tx.query<EndpointRow>(
    `update webhook_endpoints
        set url = coalesce($2::text, url),
            description = coalesce($3::text, description),
            event_types = coalesce($4::text[], event_types),
            enabled = coalesce($5::boolean, enabled),
            disabled_reason = case when $5::boolean then null else disabled_reason end,
            consecutive_failures = case when $5::boolean then 0 else consecutive_failures end,
            updated_at = now()
      where id = $1 returning ${COLUMNS}`,
    [id, patch.url ?? null, patch.description ?? null, patch.eventTypes ?? null, patch.enabled ?? null],
  );
  return row ? toEndpoint(row) : null;
}

export async function deleteEndpoint(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(`delete from webhook_endpoints where id = $1 returning id`, [id]);
  return rows.length > 0;
}

/** What the delivery job needs, read as the system (the secret included). */
export type EndpointForDelivery = {
  id: string;
  url: string;
  secret: string;
  ownerId: string;
  enabled: boolean;
  eventTypes: string[];
};

export async function enabledEndpointsFor(tx: Queryable, eventType: string): Promise<EndpointForDelivery[]> {
  const rows = await tx.query<{
    id: string;
    url: string;
    secret: string;
    owner_id: string;
    event_types: string[];
  }>(
    `select id, url, secret, owner_id, event_types from webhook_endpoints where enabled and $1 = any (event_types)`,
    [eventType],
  );
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    secret: row.secret,
    ownerId: row.owner_id,
    enabled: true,
    eventTypes: row.event_types,
  }));
}

export async function endpointForDelivery(tx: Queryable, id: string): Promise<EndpointForDelivery | null> {
  const [row] = await tx.query<{
    id: string;
    url: string;
    secret: string;
    owner_id: string;
    enabled: boolean;
    event_types: string[];
  }>(`select id, url, secret, owner_id, enabled, event_types from webhook_endpoints where id = $1`, [id]);
  return row
    ? {
        id: row.id,
        url: row.url,
        secret: row.secret,
        ownerId: row.owner_id,
        enabled: row.enabled,
        eventTypes: row.event_types,
      }
    : null;
}

/** After a delivery that finally failed: one more failure in a row, and disabled at `limit`. */
export async function recordEndpointFailure(tx: Queryable, id: string, limit: number): Promise<void> {
  await tx.query(
    `update webhook_endpoints
        set consecutive_failures = consecutive_failures + 1,
            enabled = enabled and consecutive_failures + 1 < $2,
            disabled_reason = case when enabled and consecutive_failures + 1 >= $2
                                   then 'failed ' || (consecutive_failures + 1) || ' deliveries in a row'
                                   else disabled_reason end,
            updated_at = now()
      where id = $1`,
    [id, limit],
  );
}

export async function recordEndpointSuccess(tx: Queryable, id: string): Promise<void> {
  await tx.query(
    `update webhook_endpoints set consecutive_failures = 0 where id = $1 and consecutive_failures <> 0`,
    [id],
  );
}
