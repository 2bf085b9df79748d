import type { Queryable } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import { emitEvent, type DomainEvent } from '../../platform/events.js';
import type { BriefProvider, TimelineProvider } from '../../platform/extension-points.js';

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Whole-word (or whole-phrase) occurrence of a signal in a text, accents and case ignored. */
export function signalFound(text: string, signal: string): boolean {
  const needle = fold(signal).trim();
  if (!needle) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}`, 'u').test(fold(text));
}

async function suggest(tx: Queryable, accountId: string, contactId: string | null, situationId: string, source: string, reason: string, recipients: string[]) {
  const inserted = await tx.query(
    `insert into account_situations (account_id, contact_id, situation_id, status, source, reason) values ($1, $2, $3, 'suggested', $4, $5)
     on conflict do nothing returning id`,
    [accountId, contactId, situationId, source, reason],
  );
  if (inserted.length) {
    await emitEvent(tx, { type: 'situation.attached', payload: { situationId, accountId, contactId, confirmed: false }, recipients });
  }
}

/** A visit report or call note mentioning a situation's signal words suggests it (KB-5). */
export async function onActivityCreated(event: DomainEvent, tx: Queryable) {
  const [activity] = await tx.query(`select id, subject, body_md, report, account_id, owner_id from activities where id = $1`, [event.payload.activityId]);
  if (!activity?.account_id) return;
  const text = `${activity.subject}\n${activity.body_md}\n${activity.report ? Object.values(activity.report).join('\n') : ''}`;
  const situations = await tx.query<{ id: string; signals: string[] }>(`select id, signals from situations where cardinality(signals) > 0`);
  for (const situation of situations) {
    const signal = situation.signals.find((s) => signalFound(text, s));
    if (signal) await suggest(tx, activity.account_id, null, situation.id, `activity:${activity.id}`, `« ${signal} » in "${activity.subject}"`, [activity.owner_id]);
  }
}

/** A changed contact field (employer, title…) suggests the situations that watch it. */
export async function onContactUpdated(event: DomainEvent, tx: Queryable) {
  const changes = event.payload.changes ?? {};
  const fields = Object.keys(changes).map((field) => `contact.${field}`);
  if (fields.length === 0) return;
  const situations = await tx.query<{ id: string; field_signals: string[] }>(`select id, field_signals from situations where field_signals && $1::text[]`, [fields]);
  if (situations.length === 0) return;
  const accountIds = new Set<string>([
    ...(event.payload.accountIds ?? []),
    ...(Array.isArray(changes.accountIds?.from) ? changes.accountIds.from : []),
    ...(Array.isArray(changes.accountIds?.to) ? changes.accountIds.to : []),
  ]);
  const accounts = await tx.query<{ id: string; owner_id: string }>(`select id, owner_id from accounts where id = any ($1::uuid[])`, [[...accountIds]]);
  for (const situation of situations) {
    const field = situation.field_signals.find((f) => fields.includes(f))!;
    for (const account of accounts) {
      await suggest(tx, account.id, event.payload.contactId, situation.id, `contact:${event.payload.contactId}`, `${field} changed`, [account.owner_id]);
    }
  }
}

/** The client brief's "situations" section: confirmed situations and their visible knowledge. */
export const situationsBrief: BriefProvider = async (ctx, accountId) => {
  const rows = await ctx.tx.query(
    `select s.id, s.name, s.description, a.status,
            array(select k.title || '|' || k.id from situation_knowledge sk join knowledge_items k on k.id = sk.item_id
                   where sk.situation_id = s.id and k.status in ('published', 'validated', 'stale') order by sk.position limit 5) as knowledge
       from account_situations a join situations s on s.id = a.situation_id
      where a.account_id = $1 and a.status = 'confirmed' order by a.created_at desc`,
    [accountId],
  );
  if (rows.length === 0) return null;
  const items = rows.flatMap((row: any) => [
    { title: row.name, summary: row.description || null, url: `/knowledge/situations/${row.id}` },
    ...(row.knowledge as string[]).map((entry) => {
      const cut = entry.lastIndexOf('|');
      return { title: `→ ${entry.slice(0, cut)}`, summary: null, url: `/knowledge/${entry.slice(cut + 1)}` };
    }),
  ]);
  return { key: 'situations', title: { fr: 'Situations du client et connaissances utiles', en: 'Client situations and useful knowledge' }, items };
};

/** Timeline entries: knowledge sent to, used with, or linked to the account. */
export const knowledgeTimeline: TimelineProvider = async (ctx, accountId, options) => {
  const rows = await ctx.tx.query(
    `select * from (
       select 'send:' || s.id as key, s.item_id, coalesce(k.title, s.subject) as title, s.sent_at as at, 'sent' as how, s.open_count, s.click_count, u.first_name || ' ' || u.last_name as actor
         from knowledge_sends s left join knowledge_items k on k.id = s.item_id left join users u on u.id = s.sent_by where s.account_id = $1
       union all
       select 'use:' || ak.activity_id || ak.item_id, ak.item_id, k.title, ak.created_at, 'used', 0, 0, u.first_name || ' ' || u.last_name
         from activity_knowledge ak join activities a on a.id = ak.activity_id join knowledge_items k on k.id = ak.item_id left join users u on u.id = ak.user_id where a.account_id = $1
       union all
       select 'situation:' || x.id, null, s.name, coalesce(x.decided_at, x.created_at), 'situation:' || x.status, 0, 0, null
         from account_situations x join situations s on s.id = x.situation_id where x.account_id = $1 and x.status <> 'dismissed'
     ) t where ($2::timestamptz is null or at < $2) order by at desc limit $3`,
    [accountId, options.before ?? null, options.limit],
  );
  return rows.map((row: any) => ({
    type: 'knowledge',
    id: row.key,
    at: row.at,
    title: row.title,
    summary: row.how === 'sent' ? `Sent to the client · opened ${row.open_count}× · clicked ${row.click_count}×` : row.how === 'used' ? 'Answer used' : `Situation ${row.how.split(':')[1]}`,
    url: row.item_id ? `/knowledge/${row.item_id}` : '/knowledge/situations',
    actorName: row.actor,
    meta: { how: row.how, itemId: row.item_id, openCount: row.open_count, clickCount: row.click_count },
  }));
};

export function registerSignals(deps: AppDeps) {
  deps.events.subscribe('knowledge.situation-signals.activity', 'activity.created', onActivityCreated);
  deps.events.subscribe('knowledge.situation-signals.contact', 'contact.updated', onContactUpdated);
  deps.points.registerBrief('situations', situationsBrief);
  deps.points.registerTimeline('knowledge', knowledgeTimeline);
}
