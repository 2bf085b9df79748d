import { describe, expect, it } from 'vitest';
import { localisedTheme } from './theme';

describe('localisedTheme', () => {
  it("names a dialog's close button and the password eye in the reader's language", () => {
    const words: Record<string, string> = {
      'common:actions.close': 'Fermer',
      'common:actions.togglePassword': 'Afficher ou masquer la saisie',
    };
    const components = localisedTheme((key) => words[key] ?? key).components!;
    for (const name of ['Modal', 'Drawer', 'Notification'])
      expect(components[name]?.defaultProps).toMatchObject({ closeButtonProps: { 'aria-label': 'Fermer' } });
    expect(components.PasswordInput?.defaultProps).toMatchObject({
      visibilityToggleButtonProps: { 'aria-label': 'Afficher ou masquer la saisie' },
    });
  });
});
