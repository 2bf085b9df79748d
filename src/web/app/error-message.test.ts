import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorMessage, fieldErrors, type Translator } from './error-message';

const messages: Record<string, string> = {
  'common:errors.unknown': 'Unknown',
  'common:errors.server': 'Server',
  'common:errors.auth.invalid_credentials': 'Mauvais identifiants',
  'common:errors.auth.locked': 'Verrouillé {{retryAfterMinutes}} min',
  'common:errors.taken': 'Déjà utilisé',
};

const fake: Translator = {
  exists: (key) => key in messages,
  t: (key, options) => (messages[key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (options?.[name] === undefined ? whole : String(options[name]))),
};

describe('errorMessage', () => {
  it('translates a known code', () => {
    expect(errorMessage(new ApiError({ title: 'x', status: 401, code: 'auth.invalid_credentials', detail: 'Wrong' }), fake)).toBe('Mauvais identifiants');
  });

  it('interpolates retryAfterSeconds as minutes', () => {
    const error = new ApiError({ title: 'x', status: 429, code: 'auth.locked', detail: 'Locked until 10:00', retryAfterSeconds: 125 });
    expect(errorMessage(error, fake)).toBe('Verrouillé 3 min');
  });

  it('prefers the server detail when the translation lacks a value', () => {
    const error = new ApiError({ title: 'x', status: 429, code: 'auth.locked', detail: 'Locked until 10:00' });
    expect(errorMessage(error, fake)).toBe('Locked until 10:00');
  });

  it('falls back to detail, then to generic messages', () => {
    expect(errorMessage(new ApiError({ title: 'Conflict', status: 409, code: 'other', detail: 'Server words' }), fake)).toBe('Server words');
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
    expect(fieldErrors(error, fake)).toEqual({ email: 'Déjà utilisé', role: 'Invalid option' });
    expect(fieldErrors(new Error('x'), fake)).toEqual({});
  });
});
