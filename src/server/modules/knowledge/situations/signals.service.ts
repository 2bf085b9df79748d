import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { emitEvent, type DomainEvent } from '../../../platform/events.js';
import { crm } from '../crm-reads.js';
import { situationsBrief } from '../brief/brief.service.js';
import { knowledgeTimeline } from '../brief/timeline.service.js';
import { situationsWatching, situationsWithSignals, suggestLink } from './situations.repository.js';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whole-word (or whole-phrase) occurrence of a signal in a text, accents and case ignored. */
export function signalFound(text: string, signal: string): boolean {
  const needle = fold(signal).trim();
  if (!needle) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}`, 'u').test(fold(text));
}

async function suggest(
  tx: Queryable,
  accountId: string,
  contactId: string | null,
  situationId: string,
  source: string,
  reason: string,
  recipients: string[],
) {
  if (await suggestLink(tx, { accountId, contactId, situationId, source, reason })) {
    await emitEvent(tx, {
      type: 'situation.attached',
      payload: { situationId, accountId, contactId, confirmed: false },
      recipients,
    });
  }
}

/** A visit report or call note mentioning a situation's signal words suggests it (KB-5). */
export async function onActivityCreated(
  event: DomainEvent<{ activityId: string; accountId?: string | null }>,
  tx: Queryable,
) {
  const [activity] = await crm().activitiesByIds(tx, [event.payload.activityId]);
  if (!activity?.accountId) return;
  const text = `${activity.subject}\n${activity.bodyMd}\n${activity.report ? Object.values(activity.report).join('\n') : ''}`;
  const situations = await situationsWithSignals(tx);
  for (const situation of situations) {
    const signal = situation.signals.find((s) => signalFound(text, s));
    if (signal)
      await suggest(
        tx,
        activity.accountId,
        null,
        situation.id,
        `activity:${activity.id}`,
        `« ${signal} » in "${activity.subject}"`,
        [activity.ownerId],
      );
  }
}

/** A changed contact field (employer, title…) suggests the situations that watch it. */
/** What `contact.updated` carries: the changed fields (before → after) and the contact's accounts. */
type ContactUpdated = {
  contactId: string;
  accountIds?: string[];
  changes?: Record<string, { from?: unknown; to?: unknown } | undefined>;
};

export async function onContactUpdated(event: DomainEvent<ContactUpdated>, tx: Queryable) {
  const changes = event.payload.changes ?? {};
  const fields = Object.keys(changes).map((field) => `contact.${field}`);
  if (fields.length === 0) return;
  const situations = await situationsWatching(tx, fields);
  if (situations.length === 0) return;
  const accountIds = new Set<string>([
    ...(event.payload.accountIds ?? []),
    ...(Array.isArray(changes.accountIds?.from) ? changes.accountIds.from : []),
    ...(Array.isArray(changes.accountIds?.to) ? changes.accountIds.to : []),
  ]);
  const accounts = await crm().accountsByIds(tx, [...accountIds]);
  for (const situation of situations) {
    const field = situation.field_signals.find((f) => fields.includes(f))!;
    for (const account of accounts) {
      await suggest(
        tx,
        account.id,
        event.payload.contactId,
        situation.id,
        `contact:${event.payload.contactId}`,
        `${field} changed`,
        [account.ownerId],
      );
    }
  }
}

export function registerSignals(deps: AppDeps) {
  deps.events.subscribe('knowledge.situation-signals.activity', 'activity.created', onActivityCreated);
  // A planned visit logged later carries its report then.
  deps.events.subscribe(
    'knowledge.situation-signals.activity-completed',
    'activity.completed',
    onActivityCreated,
  );
  deps.events.subscribe('knowledge.situation-signals.contact', 'contact.updated', onContactUpdated);
  deps.points.registerBrief('situations', situationsBrief);
  deps.points.registerTimeline('knowledge', knowledgeTimeline);
}
