import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import { expectProblem } from '../client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with the demo password and answers the user with a CSRF token', async () => {
    const response = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: 'REP@relais.demo', password: 'relais-demo' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      email: 'rep@relais.demo',
      role: 'rep',
      teamName: 'Équipe Paris Centre',
    });
    const session = response.cookies.find((cookie) => cookie.name === 'relais_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.secure).toBeFalsy();
    expect(response.cookies.find((cookie) => cookie.name === 'relais_csrf')?.value).toBe(
      response.json().csrfToken,
    );
  });

  it('marks the session cookie Secure when served over TLS', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      payload: { email: 'rep@relais.demo', password: 'relais-demo' },
    });
    // trustProxy is off by default, so a forwarded header alone must not make it Secure…
    expect(response.cookies.find((cookie) => cookie.name === 'relais_session')!.secure).toBeFalsy();
    const proxied = await createTestApp({ TRUST_PROXY: '1' });
    try {
      const overTls = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        payload: { email: 'rep@relais.demo', password: 'relais-demo' },
      });
      expect(overTls.cookies.find((cookie) => cookie.name === 'relais_session')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    expectProblem(
      await t.anonymous().post('/api/v1/auth/login', { email: 'rep2@relais.demo', password: 'nope' }),
      401,
      'auth.invalid_credentials',
    );
    expectProblem(
      await t.anonymous().post('/api/v1/auth/login', { email: 'nobody@relais.demo', password: 'nope' }),
      401,
      'auth.invalid_credentials',
    );
    const admin = await t.login('admin@relais.demo');
    const audit = (await admin.get('/api/v1/audit?action=auth.login_failed')).json();
    expect(audit.items.map((entry: any) => entry.details.email)).toEqual(
      expect.arrayContaining(['rep2@relais.demo', 'nobody@relais.demo']),
    );
  });

  /** A sign-in attempt from a given address (inject's remoteAddress is request.ip). */
  const loginFrom = (ip: string, email: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json' },
      payload: { email, password },
    });

  it('throttles one address after four failures for that e-mail, with a clear error and growing delays', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectProblem(
        await loginFrom('203.0.113.5', 'REP3@relais.demo', `wrong-${attempt}`),
        401,
        'auth.invalid_credentials',
      );
    }
    const fifth = expectProblem(
      await loginFrom('203.0.113.5', 'rep3@relais.demo', 'wrong-5'),
      429,
      'auth.locked',
    );
    expect(fifth.retryAfterSeconds).toBeGreaterThan(20);
    expect(fifth.retryAfterSeconds).toBeLessThanOrEqual(30);
    // While blocked, this address is refused even the right password.
    const locked = expectProblem(
      await loginFrom('203.0.113.5', 'rep3@relais.demo', 'relais-demo'),
      429,
      'auth.locked',
    );
    expect(locked.detail).toMatch(/try again after/);
    // Once the delay is over, each further failure doubles it.
    await t.db.query(
      `update login_throttle set blocked_until = now() - interval '1 second' where ip = '203.0.113.5'`,
    );
    const sixth = expectProblem(
      await loginFrom('203.0.113.5', 'rep3@relais.demo', 'wrong-6'),
      429,
      'auth.locked',
    );
    expect(sixth.retryAfterSeconds).toBeGreaterThan(50);
    expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other e-mails from the same address are not affected.
    expect((await loginFrom('203.0.113.5', 'rep2@relais.demo', 'relais-demo')).statusCode).toBe(200);
  });

  it('lets the right password through from an address that has not failed (no lock-out of others)', async () => {
    for (let attempt = 1; attempt <= 8; attempt += 1)
      await loginFrom('198.51.100.7', 'manager@relais.demo', `wrong-${attempt}`);
    expectProblem(await loginFrom('198.51.100.7', 'manager@relais.demo', 'relais-demo'), 429, 'auth.locked');
    // The real user, elsewhere, signs in.
    expect((await loginFrom('192.0.2.44', 'manager@relais.demo', 'relais-demo')).statusCode).toBe(200);
    // A success clears that address's failures.
    for (let attempt = 1; attempt <= 3; attempt += 1)
      await loginFrom('192.0.2.45', 'expert@relais.demo', `wrong-${attempt}`);
    expect((await loginFrom('192.0.2.45', 'expert@relais.demo', 'relais-demo')).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectProblem(
        await loginFrom('192.0.2.45', 'expert@relais.demo', `wrong-again-${attempt}`),
        401,
        'auth.invalid_credentials',
      );
    }
  });

  it('keeps the per-address request limit on sign-in', async () => {
    const answers = [];
    for (let attempt = 1; attempt <= 31; attempt += 1)
      answers.push((await loginFrom('203.0.113.99', `someone${attempt}@relais.demo`, 'x')).statusCode);
    expect(answers.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(answers[30]).toBe(429);
  });

  it('validates the body', async () => {
    const problem = expectProblem(
      await t.anonymous().post('/api/v1/auth/login', { email: 'not-an-email' }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['email', 'password']);
  });
});

describe('session', () => {
  it('answers /me when signed in and 401 otherwise', async () => {
    expectProblem(await t.anonymous().get('/api/v1/me'), 401, 'auth.required');
    const rep = await t.login('rep@relais.demo');
    expect((await rep.get('/api/v1/me')).json()).toMatchObject({
      email: 'rep@relais.demo',
      displayName: 'Romain Lemoine',
    });
  });

  it('shows a change of my name in the next /me, although /me is answered from a short cache', async () => {
    const rep = await t.login('rep3@relais.demo');
    const before = (await rep.get('/api/v1/me')).json();
    expect((await rep.patch('/api/v1/me', { firstName: 'Rémi' })).statusCode).toBe(200);
    expect((await rep.get('/api/v1/me')).json().displayName).toBe(`Rémi ${before.lastName}`);
    await rep.patch('/api/v1/me', { firstName: before.firstName });
    expect((await rep.get('/api/v1/me')).json().displayName).toBe(before.displayName);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const rep = await t.login('rep@relais.demo');
    expectProblem(
      await rep.patch('/api/v1/me', { locale: 'en' }, { headers: { 'x-csrf-token': 'forged' } }),
      403,
      'csrf.invalid',
    );
    const withoutToken = { ...rep, csrfToken: undefined } as any;
    expectProblem(
      await rep.request.call(withoutToken, 'PATCH', '/api/v1/me', { locale: 'en' }),
      403,
      'csrf.invalid',
    );
    expect((await rep.patch('/api/v1/me', { locale: 'en' })).json().locale).toBe('en');
  });

  it('signs out: the cookie no longer works', async () => {
    const rep = await t.login('rep2@relais.demo');
    expect((await rep.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await rep.get('/api/v1/me'), 401);
  });

  it('changes the password after checking the current one', async () => {
    const user = await t.login('rep3@relais.demo').catch(() => null);
    const client = user ?? (await t.login('expert@relais.demo'));
    const email = (await client.get('/api/v1/me')).json().email;
    expectProblem(
      await client.post('/api/v1/me/password', { currentPassword: 'wrong', newPassword: 'a-new-password-1' }),
      400,
      'auth.wrong_password',
    );
    expectProblem(
      await client.post('/api/v1/me/password', { currentPassword: 'relais-demo', newPassword: 'short' }),
      400,
      'validation_failed',
    );
    expect(
      (
        await client.post('/api/v1/me/password', {
          currentPassword: 'relais-demo',
          newPassword: 'a-new-password-1',
        })
      ).statusCode,
    ).toBe(204);
    expectProblem(await t.anonymous().post('/api/v1/auth/login', { email, password: 'relais-demo' }), 401);
    expect(
      (await t.anonymous().post('/api/v1/auth/login', { email, password: 'a-new-password-1' })).statusCode,
    ).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('creates a token usable as Bearer, lists it without the secret, and revokes it', async () => {
    const rep = await t.login('rep@relais.demo');
    const created = await rep.post('/api/v1/me/tokens', { name: 'Intégration ERP' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^rls_/);
    const bearer = rep.withToken(token);
    expect((await bearer.get('/api/v1/me')).json().email).toBe('rep@relais.demo');
    // No CSRF token is needed with a bearer token.
    expect((await bearer.patch('/api/v1/me', { locale: 'fr' })).statusCode).toBe(200);
    const list = (await rep.get('/api/v1/me/tokens')).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id, name: 'Intégration ERP', prefix: token.slice(0, 8) }),
    ]);
    expect(JSON.stringify(list)).not.toContain(token);
    // Someone else cannot revoke it.
    const rep2 = await t.login('rep2@relais.demo');
    expectProblem(await rep2.delete(`/api/v1/me/tokens/${id}`), 404);
    expect((await rep.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 3100)); // the credential cache
    expectProblem(await bearer.get('/api/v1/me'), 401, 'auth.invalid_token');
  });

  it('rejects a bad token name and an unknown bearer token', async () => {
    const rep = await t.login('rep@relais.demo');
    expectProblem(await rep.post('/api/v1/me/tokens', { name: '' }), 400, 'validation_failed');
    expectProblem(await rep.delete('/api/v1/me/tokens/not-a-uuid'), 400, 'validation_failed');
    expectProblem(await t.anonymous().withToken('rls_forged').get('/api/v1/me'), 401, 'auth.invalid_token');
  });
});
