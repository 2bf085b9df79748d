import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import { expectProblem } from '../client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('problems in the language of the request', () => {
  const wrongPassword = (language?: string) =>
    t
      .anonymous()
      .post(
        '/api/v1/auth/login',
        { email: 'rep@relais.demo', password: 'not-this-one' },
        { headers: language ? { 'accept-language': language } : {} },
      );

  it('answers detail from the error catalogue in the language asked for', async () => {
    expect(
      expectProblem(await wrongPassword('fr-FR,fr;q=0.9,en;q=0.8'), 401, 'auth.invalid_credentials').detail,
    ).toBe('E-mail ou mot de passe incorrect.');
    expect(expectProblem(await wrongPassword('en-GB'), 401, 'auth.invalid_credentials').detail).toBe(
      'Wrong e-mail or password.',
    );
    // No language, or one Relais does not speak: the server's own English words.
    expect(expectProblem(await wrongPassword(), 401, 'auth.invalid_credentials').detail).toMatch(/password/i);
    expect(expectProblem(await wrongPassword('de-DE'), 401, 'auth.invalid_credentials').detail).toMatch(
      /password/i,
    );
  });

  it('names the limit of a length check and says it in the language asked for', async () => {
    const rep = await t.login('rep@relais.demo');
    const tooLong = 'x'.repeat(201);
    const problem = expectProblem(
      await rep.post(
        '/api/v1/accounts',
        { name: tooLong, kind: 'prospect' },
        { headers: { 'accept-language': 'fr' } },
      ),
      400,
      'validation_failed',
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: 'name',
        code: 'too_big',
        maximum: 200,
        message: 'Trop long : au plus 200.',
      }),
    ]);
    expect(problem.detail).toBe('Certains champs sont invalides : vérifiez le formulaire.');
  });
});
