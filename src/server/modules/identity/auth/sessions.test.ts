import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem } from '../../../../../test/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://relais.example.fr', SESSION_MAX_DAYS: '30' });
});
afterAll(() => t.close());

describe('sessions and tokens (issue 10, item 7)', () => {
  it('marks both cookies Secure when PUBLIC_URL is https, without a trusted proxy', async () => {
    const response = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: 'rep@relais.demo', password: 'relais-demo' });
    expect(response.statusCode).toBe(200);
    for (const name of ['relais_session', 'relais_csrf'])
      expect(response.cookies.find((cookie) => cookie.name === name)!.secure).toBe(true);
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const rep = await t.login('rep2@relais.demo');
    expect((await rep.get('/api/v1/me')).statusCode).toBe(200);
    const sessionHash = (
      await t.db.query<{ id: string }>(
        `select id from sessions where user_id = $1 order by created_at desc limit 1`,
        [rep.userId],
      )
    )[0].id;
    // Signed in 31 days ago and used every day since: idle expiry alone would keep it alive.
    await t.db.query(
      `update sessions set created_at = now() - interval '31 days', expires_at = now() + interval '10 days' where id = $1`,
      [sessionHash],
    );
    t.deps.credentials.forget();
    expectProblem(await rep.get('/api/v1/me'), 401, 'auth.required');
    // A younger session extends its idle expiry up to, not beyond, the absolute end.
    const fresh = await t.login('rep2@relais.demo');
    await t.db.query(
      `update sessions set created_at = now() - interval '25 days' where user_id = $1 and id <> $2`,
      [fresh.userId, sessionHash],
    );
    t.deps.credentials.forget();
    expect((await fresh.get('/api/v1/me')).statusCode).toBe(200);
    const [row] = await t.db.query<{ days_left: number }>(
      `select extract(epoch from expires_at - now()) / 86400 as days_left from sessions where user_id = $1 and id <> $2`,
      [fresh.userId, sessionHash],
    );
    expect(Number(row.days_left)).toBeLessThanOrEqual(5.01);
  });

  it('revokes API tokens on a password change by default, and keeps them when asked', async () => {
    const expert = await t.login('expert@relais.demo');
    const token = (await expert.post('/api/v1/me/tokens', { name: 'ERP' })).json().token;
    expect((await expert.withToken(token).get('/api/v1/me')).statusCode).toBe(200);
    expect(
      (
        await expert.post('/api/v1/me/password', {
          currentPassword: 'relais-demo',
          newPassword: 'a-new-password-1',
        })
      ).statusCode,
    ).toBe(204);
    expectProblem(await expert.withToken(token).get('/api/v1/me'), 401, 'auth.invalid_token');
    expect((await expert.get('/api/v1/me/tokens')).json().items).toEqual([]);

    const kept = (await expert.post('/api/v1/me/tokens', { name: 'CI' })).json().token;
    const change = {
      currentPassword: 'a-new-password-1',
      newPassword: 'another-password-2',
      revokeTokens: false,
    };
    expect((await expert.post('/api/v1/me/password', change)).statusCode).toBe(204);
    expect((await expert.withToken(kept).get('/api/v1/me')).statusCode).toBe(200);
  });

  it('requires the CSRF token to sign out with the session cookie', async () => {
    const rep = await t.login('rep3@relais.demo');
    expectProblem(
      await rep.post('/api/v1/auth/logout', undefined, { headers: { 'x-csrf-token': 'forged' } }),
      403,
      'csrf.invalid',
    );
    expect((await rep.get('/api/v1/me')).statusCode).toBe(200);
    expect((await rep.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await rep.get('/api/v1/me'), 401);
    // Without a session there is nothing to forge: clearing cookies stays possible.
    expect((await t.anonymous().post('/api/v1/auth/logout')).statusCode).toBe(204);
  });
});
