import type { Role } from '../../../../common/roles.js';
import type { Queryable } from '../../../db/client.js';

type SettingsDbRow = {
  enabled: boolean;
  issuer_url: string;
  client_id: string;
  button_label: string;
  provision: boolean;
  default_role: Role;
  default_team_id: string | null;
  sso_only: boolean;
  client_secret_set: boolean;
  updated_at: string;
};

export type SsoSettingsRow = {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  buttonLabel: string;
  provision: boolean;
  defaultRole: Role;
  defaultTeamId: string | null;
  ssoOnly: boolean;
  clientSecretSet: boolean;
  updatedAt: string;
};

const SETTINGS_COLUMNS = `enabled, issuer_url, client_id, button_label, provision, default_role, default_team_id,
  sso_only, client_secret_set, updated_at`;

const toSettings = (row: SettingsDbRow): SsoSettingsRow => ({
  enabled: row.enabled,
  issuerUrl: row.issuer_url,
  clientId: row.client_id,
  buttonLabel: row.button_label,
  provision: row.provision,
  defaultRole: row.default_role,
  defaultTeamId: row.default_team_id,
  ssoOnly: row.sso_only,
  clientSecretSet: row.client_secret_set,
  updatedAt: row.updated_at,
});

/** The settings without the secret (readable as relais_app by admins, or by the system). */
export async function findSsoSettings(db: Queryable): Promise<SsoSettingsRow> {
  const [row] = await db.query<SettingsDbRow>(`select ${SETTINGS_COLUMNS} from sso_settings where id`);
  return toSettings(row);
}

/** The client secret: read as the system only (relais_app cannot read the column). */
export async function findClientSecret(db: Queryable): Promise<string> {
  const [row] = await db.query<{ client_secret: string }>(`select client_secret from sso_settings where id`);
  return row?.client_secret ?? '';
}

export async function updateSsoSettings(
  db: Queryable,
  settings: Omit<SsoSettingsRow, 'updatedAt' | 'clientSecretSet'> & { clientSecret?: string | null },
  updatedBy: string,
): Promise<void> {
  await db.query(
    `update sso_settings
        set enabled = $1, issuer_url = $2, client_id = $3, button_label = $4, provision = $5,
            default_role = $6, default_team_id = $7, sso_only = $8, updated_by = $9, updated_at = now()
      where id`,
    [
      settings.enabled,
      settings.issuerUrl,
      settings.clientId,
      settings.buttonLabel,
      settings.provision,
      settings.defaultRole,
      settings.defaultTeamId,
      settings.ssoOnly,
      updatedBy,
    ],
  );
  // A separate statement so that keeping the secret never names the column.
  if (typeof settings.clientSecret === 'string')
    await db.query(`update sso_settings set client_secret = $1 where id`, [settings.clientSecret]);
}

export async function teamExists(db: Queryable, teamId: string): Promise<boolean> {
  const rows = await db.query(`select 1 from teams where id = $1`, [teamId]);
  return rows.length > 0;
}

/** Keeps a started sign-in (the state only as its hash); forgets the ones nobody finished. */
export async function insertSsoState(
  db: Queryable,
  state: { stateHash: string; codeVerifier: string; nonce: string; nextPath: string; ttlSeconds: number },
): Promise<void> {
  await db.query(`delete from sso_states where expires_at < now()`);
  await db.query(
    `insert into sso_states (state_hash, code_verifier, nonce, next_path, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [state.stateHash, state.codeVerifier, state.nonce, state.nextPath, state.ttlSeconds],
  );
}

/** Takes a started sign-in once: a second use of the same state finds nothing (replay). */
export async function consumeSsoState(
  db: Queryable,
  stateHash: string,
): Promise<{ codeVerifier: string; nonce: string; nextPath: string; expired: boolean } | undefined> {
  const [row] = await db.query<{ code_verifier: string; nonce: string; next_path: string; expired: boolean }>(
    `delete from sso_states where state_hash = $1
     returning code_verifier, nonce, next_path, expires_at < now() as expired`,
    [stateHash],
  );
  return (
    row && {
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      nextPath: row.next_path,
      expired: row.expired,
    }
  );
}

export async function findUserIdBySubject(
  db: Queryable,
  issuer: string,
  subject: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ user_id: string }>(
    `select user_id from sso_identities where issuer = $1 and subject = $2`,
    [issuer, subject],
  );
  return row?.user_id;
}

export async function linkSubject(
  db: Queryable,
  issuer: string,
  subject: string,
  userId: string,
): Promise<void> {
  await db.query(
    `insert into sso_identities (issuer, subject, user_id) values ($1, $2, $3)
     on conflict (issuer, subject) do update set user_id = excluded.user_id`,
    [issuer, subject, userId],
  );
}

/** A user created by the first sign-in through the provider: no password, signs in by SSO. */
export async function insertProvisionedUser(
  db: Queryable,
  user: {
    email: string;
    firstName: string;
    lastName: string;
    role: Role;
    teamId: string | null;
    locale: 'fr' | 'en';
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into users (email, first_name, last_name, role, team_id, locale)
     values ($1, $2, $3, $4, (select id from teams where id = $5), $6) returning id`,
    [user.email, user.firstName, user.lastName, user.role, user.teamId, user.locale],
  );
  return row.id;
}
