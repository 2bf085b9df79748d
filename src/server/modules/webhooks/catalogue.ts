import type { DomainEvent } from '../../platform/events.js';

/** The kinds of record a webhook payload describes; each is read through its module as the endpoint's owner. */
export type WebhookRecordKind =
  'account' | 'contact' | 'offer' | 'activity' | 'knowledge_item' | 'broadcast' | 'alert_acknowledgment';

/**
 * The events an endpoint may subscribe to (API-2), and how each comes from the domain events
 * of the outbox: which record it is about, read as the endpoint's owner when it is delivered.
 * A deletion is not offered: the record can no longer be read, so nobody could tell whether
 * the owner was entitled to learn of it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'account.created',
  'account.updated',
  'contact.created',
  'contact.updated',
  'offer.created',
  'offer.updated',
  'offer.won',
  'offer.lost',
  'activity.created',
  'activity.completed',
  'knowledge.published',
  'knowledge.updated',
  'broadcast.created',
  'alert.acknowledged',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The test event an admin sends from the endpoint's page; never subscribed to. */
export const PING_EVENT = 'webhook.ping';

export type WebhookTrigger = { type: WebhookEventType; kind: WebhookRecordKind; id: string };

const idOf = (event: DomainEvent, field: string): string | null => {
  const value = (event.payload as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
};

/** The webhook event a domain event becomes, or null when no endpoint may hear of it. */
export function webhookTriggerOf(event: DomainEvent): WebhookTrigger | null {
  const by = (type: WebhookEventType, kind: WebhookRecordKind, field: string) => {
    const id = idOf(event, field);
    return id ? { type, kind, id } : null;
  };
  switch (event.type) {
    case 'account.created':
    case 'account.updated':
      return by(event.type, 'account', 'accountId');
    case 'contact.created':
    case 'contact.updated':
      return by(event.type, 'contact', 'contactId');
    case 'offer.created':
    case 'offer.updated':
      return by(event.type, 'offer', 'offerId');
    case 'offer.stage_changed': {
      const to = (event.payload as { to?: string } | null)?.to;
      if (to === 'won') return by('offer.won', 'offer', 'offerId');
      if (to === 'lost') return by('offer.lost', 'offer', 'offerId');
      return by('offer.updated', 'offer', 'offerId');
    }
    case 'activity.created':
    case 'activity.completed':
      return by(event.type, 'activity', 'activityId');
    case 'knowledge.published':
    case 'knowledge.updated':
      return by(event.type, 'knowledge_item', 'itemId');
    case 'broadcast.created':
      return by(event.type, 'broadcast', 'broadcastId');
    case 'alert.acknowledged':
      return by(event.type, 'alert_acknowledgment', 'ackId');
    default:
      return null;
  }
}
