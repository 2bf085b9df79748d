import { z } from 'zod';
import { ROLES } from '../../../../common/roles.js';

/** What the sign-in page needs to know (public). */
export const ssoPublicSchema = z.object({
  enabled: z.boolean(),
  buttonLabel: z.string(),
  ssoOnly: z.boolean(),
});

/** The settings as admins read them: the client secret is never answered, only whether one is set. */
export const ssoSettingsSchema = z.object({
  enabled: z.boolean(),
  issuerUrl: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  buttonLabel: z.string(),
  provision: z.boolean(),
  defaultRole: z.enum(ROLES),
  defaultTeamId: z.string().nullable(),
  ssoOnly: z.boolean(),
  /** The address to register at the provider as the client's redirect URI. */
  redirectUri: z.string(),
  updatedAt: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

/**
 * A change of the settings. `clientSecret` is write-only: left out (or null), the one stored is
 * kept; an empty string removes it (a public client using PKCE alone).
 */
export const ssoSettingsChangeSchema = z.strictObject({
  enabled: z.boolean(),
  issuerUrl: z.string().trim().max(500),
  clientId: z.string().trim().max(200),
  clientSecret: z.string().max(500).nullable().optional(),
  buttonLabel: z.string().trim().max(60),
  provision: z.boolean(),
  defaultRole: z.enum(ROLES),
  defaultTeamId: z.string().uuid().nullable(),
  ssoOnly: z.boolean(),
});
export type SsoSettingsChange = z.infer<typeof ssoSettingsChangeSchema>;

/** Where the person goes back to in Relais after signing in (a path of the app only). */
export const ssoStartQuerySchema = z.object({ next: z.string().max(500).optional() });

/** What the provider sends back (every API route refuses unknown query parameters). */
export const ssoCallbackQuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  error_uri: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
  // Sent by some providers (Microsoft Entra, Google) beside the code; Relais does not use them.
  session_state: z.string().max(500).optional(),
  scope: z.string().max(2000).optional(),
  authuser: z.string().max(50).optional(),
  hd: z.string().max(200).optional(),
  prompt: z.string().max(200).optional(),
});
