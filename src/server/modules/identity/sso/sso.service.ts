import { writeAudit } from '../../../platform/audit.js';
import type { AppDeps, Ctx } from '../../../platform/context.js';
import { validationError, type FieldError } from '../../../platform/errors.js';
import { checkOutboundUrl, OutboundRefused, outboundPolicy } from '../../../platform/outbound.js';
import { discover, redirectUriOf } from './sso.client.js';
import { assertCanManageSso } from './sso.policy.js';
import { findSsoSettings, teamExists, updateSsoSettings } from './sso.repository.js';
import type { SsoSettings, SsoSettingsChange } from './sso.schemas.js';

/** What the sign-in page shows: a button, and whether the password form is for admins only. */
export async function publicSsoState(deps: AppDeps) {
  const settings = await findSsoSettings(deps.db);
  const enabled = settings.enabled && Boolean(settings.issuerUrl && settings.clientId);
  return { enabled, buttonLabel: enabled ? settings.buttonLabel : '', ssoOnly: enabled && settings.ssoOnly };
}

/** The settings for the admin page; whether a secret is stored is read as the system. */
export async function getSsoSettings(ctx: Ctx): Promise<SsoSettings> {
  assertCanManageSso(ctx.actor);
  return { ...(await findSsoSettings(ctx.tx)), redirectUri: redirectUriOf(ctx.deps) };
}

/**
 * Before saving enabled settings: the issuer must answer its discovery document, so a typo is
 * caught here and not by the people who cannot sign in. Called before the request's
 * transaction opens (an outgoing call must not hold the database), after the admin check.
 */
export async function checkIssuer(deps: AppDeps, change: SsoSettingsChange): Promise<void> {
  if (!change.enabled || !change.issuerUrl || !change.clientId) return;
  try {
    checkOutboundUrl(change.issuerUrl, outboundPolicy(deps));
  } catch {
    return; // answered with its field error by changeSsoSettings
  }
  try {
    // Discovery needs no secret; the secret is first used when a person signs in.
    await discover(deps, change.issuerUrl, change.clientId, '');
  } catch {
    throw validationError([
      {
        field: 'issuerUrl',
        message: 'The discovery document could not be read.',
        code: 'sso_discovery_failed',
      },
    ]);
  }
}

/**
 * Saves the settings. Enabled, they must name an issuer Relais may call (the outbound rules of
 * webhooks); `checkIssuer` has read its discovery document. The secret is written, never read
 * back, and never audited.
 */
export async function changeSsoSettings(ctx: Ctx, change: SsoSettingsChange): Promise<SsoSettings> {
  assertCanManageSso(ctx.actor);
  const errors: FieldError[] = [];
  if (change.enabled && !change.issuerUrl)
    errors.push({ field: 'issuerUrl', message: 'Required.', code: 'required' });
  if (change.enabled && !change.clientId)
    errors.push({ field: 'clientId', message: 'Required.', code: 'required' });
  if (change.ssoOnly && !change.enabled)
    errors.push({ field: 'ssoOnly', message: 'Enable single sign-on first.', code: 'sso_needs_enabled' });
  if (change.issuerUrl) {
    try {
      checkOutboundUrl(change.issuerUrl, outboundPolicy(ctx.deps));
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
      errors.push({ field: 'issuerUrl', message: error.message, code: error.code });
    }
  }
  if (change.defaultTeamId && !(await teamExists(ctx.tx, change.defaultTeamId)))
    errors.push({ field: 'defaultTeamId', message: 'Unknown team.', code: 'unknown_team' });
  if (errors.length) throw validationError(errors);
  const before = await findSsoSettings(ctx.tx);
  const { clientSecret, ...settings } = change;
  await updateSsoSettings(ctx.tx, { ...settings, clientSecret }, ctx.actor.userId);
  const changed = Object.entries(settings)
    .filter(([key, value]) => before[key as keyof typeof before] !== value)
    .map(([key]) => key);
  if (typeof clientSecret === 'string') changed.push('clientSecret');
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'sso.settings_changed',
    targetType: 'settings',
    targetId: 'sso',
    ip: ctx.ip,
    details: { changed, enabled: change.enabled, ssoOnly: change.ssoOnly, issuerUrl: change.issuerUrl },
  });
  return getSsoSettings(ctx);
}
