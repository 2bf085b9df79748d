import * as oidc from 'openid-client';
import type { AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { checkOutboundUrl, outboundFetch, outboundPolicy } from '../../../platform/outbound.js';
import { findClientSecret, findSsoSettings, type SsoSettingsRow } from './sso.repository.js';

/** The path the provider sends people back to; register `PUBLIC_URL` + this at the provider. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';
export const redirectUriOf = (deps: AppDeps) => `${deps.config.publicUrl}${SSO_CALLBACK_PATH}`;

const DISCOVERY_TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

export const providerUnreachable = () =>
  new AppError(503, 'sso.provider_unreachable', 'The identity provider could not be reached.');

/**
 * Reads the issuer's discovery document through the outbound rules (public https hosts only,
 * or the trusted hosts of `OUTBOUND_TRUSTED_HOSTS`, where plain http is allowed too).
 * `enableNonRepudiationChecks` makes openid-client check the ID token's signature against the
 * issuer's keys as well, though it arrives on the TLS connection Relais opened.
 */
export async function discover(
  deps: AppDeps,
  issuerUrl: string,
  clientId: string,
  clientSecret: string,
): Promise<oidc.Configuration> {
  const policy = outboundPolicy(deps);
  const url = checkOutboundUrl(issuerUrl, policy);
  const execute = [oidc.enableNonRepudiationChecks];
  if (url.protocol === 'http:') execute.push(oidc.allowInsecureRequests);
  const config = await oidc.discovery(
    url,
    clientId,
    // Relais' clock (tests move it) is the one the library checks `exp` and `iat` against.
    { [oidc.clockSkew]: Math.round((deps.clock().getTime() - Date.now()) / 1000) },
    clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
    { execute, [oidc.customFetch]: outboundFetch(policy) },
  );
  config[oidc.customFetch] = outboundFetch(policy);
  return config;
}

/** The enabled settings and the provider's configuration (discovery cached 10 minutes per settings). */
export async function activeClient(
  deps: AppDeps,
): Promise<{ settings: SsoSettingsRow; config: oidc.Configuration }> {
  const settings = await findSsoSettings(deps.db);
  if (!settings.enabled || !settings.issuerUrl || !settings.clientId)
    throw new AppError(404, 'sso.disabled', 'Single sign-on is not enabled.');
  const secret = await findClientSecret(deps.db);
  const skew = Math.round((deps.clock().getTime() - Date.now()) / 1000);
  const key = JSON.stringify([settings.issuerUrl, settings.clientId, settings.updatedAt, skew]);
  let entry = cache.get(key);
  if (!entry || Date.now() - entry.at > DISCOVERY_TTL_MS) {
    cache.clear();
    entry = { at: Date.now(), config: discover(deps, settings.issuerUrl, settings.clientId, secret) };
    cache.set(key, entry);
    entry.config.catch(() => cache.delete(key));
  }
  try {
    return { settings, config: await entry.config };
  } catch {
    throw providerUnreachable();
  }
}
