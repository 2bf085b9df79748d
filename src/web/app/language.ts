import { useQueryClient } from '@tanstack/react-query';
import { applyLocale, rememberLocaleChosenBeforeSignIn } from './i18n';
import type { AppLocale } from './locale-resources';
import { saveMyLocale } from './queries';
import { meQueryKey, type Me } from './session';

/** Changes the UI language and, when signed in, saves it on the user's profile. */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return async (locale: AppLocale) => {
    await applyLocale(locale);
    const me = queryClient.getQueryData<Me | null>(meQueryKey);
    if (!me) {
      rememberLocaleChosenBeforeSignIn(locale);
      return;
    }
    if (me.locale === locale) return;
    queryClient.setQueryData<Me>(meQueryKey, { ...me, locale });
    try {
      const updated = await saveMyLocale(locale);
      queryClient.setQueryData(meQueryKey, updated);
    } catch {
      // The language already applies locally; the server copy will catch up on the next change.
    }
  };
}
