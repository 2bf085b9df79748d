import {
  createTheme,
  Drawer,
  mergeThemeOverrides,
  Modal,
  Notification,
  PasswordInput,
  type MantineThemeOverride,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
});

/**
 * The theme with the reader's words on Mantine's icon buttons: without them a dialog's ✕ has no
 * name for a screen reader and the password eye says "Toggle password visibility" in English.
 */
export function localisedTheme(t: (key: string) => string): MantineThemeOverride {
  const close = { 'aria-label': t('common:actions.close') };
  return mergeThemeOverrides(
    theme,
    createTheme({
      components: {
        Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
        Drawer: Drawer.extend({ defaultProps: { closeButtonProps: close } }),
        Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
        PasswordInput: PasswordInput.extend({
          defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common:actions.togglePassword') } },
        }),
      },
    }),
  );
}
