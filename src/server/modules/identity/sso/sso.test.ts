import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { ProviderBrowser, startTestProvider, type TestProvider } from '../../../../../test/oidc-provider.js';

/**
 * Single sign-on (ID-2) end to end against a real OpenID provider (`oidc-provider`, in this
 * process on a random port): Relais redirects there, a person signs in on the provider's pages,
 * the provider sends them back with a code, and openid-client exchanges and checks it for real.
 */
let t: TestApp;
let admin: TestClient;
let op: TestProvider;
let teamId: string;
const REDIRECT_URI = 'http://relais.test/api/v1/auth/sso/callback';

type Settings = Record<string, unknown>;
const settings = (): Settings => ({
  enabled: true,
  issuerUrl: op.issuer,
  clientId: op.clientId,
  clientSecret: op.clientSecret,
  buttonLabel: 'Entreprise',
  provision: false,
  defaultRole: 'rep',
  defaultTeamId: null,
  ssoOnly: false,
});
const configure = async (change: Settings = {}) => {
  const response = await admin.put('/api/v1/admin/sso', { ...settings(), ...change });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Starts at Relais, signs in at the provider as `accountId`; answers Relais' callback URL and the state cookie. */
async function signInAtProvider(accountId: string, next = '/accounts') {
  const start = await t.anonymous().get(`/api/v1/auth/sso/start?next=${encodeURIComponent(next)}`);
  expect(start.statusCode, start.body).toBe(302);
  const authorizationUrl = String(start.headers.location);
  const stateCookie = start.cookies.find((cookie) => cookie.name === 'relais_sso_state')!;
  const back = await new ProviderBrowser().signIn(authorizationUrl, accountId);
  expect(back.startsWith(REDIRECT_URI)).toBe(true);
  return {
    authorizationUrl,
    callback: back.slice('http://relais.test'.length),
    cookie: `relais_sso_state=${stateCookie.value}`,
  };
}

/** Calls Relais' callback as the browser that started; answers the response. */
const callback = (path: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });

const ssoError = (response: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(response.statusCode).toBe(303);
  return new URL(String(response.headers.location), 'http://relais.test').searchParams.get('sso_error');
};

async function me(response: { cookies: { name: string; value: string }[] }) {
  const session = response.cookies.find((cookie) => cookie.name === 'relais_session');
  expect(session).toBeDefined();
  const answer = await t.app.inject({
    method: 'GET',
    url: '/api/v1/me',
    headers: { cookie: `relais_session=${session!.value}` },
  });
  expect(answer.statusCode).toBe(200);
  return answer.json();
}

beforeAll(async () => {
  op = await startTestProvider({ redirectUri: REDIRECT_URI });
  op.accounts.set('rep-sub', { email: 'REP@relais.demo', emailVerified: true });
  op.accounts.set('unverified-sub', { email: 'manager@relais.demo', emailVerified: false });
  op.accounts.set('new-sub', {
    email: 'camille.nouvelle@example.com',
    emailVerified: true,
    givenName: 'Camille',
    familyName: 'Nouvelle',
    locale: 'en-GB',
  });
  op.accounts.set('stranger-sub', { email: 'stranger@example.com', emailVerified: true });
  // The provider listens on this machine: the admin's trusted-host setting lets Relais call it.
  t = await createTestApp({ OUTBOUND_TRUSTED_HOSTS: '127.0.0.1' });
  admin = await t.login('admin@relais.demo');
  const teams = (await admin.get('/api/v1/teams')).json().items as { id: string; kind: string }[];
  teamId = teams.find((team) => team.kind === 'team')!.id;
});
afterAll(async () => {
  await t.close();
  await op.close();
});
beforeEach(async () => {
  await configure();
});

describe('single sign-on settings', () => {
  it('keeps the client secret write-only and tells the sign-in page about the button', async () => {
    const answer = await configure();
    expect(answer).toMatchObject({ enabled: true, clientSecretSet: true, redirectUri: REDIRECT_URI });
    expect(JSON.stringify(answer)).not.toContain(op.clientSecret);
    const read = await admin.get('/api/v1/admin/sso');
    expect(read.body).not.toContain(op.clientSecret);
    // Left out, the secret stays; an empty string removes it.
    const { clientSecret: _kept, ...withoutSecret } = settings();
    expect((await admin.put('/api/v1/admin/sso', withoutSecret)).json().clientSecretSet).toBe(true);
    const state = await t.anonymous().get('/api/v1/auth/sso');
    expect(state.json()).toEqual({ enabled: true, buttonLabel: 'Entreprise', ssoOnly: false });
    const [entry] = await t.db.query<{ details: { changed: string[] } }>(
      `select details from audit_log where action = 'sso.settings_changed' order by id desc limit 1`,
    );
    expect(JSON.stringify(entry.details)).not.toContain(op.clientSecret);
  });

  it('answers problems for bad settings, and only admins manage them', async () => {
    const put = (change: Settings) => admin.put('/api/v1/admin/sso', { ...settings(), ...change });
    const fields = (problem: { errors: { field: string; code: string }[] }) =>
      problem.errors.map((error) => `${error.field}:${error.code}`);
    expect(
      fields(expectProblem(await put({ issuerUrl: 'ftp://idp.example.com' }), 400, 'validation_failed')),
    ).toContain('issuerUrl:not_https');
    // The private-address rule of webhooks: an inside address is refused unless trusted.
    expect(fields(expectProblem(await put({ issuerUrl: 'https://10.0.0.7' }), 400))).toContain(
      'issuerUrl:not_public_host',
    );
    expect(fields(expectProblem(await put({ clientId: '' }), 400))).toContain('clientId:required');
    expect(fields(expectProblem(await put({ enabled: false, ssoOnly: true }), 400))).toContain(
      'ssoOnly:sso_needs_enabled',
    );
    expect(
      fields(expectProblem(await put({ defaultTeamId: '00000000-0000-4000-8000-000000000000' }), 400)),
    ).toContain('defaultTeamId:unknown_team');
    // An issuer that answers no discovery document (nothing listens on port 9).
    expect(fields(expectProblem(await put({ issuerUrl: 'http://127.0.0.1:9' }), 400))).toContain(
      'issuerUrl:sso_discovery_failed',
    );
    expectProblem(await put({ defaultRole: 'king' }), 400, 'validation_failed');
    expectProblem(await put({ surprise: true }), 400, 'validation_failed');
    expectProblem(await admin.put('/api/v1/admin/sso', { enabled: true }), 400, 'validation_failed');
    const rep = await t.login('rep@relais.demo');
    expectProblem(await rep.get('/api/v1/admin/sso'), 403);
    expectProblem(await rep.put('/api/v1/admin/sso', settings()), 403);
    expectProblem(await t.anonymous().get('/api/v1/admin/sso'), 401);
    expectProblem(await t.anonymous().get('/api/v1/auth/sso/callback?code=x&state=y&unknown=1'), 400);
  });
});

describe('single sign-on with OpenID Connect', () => {
  it('sends the person to the provider with state, nonce and a PKCE S256 challenge', async () => {
    const start = await t.anonymous().get('/api/v1/auth/sso/start');
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(op.issuer);
    for (const name of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(name)?.length).toBeGreaterThan(20);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    const cookie = String(start.headers['set-cookie']);
    expect(cookie).toMatch(/relais_sso_state=.*HttpOnly/i);
  });

  it('signs in an existing user matched by a verified e-mail, with the normal session', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub', '/accounts');
    const response = await callback(path, cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/accounts');
    expect(response.cookies.map((c) => c.name)).toEqual(
      expect.arrayContaining(['relais_session', 'relais_csrf']),
    );
    expect((await me(response)).email).toBe('rep@relais.demo');
    const [entry] = await t.db.query<{ details: { method?: string } }>(
      `select details from audit_log where action = 'auth.login' order by id desc limit 1`,
    );
    expect(entry.details.method).toBe('sso');
    // The next time, the provider's subject finds the same user.
    const again = await signInAtProvider('rep-sub', '/');
    expect((await me(await callback(again.callback, again.cookie))).email).toBe('rep@relais.demo');
  });

  it('sends the person back only to a page of Relais', async () => {
    for (const next of ['//evil.example/phish', 'https://evil.example/', '/\\evil.example']) {
      const { callback: path, cookie } = await signInAtProvider('rep-sub', next);
      expect((await callback(path, cookie)).headers.location).toBe('/');
    }
  });

  it('does not match an existing user by an e-mail the provider has not verified', async () => {
    const { callback: path, cookie } = await signInAtProvider('unverified-sub');
    const response = await callback(path, cookie);
    expect(ssoError(response)).toBe('sso.email_unverified');
    expect(response.cookies.find((c) => c.name === 'relais_session')).toBeUndefined();
  });

  it('provisions a new person with the default role and team, only when the admin allows it', async () => {
    const refused = await signInAtProvider('stranger-sub');
    expect(ssoError(await callback(refused.callback, refused.cookie))).toBe('sso.no_account');

    await configure({ provision: true, defaultRole: 'expert', defaultTeamId: teamId });
    const { callback: path, cookie } = await signInAtProvider('new-sub');
    const user = await me(await callback(path, cookie));
    expect(user).toMatchObject({
      email: 'camille.nouvelle@example.com',
      firstName: 'Camille',
      lastName: 'Nouvelle',
      role: 'expert',
      teamId,
      locale: 'en',
    });
    const [audit] = await t.db.query(
      `select 1 from audit_log where action = 'user.provisioned' and target_id = $1`,
      [user.id],
    );
    expect(audit).toBeDefined();
    // A deactivated account stays out, even when the provider still knows the person.
    expect((await admin.patch(`/api/v1/admin/users/${user.id}`, { active: false })).statusCode).toBe(200);
    const again = await signInAtProvider('new-sub');
    expect(ssoError(await callback(again.callback, again.cookie))).toBe('sso.user_inactive');
  });

  it('refuses an ID token issued for another client (wrong audience)', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    op.tamperIdToken((claims) => ({ ...claims, aud: 'another-application' }));
    const response = await callback(path, cookie);
    expect(ssoError(response)).toBe('sso.token_invalid');
    expect(response.cookies.find((c) => c.name === 'relais_session')).toBeUndefined();
  });

  it('refuses an expired ID token signed by the provider', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    const now = Math.floor(Date.now() / 1000);
    op.tamperIdToken((claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 }));
    expect(ssoError(await callback(path, cookie))).toBe('sso.token_invalid');
  });

  it('refuses an ID token once Relais’ clock is past its expiry', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    const clock = t.deps.clock;
    t.deps.clock = () => new Date(Date.now() + 3 * 3600_000);
    try {
      expect(ssoError(await callback(path, cookie))).toBe('sso.token_invalid');
    } finally {
      t.deps.clock = clock;
    }
  });

  it('refuses an ID token not signed by the provider’s keys', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    op.tamperIdToken((claims) => claims, { foreignKey: true });
    expect(ssoError(await callback(path, cookie))).toBe('sso.token_invalid');
  });

  it('refuses a replayed state, and a state started by another browser', async () => {
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    expect((await callback(path, cookie)).headers.location).toBe('/accounts');
    expect(ssoError(await callback(path, cookie))).toBe('sso.state_invalid');

    const other = await signInAtProvider('rep-sub');
    expect(ssoError(await callback(other.callback))).toBe('sso.state_invalid');
    // The failed attempts are in the audit log, with their reason.
    const rows = await t.db.query<{ details: { reason: string } }>(
      `select details from audit_log where action = 'auth.sso_failed' order by id desc limit 2`,
    );
    expect(rows.map((row) => row.details.reason)).toEqual(['sso.state_invalid', 'sso.state_invalid']);
  });

  it('lands on the sign-in page with the reason when the person cancels at the provider', async () => {
    const start = await t.anonymous().get('/api/v1/auth/sso/start');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const cookie = `relais_sso_state=${state}`;
    const response = await callback(
      `/api/v1/auth/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(op.issuer)}`,
      cookie,
    );
    expect(ssoError(response)).toBe('sso.provider_error');
  });

  it('with "SSO only", refuses passwords and invitations except to admins (the break-glass)', async () => {
    await configure({ ssoOnly: true });
    expect((await t.anonymous().get('/api/v1/auth/sso')).json().ssoOnly).toBe(true);
    const refused = await t.anonymous().post('/api/v1/auth/login', {
      email: 'rep@relais.demo',
      password: 'relais-demo',
    });
    expectProblem(refused, 403, 'auth.sso_only');
    // A wrong password still answers as before: the setting reveals nothing about an e-mail.
    expectProblem(
      await t.anonymous().post('/api/v1/auth/login', { email: 'rep@relais.demo', password: 'wrong' }),
      401,
      'auth.invalid_credentials',
    );
    await t.login('admin@relais.demo');
    // An invitation cannot open a password session either: the invited person uses the button.
    const invited = await admin.post('/api/v1/admin/users', {
      email: 'invitee@relais.demo',
      firstName: 'In',
      lastName: 'Vitee',
      role: 'rep',
    });
    const inviteToken = String(invited.json().inviteUrl).split('/invite/')[1];
    expectProblem(
      await t.anonymous().post(`/api/v1/invites/${inviteToken}`, { password: 'a long enough password 42' }),
      403,
      'auth.sso_only',
    );
    const { callback: path, cookie } = await signInAtProvider('rep-sub');
    expect((await me(await callback(path, cookie))).email).toBe('rep@relais.demo');
    await configure({ ssoOnly: false, enabled: false });
    expect((await t.anonymous().get('/api/v1/auth/sso')).json()).toEqual({
      enabled: false,
      buttonLabel: '',
      ssoOnly: false,
    });
    const start = await t.anonymous().get('/api/v1/auth/sso/start');
    expect(start.headers.location).toBe('/login?sso_error=sso.disabled');
  });
});
