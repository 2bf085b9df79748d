import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { actAs, actAsSystem, loadActor } from '../../../db/access.js';
import type { Queryable } from '../../../db/client.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import type { DomainEvent } from '../../../platform/events.js';
import type { Paging } from '../../../platform/list-query.js';
import { outboundPolicy, OutboundRefused, sendOutbound } from '../../../platform/outbound.js';
import { PING_EVENT, webhookTriggerOf, type WebhookRecordKind } from '../catalogue.js';
import {
  endpointForDelivery,
  enabledEndpointsFor,
  findEndpoint,
  recordEndpointFailure,
  recordEndpointSuccess,
} from '../endpoints/endpoints.repository.js';
import { assertCanManageWebhooks } from '../webhooks.policy.js';
import {
  findDelivery,
  findDeliveryById,
  insertDelivery,
  listDeliveries,
  recordAttempt,
} from './deliveries.repository.js';
import type { Delivery } from './deliveries.schemas.js';

/** Reads one record as the transaction's actor (row-level security applies); null when not seen. */
export type WebhookRecordReader = (tx: Queryable, id: string) => Promise<Record<string, unknown> | null>;
/** How each kind of record is read, handed over by the modules that own them (modules/index.ts). */
export type WebhookSources = Record<WebhookRecordKind, WebhookRecordReader>;

export const DELIVER_QUEUE = 'webhooks.deliver';

async function enqueueAttempt(
  deps: AppDeps,
  tx: Queryable,
  deliveryId: string,
  attempt: number,
  runAt?: Date,
) {
  await deps.jobs.enqueue(
    tx,
    DELIVER_QUEUE,
    { deliveryId },
    { runAt, singletonKey: `webhook:${deliveryId}:${attempt}` },
  );
}

/**
 * Turns a domain event into one delivery per enabled endpoint subscribed to it, whose payload
 * is the record as the endpoint's owner sees it: an owner who may not see it gets nothing.
 * Runs in the event's job transaction, so a delivery exists iff the event was handled.
 */
export async function planDeliveries(
  deps: AppDeps,
  sources: WebhookSources,
  event: DomainEvent,
  tx: Queryable,
) {
  const trigger = webhookTriggerOf(event);
  if (!trigger) return;
  for (const endpoint of await enabledEndpointsFor(tx, trigger.type)) {
    const owner = await loadActor(tx, endpoint.ownerId);
    if (!owner) continue; // a deactivated owner's endpoints go quiet
    await actAs(tx, owner);
    let record: Record<string, unknown> | null;
    try {
      record = await sources[trigger.kind](tx, trigger.id);
    } finally {
      await actAsSystem(tx);
    }
    if (!record) continue;
    const delivery = await insertDelivery(tx, {
      endpointId: endpoint.id,
      messageId: `msg_${event.id}`,
      eventType: trigger.type,
      payload: {
        type: trigger.type,
        timestamp: new Date(event.createdAt).toISOString(),
        data: { object: trigger.kind, ...record },
      },
    });
    if (delivery) await enqueueAttempt(deps, tx, delivery.id, 0);
  }
}

const excerpt = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/**
 * One attempt: the payload signed as Standard Webhooks says (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`), POSTed under the outbound address rules. A 2xx succeeds; anything else
 * is retried after the configured delays, then fails for good and counts towards disabling.
 */
export async function attemptDelivery(deps: AppDeps, deliveryId: string, tx: Queryable): Promise<void> {
  const delivery = await findDeliveryById(tx, deliveryId);
  if (!delivery || delivery.status !== 'pending') return;
  const endpoint = await endpointForDelivery(tx, delivery.endpointId);
  if (!endpoint) return;
  const finalFailure = async (
    error: string,
    responseStatus: number | null,
    responseExcerpt: string | null,
  ) => {
    await recordAttempt(tx, delivery.id, {
      status: 'failed',
      responseStatus,
      responseExcerpt,
      error,
      nextAttemptAt: null,
    });
    await recordEndpointFailure(tx, endpoint.id, deps.config.webhookDisableAfter);
  };
  if (!endpoint.enabled) {
    await recordAttempt(tx, delivery.id, {
      status: 'failed',
      responseStatus: null,
      responseExcerpt: null,
      error: 'The endpoint is disabled.',
      nextAttemptAt: null,
    });
    return;
  }

  const body = JSON.stringify(delivery.payload);
  const sentAt = deps.clock();
  const signature = new Webhook(endpoint.secret).sign(delivery.messageId, sentAt, body);
  let status: number | null = null;
  let text: string | null = null;
  let error: string | null = null;
  try {
    const response = await sendOutbound(
      endpoint.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': `Relais-Webhooks/${deps.config.version}`,
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        timeoutMs: 10_000,
      },
      outboundPolicy(deps),
    );
    status = response.status;
    text = excerpt(response.text);
  } catch (caught) {
    // A refused address will not become public by waiting: no retry.
    if (caught instanceof OutboundRefused) return finalFailure(`Refused: ${caught.message}`, null, null);
    error = caught instanceof Error ? caught.message : String(caught);
  }

  if (status !== null && status >= 200 && status < 300) {
    await recordAttempt(tx, delivery.id, {
      status: 'succeeded',
      responseStatus: status,
      responseExcerpt: text,
      error: null,
      nextAttemptAt: null,
    });
    await recordEndpointSuccess(tx, endpoint.id);
    return;
  }
  const reason = error ?? `The receiver answered ${status}.`;
  const attempt = delivery.attempts + 1;
  const delays = deps.config.webhookRetrySeconds;
  if (attempt > delays.length) return finalFailure(reason, status, text);
  const nextAttemptAt = new Date(Date.now() + delays[attempt - 1] * 1000);
  await recordAttempt(tx, delivery.id, {
    status: 'pending',
    responseStatus: status,
    responseExcerpt: text,
    error: reason,
    nextAttemptAt,
  });
  await enqueueAttempt(deps, tx, delivery.id, attempt, nextAttemptAt);
}

export async function findDeliveries(ctx: Ctx, endpointId: string, paging: Paging) {
  assertCanManageWebhooks(ctx.actor);
  if (!(await findEndpoint(ctx.tx, endpointId))) throw notFound('webhook endpoint');
  return listDeliveries(ctx.tx, endpointId, paging);
}

/** Sends a logged delivery again, as it was (same `webhook-id`, so the receiver can tell). */
export async function redeliver(ctx: Ctx, endpointId: string, deliveryId: string): Promise<Delivery> {
  assertCanManageWebhooks(ctx.actor);
  const original = await findDelivery(ctx.tx, endpointId, deliveryId);
  if (!original) throw notFound('webhook delivery');
  const copy = await insertDelivery(ctx.tx, {
    endpointId,
    messageId: original.messageId,
    eventType: original.eventType,
    payload: original.payload,
    redeliveryOf: original.id,
  });
  await enqueueAttempt(ctx.deps, ctx.tx, copy!.id, 0);
  return copy!;
}

/** A test event, so an admin sees at once whether the receiver answers and checks the signature. */
export async function ping(ctx: Ctx, endpointId: string): Promise<Delivery> {
  assertCanManageWebhooks(ctx.actor);
  if (!(await findEndpoint(ctx.tx, endpointId))) throw notFound('webhook endpoint');
  const delivery = await insertDelivery(ctx.tx, {
    endpointId,
    messageId: `msg_ping_${randomUUID()}`,
    eventType: PING_EVENT,
    payload: {
      type: PING_EVENT,
      timestamp: ctx.deps.clock().toISOString(),
      data: { object: 'webhook_endpoint', id: endpointId },
    },
  });
  await enqueueAttempt(ctx.deps, ctx.tx, delivery!.id, 0);
  return delivery!;
}
