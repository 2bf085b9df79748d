import { describe, expect, it } from 'vitest';
import { buildResources, isAppLocale } from './locale-resources';

describe('buildResources', () => {
  it('uses the module folder as namespace and the file name as language', () => {
    const resources = buildResources({
      '../modules/crm/locales/fr.json': { default: { nav: { accounts: 'Comptes' } } },
      '../modules/crm/locales/en.json': { default: { nav: { accounts: 'Accounts' } } },
      '../modules/shell/locales/fr.json': { nav: { label: 'Navigation' } },
      '../elsewhere/fr.json': { ignored: true },
    });
    expect(resources).toEqual({
      fr: { crm: { nav: { accounts: 'Comptes' } }, shell: { nav: { label: 'Navigation' } } },
      en: { crm: { nav: { accounts: 'Accounts' } } },
    });
  });
});

describe('isAppLocale', () => {
  it('accepts only fr and en', () => {
    expect(isAppLocale('fr')).toBe(true);
    expect(isAppLocale('en')).toBe(true);
    expect(isAppLocale('de')).toBe(false);
    expect(isAppLocale(null)).toBe(false);
  });
});
