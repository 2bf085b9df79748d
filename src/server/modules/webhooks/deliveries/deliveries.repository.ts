import type { Queryable } from '../../../db/client.js';
import { decodeCursor, toPage, type Paging } from '../../../platform/list-query.js';
import type { Delivery } from './deliveries.schemas.js';

type DeliveryRow = {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  redelivery_of: string | null;
  status: Delivery['status'];
  attempts: number;
  response_status: number | null;
  response_excerpt: string | null;
  error: string | null;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  messageId: row.message_id,
  eventType: row.event_type,
  payload: row.payload,
  redeliveryOf: row.redelivery_of,
  status: row.status,
  attempts: row.attempts,
  responseStatus: row.response_status,
  responseExcerpt: row.response_excerpt,
  error: row.error,
  nextAttemptAt: iso(row.next_attempt_at),
  createdAt: new Date(row.created_at).toISOString(),
  deliveredAt: iso(row.delivered_at),
});

/** Records a delivery to make; null when this event already went to this endpoint. */
export async function insertDelivery(
  tx: Queryable,
  input: {
    endpointId: string;
    messageId: string;
    eventType: string;
    payload: Record<string, unknown>;
    redeliveryOf?: string | null;
  },
): Promise<Delivery | null> {
  const [row] = await tx.query<DeliveryRow>(
    `insert into webhook_deliveries (endpoint_id, message_id, event_type, payload, redelivery_of)
     values ($1, $2, $3, $4, $5)
     on conflict (endpoint_id, message_id) where redelivery_of is null do nothing
     returning *`,
    [input.endpointId, input.messageId, input.eventType, input.payload, input.redeliveryOf ?? null],
  );
  return row ? toDelivery(row) : null;
}

export async function findDelivery(tx: Queryable, endpointId: string, id: string): Promise<Delivery | null> {
  const [row] = await tx.query<DeliveryRow>(
    `select * from webhook_deliveries where id = $1 and endpoint_id = $2`,
    [id, endpointId],
  );
  return row ? toDelivery(row) : null;
}

export async function findDeliveryById(tx: Queryable, id: string): Promise<Delivery | null> {
  const [row] = await tx.query<DeliveryRow>(`select * from webhook_deliveries where id = $1`, [id]);
  return row ? toDelivery(row) : null;
}

/** The endpoint's log, newest first. */
export async function listDeliveries(tx: Queryable, endpointId: string, paging: Paging) {
  const offset = decodeCursor(paging.cursor);
  const rows = await tx.query<DeliveryRow>(
    `select * from webhook_deliveries where endpoint_id = $1
      order by created_at desc, id desc limit $2 offset $3`,
    [endpointId, paging.limit + 1, offset],
  );
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from webhook_deliveries where endpoint_id = $1`,
    [endpointId],
  );
  return toPage(rows.map(toDelivery), paging, offset, Number(count));
}

/** The outcome of one attempt; `nextAttemptAt` set when another one is planned. */
export async function recordAttempt(
  tx: Queryable,
  id: string,
  outcome: {
    status: Delivery['status'];
    responseStatus: number | null;
    responseExcerpt: string | null;
    error: string | null;
    nextAttemptAt: Date | null;
  },
): Promise<void> {
  await tx.query(
    `update webhook_deliveries
        set attempts = attempts + 1, status = $2, response_status = $3, response_excerpt = $4, error = $5,
            next_attempt_at = $6, delivered_at = case when $2 = 'succeeded' then now() else delivered_at end
      where id = $1`,
    [
      id,
      outcome.status,
      outcome.responseStatus,
      outcome.responseExcerpt,
      outcome.error,
      outcome.nextAttemptAt,
    ],
  );
}
