import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanServerErrorCodes } from './error-codes.scan.js';
import { FIELD_TEXTS, fieldErrorText, PROBLEM_TEXTS, problemText } from './errors.js';

const SERVER = path.resolve(__dirname, '../server');

describe('error catalogue', () => {
  const { problems, fields } = scanServerErrorCodes(SERVER);

  it('finds the codes the server throws (the scan itself works)', () => {
    expect(problems.size).toBeGreaterThan(50);
    for (const code of ['auth.locked', 'push.ack_required', 'offer.owner_only', 'not_found', 'rate_limited'])
      expect(problems).toContain(code);
    for (const code of ['taken', 'invalid_phone', 'too_small', 'not_https']) expect(fields).toContain(code);
  });

  it('has fr and en text for every problem code the server can answer', () => {
    const missing = [...problems].filter(
      (code) => !PROBLEM_TEXTS[code]?.fr?.trim() || !PROBLEM_TEXTS[code]?.en?.trim(),
    );
    expect(missing).toEqual([]);
  });

  it('has fr and en text for every field error code the server can answer', () => {
    const missing = [...fields].filter(
      (code) => !FIELD_TEXTS[code]?.fr?.trim() || !FIELD_TEXTS[code]?.en?.trim(),
    );
    expect(missing).toEqual([]);
  });

  it('uses the same {{values}} in both languages', () => {
    for (const table of [PROBLEM_TEXTS, FIELD_TEXTS]) {
      for (const [code, text] of Object.entries(table)) {
        const names = (value: string) => [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(names(text.fr), code).toEqual(names(text.en));
      }
    }
  });

  it('fills values, and gives up when a value is missing', () => {
    expect(problemText('auth.locked', 'fr', { retryAfterMinutes: 3 })).toBe(
      'Trop de tentatives depuis cette connexion : la connexion est suspendue pendant 3 min.',
    );
    expect(problemText('auth.locked', 'en')).toBeUndefined();
    expect(problemText('nope', 'en')).toBeUndefined();
    expect(fieldErrorText('too_big', 'fr', { maximum: 200 })).toBe('Trop long : au plus 200.');
    expect(fieldErrorText('too_big', 'en')).toBe('Too long.');
  });
});
