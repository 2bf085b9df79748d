import i18next from 'i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import 'dayjs/locale/en';
import relativeTime from 'dayjs/plugin/relativeTime';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { initReactI18next } from 'react-i18next';
import { buildResources, DEFAULT_LOCALE, isAppLocale, type AppLocale } from './locale-resources';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

export const LOCALE_STORAGE_KEY = 'relais.locale';

const localeFiles = import.meta.glob('../modules/*/locales/*.json', { eager: true });
const resources = buildResources(localeFiles);

/** Language chosen on this device, else French (UX-1). */
export function storedLocale(): AppLocale {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['fr', 'en'],
  ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
  defaultNS: 'common',
  nsSeparator: ':',
  keySeparator: '.',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

function syncDocument(locale: AppLocale): void {
  dayjs.locale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

syncDocument(storedLocale());

/** Switches UI language, dayjs and <html lang>, and remembers it on this device. */
export async function applyLocale(locale: AppLocale): Promise<void> {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode: the language still applies for this session.
  }
  syncDocument(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function currentLocale(): AppLocale {
  return isAppLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

const CHOSEN_BEFORE_SIGN_IN = 'relais.locale.chosenBeforeSignIn';

/** Notes a language picked on a signed-out page, so that sign-in keeps it. */
export function rememberLocaleChosenBeforeSignIn(locale: AppLocale): void {
  try {
    sessionStorage.setItem(CHOSEN_BEFORE_SIGN_IN, locale);
  } catch {
    // Without storage the profile language simply wins at sign-in.
  }
}

/** The language picked before sign-in during this visit, read once. */
export function takeLocaleChosenBeforeSignIn(): AppLocale | undefined {
  try {
    const value = sessionStorage.getItem(CHOSEN_BEFORE_SIGN_IN);
    sessionStorage.removeItem(CHOSEN_BEFORE_SIGN_IN);
    return isAppLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
