import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { errorMessage, fieldErrors, type Translator } from './error-message';

const messages: Record<string, string> = {
  'common:errors.unknown': 'Unknown',
  'common:errors.server': 'Server',
  'common:errors.network': 'No network',
};

const fake: Translator = {
  language: 'fr',
  exists: (key) => key in messages,
  t: (key, options) =>
    (messages[key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
      options?.[name] === undefined ? whole : String(options[name]),
    ),
};

describe('errorMessage', () => {
  it("says the server was not reached, in the reader's language, for a network failure", () => {
    expect(errorMessage(new ApiError({ title: 'Network error', status: 0, code: 'network' }), fake)).toBe(
      'No network',
    );
  });

  it('translates a known code', () => {
    expect(
      errorMessage(
        new ApiError({ title: 'x', status: 401, code: 'auth.invalid_credentials', detail: 'Wrong' }),
        fake,
      ),
    ).toBe('E-mail ou mot de passe incorrect.');
  });

  it('interpolates retryAfterSeconds as minutes', () => {
    const error = new ApiError({
      title: 'x',
      status: 429,
      code: 'auth.locked',
      detail: 'Locked until 10:00',
      retryAfterSeconds: 125,
    });
    expect(errorMessage(error, fake)).toBe(
      'Trop de tentatives depuis cette connexion : la connexion est suspendue pendant 3 min.',
    );
  });

  it('prefers the server detail when the translation lacks a value', () => {
    const error = new ApiError({
      title: 'x',
      status: 429,
      code: 'auth.locked',
      detail: 'Locked until 10:00',
    });
    expect(errorMessage(error, fake)).toBe('Locked until 10:00');
  });

  it('falls back to detail, then to generic messages', () => {
    expect(
      errorMessage(
        new ApiError({ title: 'Conflict', status: 409, code: 'other', detail: 'Server words' }),
        fake,
      ),
    ).toBe('Server words');
    expect(errorMessage(new ApiError({ title: 'Internal', status: 500 }), fake)).toBe('Server');
    expect(errorMessage(new Error('boom'), fake)).toBe('Unknown');
  });
});

describe('fieldErrors', () => {
  it('maps problem fields to form fields, translating known codes', () => {
    const error = new ApiError({
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      errors: [
        { field: 'email', message: 'Already used.', code: 'taken' },
        { field: 'querystring.role', message: 'Invalid option', code: 'invalid_value' },
      ],
    });
    expect(fieldErrors(error, fake)).toMatchObject({ email: 'Déjà utilisé.', role: 'Valeur non acceptée.' });
    expect(fieldErrors(error, { ...fake, language: 'en' })).toMatchObject({
      email: 'Already used.',
      role: 'Value not accepted.',
    });
    expect(fieldErrors(new Error('x'), fake)).toEqual({});
  });
});

describe("field errors in the reader's language", () => {
  it('says the limit, once per field, under the form field the path names', () => {
    const error = new ApiError({
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      errors: [
        {
          field: 'name',
          message: 'Too big: expected string to have <=200 characters',
          code: 'too_big',
          maximum: 200,
        } as never,
        { field: 'name', message: 'Another', code: 'custom' },
        { field: 'emails.0.address', message: 'Invalid email', code: 'invalid_email' },
      ],
    });
    expect(fieldErrors(error, fake)).toEqual({
      name: 'Trop long : au plus 200.',
      address: 'Adresse e-mail invalide.',
      'emails.0.address': 'Adresse e-mail invalide.',
    });
  });

  it("translates every code in the reader's language, not the server's detail", () => {
    const error = new ApiError({
      title: 'Forbidden',
      status: 403,
      code: 'offer.owner_only',
      detail: 'Only the owner or a manager can delete this offer.',
    });
    expect(errorMessage(error, fake)).toBe(
      'Seul le propriétaire ou un responsable peut faire cela sur cette offre.',
    );
  });
});
