import webpush from 'web-push';
import type { Queryable } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

/**
 * The VAPID key pair: generated on first start and kept in `settings` (system connection),
 * so every instance signs with the same keys and existing subscriptions keep working.
 */
export async function ensureVapidKeys(db: Queryable, deps: AppDeps): Promise<VapidKeys> {
  const cached = deps.extensions.get('push.vapid') as VapidKeys | undefined;
  if (cached) return cached;
  const generated = webpush.generateVAPIDKeys();
  const subject = deps.config.publicUrl.startsWith('https://') ? deps.config.publicUrl : 'mailto:relais@localhost';
  await db.query(`insert into settings (key, value) values ('push.vapid', $1) on conflict (key) do nothing`, [JSON.stringify({ ...generated, subject })]);
  const [row] = await db.query<{ value: VapidKeys }>(`select value from settings where key = 'push.vapid'`);
  deps.extensions.set('push.vapid', row.value);
  return row.value;
}

export type Subscription = { id: string; endpoint: string; p256dh: string; auth: string };

/** Sends an encrypted (aes128gcm) message to one subscription; `gone` when the browser dropped it. */
export async function sendWebPush(keys: VapidKeys, subscription: Subscription, payload: object): Promise<{ ok: boolean; gone: boolean; status?: number; error?: string }> {
  try {
    const result = await webpush.sendNotification(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      { vapidDetails: keys, TTL: 24 * 3600, contentEncoding: 'aes128gcm', timeout: 5000, urgency: 'normal' },
    );
    return { ok: true, gone: false, status: result.statusCode };
  } catch (error: any) {
    const status = error?.statusCode as number | undefined;
    return { ok: false, gone: status === 404 || status === 410, status, error: String(error?.body || error?.message || error).slice(0, 300) };
  }
}
