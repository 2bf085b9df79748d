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

/**
 * Sends an encrypted (aes128gcm), VAPID-signed message to one subscription. `web-push` builds the
 * request (encryption, JWT); `fetch` carries it (any http(s) endpoint). `gone` = the browser dropped it.
 */
export async function sendWebPush(keys: VapidKeys, subscription: Subscription, payload: object): Promise<{ ok: boolean; gone: boolean; status?: number; error?: string }> {
  try {
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      { vapidDetails: keys, TTL: 24 * 3600, contentEncoding: 'aes128gcm', urgency: 'normal' },
    );
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body as any,
      signal: AbortSignal.timeout(5000),
    });
    const ok = response.status >= 200 && response.status < 300;
    const text = ok ? '' : (await response.text().catch(() => '')).slice(0, 300);
    return { ok, gone: response.status === 404 || response.status === 410, status: response.status, error: ok ? undefined : `${response.status} ${text}` };
  } catch (error: any) {
    return { ok: false, gone: false, error: String(error?.message ?? error).slice(0, 300) };
  }
}
