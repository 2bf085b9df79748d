// web-push (and its cryptography) loads when keys are made or a push is sent, not on every start.
const webPushLibrary = async () => (await import('web-push')).default;
import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { pushStateOf, type VapidKeys } from '../shared/push-state.js';
import type { Ctx } from '../../../platform/context.js';
import { validationError } from '../../../platform/errors.js';
import {
  checkOutboundUrl,
  OutboundRefused,
  outboundPolicy,
  resolvePublicHost,
  sendOutbound,
  type OutboundPolicy,
} from '../../../platform/outbound.js';
import {
  keepVapidKeys,
  releaseEndpoint,
  upsertSubscription,
  type Subscription,
} from './delivery.repository.js';

export type { VapidKeys };

/**
 * The VAPID key pair: generated on first start and kept in `settings` (system connection),
 * so every instance signs with the same keys and existing subscriptions keep working.
 */
export async function ensureVapidKeys(db: Queryable, deps: AppDeps): Promise<VapidKeys> {
  const state = pushStateOf(deps);
  const cached = state.vapid;
  if (cached) return cached;
  const generated = (await webPushLibrary()).generateVAPIDKeys();
  const subject = deps.config.publicUrl.startsWith('https://')
    ? deps.config.publicUrl
    : 'mailto:relais@localhost';
  state.vapid = await keepVapidKeys<VapidKeys>(db, { ...generated, subject });
  return state.vapid;
}

/**
 * Registers a browser's subscription for the signed-in user. The server will POST to its
 * endpoint: https on a public host only (checked again at each delivery).
 */
export async function subscribeBrowser(
  deps: AppDeps,
  userId: string,
  run: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
  input: { endpoint: string; keys: { p256dh: string; auth: string }; userAgent: string },
): Promise<string> {
  try {
    const policy = outboundPolicy(deps);
    await resolvePublicHost(checkOutboundUrl(input.endpoint, policy), policy);
  } catch (error) {
    if (error instanceof OutboundRefused)
      throw validationError(
        [{ field: 'endpoint', code: error.code, message: error.message }],
        'The push endpoint must be an https URL on a public host.',
      );
    throw error;
  }
  // An endpoint belongs to one browser: re-subscribing moves it to the signed-in user.
  await releaseEndpoint(deps.db, input.endpoint, userId);
  return run((ctx) =>
    upsertSubscription(ctx.tx, {
      userId: ctx.actor.userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: input.userAgent,
    }),
  );
}

export type { Subscription };

/**
 * Sends an encrypted (aes128gcm), VAPID-signed message to one subscription. `web-push` builds the
 * request (encryption, JWT); `sendOutbound` carries it to public hosts only (checked again now:
 * a name may resolve elsewhere than when the browser subscribed). `gone` = the browser dropped it.
 */
export async function sendWebPush(
  keys: VapidKeys,
  subscription: Subscription,
  payload: object,
  policy: OutboundPolicy,
): Promise<{ ok: boolean; gone: boolean; status?: number; error?: string }> {
  try {
    const details = (await webPushLibrary()).generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      { vapidDetails: keys, TTL: 24 * 3600, contentEncoding: 'aes128gcm', urgency: 'normal' },
    );
    const response = await sendOutbound(
      details.endpoint,
      {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body as Buffer,
        timeoutMs: 5000,
      },
      policy,
    );
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      gone: response.status === 404 || response.status === 410,
      status: response.status,
      error: ok ? undefined : `${response.status} ${response.text.slice(0, 300)}`,
    };
  } catch (error) {
    const refused = error instanceof OutboundRefused ? 'refused: ' : '';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, gone: false, error: `${refused}${message}`.slice(0, 300) };
  }
}
