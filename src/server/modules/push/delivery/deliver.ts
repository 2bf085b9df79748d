import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { outboundPolicy } from '../../../platform/outbound.js';
import { nowOf } from '../shared/push-state.js';
import { markdownToText, renderMarkdown } from './markdown.js';
import { loadPreferences, quietUntil } from '../preferences/preferences.js';
import {
  claimDelivery,
  deleteSubscription,
  findDeliverable,
  findSubscriptions,
  findUnmailed,
  markWebPushFailed,
} from './delivery.repository.js';
import { ensureVapidKeys, sendWebPush } from './webpush.js';

const T = {
  fr: {
    open: 'Ouvrir dans Relais',
    why: 'Pourquoi vous',
    digest: (n: number) => `Relais — votre résumé du jour (${n})`,
    intro: 'Voici ce qui a été poussé vers vous :',
    footer: 'Réglez vos canaux et heures calmes dans Relais › Notifications › Préférences.',
  },
  en: {
    open: 'Open in Relais',
    why: 'Why you',
    digest: (n: number) => `Relais — your daily digest (${n})`,
    intro: 'Here is what was pushed to you:',
    footer: 'Choose channels and quiet hours in Relais › Notifications › Preferences.',
  },
};

async function claim(
  tx: Queryable,
  notificationId: string,
  channel: 'email' | 'webpush',
  status: 'sent' | 'failed' | 'skipped',
  detail?: string,
): Promise<boolean> {
  return claimDelivery(tx, notificationId, channel, status, detail ?? null);
}

const link = (deps: AppDeps, url: string | null) => `${deps.config.publicUrl}${url ?? '/notifications'}`;

/**
 * Delivers notifications on e-mail (immediate) and web push, once per notification and channel
 * (the delivery row is claimed first, in the job's transaction); quiet hours postpone.
 */
export async function deliverNotifications(
  tx: Queryable,
  deps: AppDeps,
  notificationIds: string[],
  only?: 'email' | 'webpush',
): Promise<void> {
  const rows = await findDeliverable(tx, notificationIds);
  if (rows.length === 0) return;
  const preferences = await loadPreferences(tx, [...new Set(rows.map((row) => row.user_id))]);
  const subscriptions = await findSubscriptions(tx, [...preferences.keys()]);
  const now = nowOf(deps);
  const later = new Map<string, string[]>();
  for (const row of rows) {
    const pref = preferences.get(row.user_id)!;
    const choice = pref.channels[row.kind as keyof typeof pref.channels];
    const quiet = quietUntil(pref, now);
    const wantsEmail = choice.email === 'immediate' && only !== 'webpush';
    const userSubscriptions = subscriptions.filter((s) => s.user_id === row.user_id);
    const wantsPush = choice.webpush && userSubscriptions.length > 0 && only !== 'email';
    if (quiet && (wantsEmail || wantsPush)) {
      const key = quiet.toISOString();
      later.set(key, [...(later.get(key) ?? []), row.id]);
      continue;
    }
    if (wantsEmail && (await claim(tx, row.id, 'email', 'sent'))) {
      const t = T[row.locale];
      const text = [
        row.title,
        row.reason ? `${t.why}: ${row.reason}` : '',
        markdownToText(row.body),
        `${t.open}: ${link(deps, row.url)}`,
      ]
        .filter(Boolean)
        .join('\n\n');
      const html = `<h2>${escapeHtml(row.title)}</h2>${row.reason ? `<p><em>${escapeHtml(row.reason)}</em></p>` : ''}${renderMarkdown(row.body)}<p><a href="${link(deps, row.url)}">${t.open}</a></p>`;
      await deps.mailer.send(tx, {
        to: row.email,
        subject: `[Relais] ${row.title}`,
        text,
        html,
        related: { type: 'notification', id: row.id },
      });
    }
    if (wantsPush) {
      const keys = await ensureVapidKeys(tx, deps);
      const payload = {
        id: row.id,
        title: row.title,
        body: row.reason ?? markdownToText(row.body).slice(0, 180),
        url: row.url ?? '/notifications',
        severity: row.severity,
      };
      if (!(await claim(tx, row.id, 'webpush', 'sent'))) continue;
      let delivered = 0;
      let lastError = '';
      for (const subscription of userSubscriptions) {
        const result = await sendWebPush(keys, subscription, payload, outboundPolicy(deps));
        if (result.ok) delivered += 1;
        else lastError = result.error ?? '';
        if (result.gone) await deleteSubscription(tx, subscription.id);
      }
      if (delivered === 0) await markWebPushFailed(tx, row.id, lastError || 'no subscription accepted it');
    }
  }
  for (const [runAt, ids] of later) {
    await deps.jobs.enqueue(
      tx,
      'push.deliver',
      { notificationIds: ids },
      { runAt: new Date(runAt), singletonKey: `push.deliver:quiet:${runAt}:${ids[0]}` },
    );
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The daily digest: one e-mail per user with what they chose to get as a digest and not yet mailed. */
export async function sendDigests(tx: Queryable, deps: AppDeps): Promise<number> {
  const rows = await findUnmailed(tx);
  const preferences = await loadPreferences(tx, [...new Set(rows.map((row) => row.user_id))]);
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) {
    if (preferences.get(row.user_id)!.channels[row.kind as 'change'].email !== 'digest') continue;
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  }
  let sent = 0;
  for (const items of byUser.values()) {
    const fresh: typeof items = [];
    for (const item of items) if (await claim(tx, item.id, 'email', 'sent', 'digest')) fresh.push(item);
    if (fresh.length === 0) continue;
    const t = T[fresh[0].locale];
    const text = [
      t.intro,
      ...fresh.map(
        (item) => `• ${item.title}${item.reason ? ` — ${item.reason}` : ''}\n  ${link(deps, item.url)}`,
      ),
      t.footer,
    ].join('\n\n');
    const html = `<p>${t.intro}</p><ul>${fresh.map((item) => `<li><a href="${link(deps, item.url)}">${escapeHtml(item.title)}</a>${item.reason ? ` — <em>${escapeHtml(item.reason)}</em>` : ''}</li>`).join('')}</ul><p>${t.footer}</p>`;
    await deps.mailer.send(tx, {
      to: fresh[0].email,
      subject: t.digest(fresh.length),
      text,
      html,
      related: { type: 'digest', id: fresh[0].id },
    });
    sent += 1;
  }
  return sent;
}
