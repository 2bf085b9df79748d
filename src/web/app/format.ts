import dayjs from 'dayjs';
import * as common from '../../common/format';

/**
 * The one place that turns numbers, money, percentages and dates into text, in the reader's
 * chosen language (the language of the app, kept in dayjs by i18n.ts — never the browser's
 * default locale). Every screen goes through these; numbers come from src/common/format.ts,
 * which the server uses too.
 */
export type FormatLocale = 'fr' | 'en';

/** The language the app is shown in now. */
export const currentLocale = (): FormatLocale => (dayjs.locale() === 'en' ? 'en' : 'fr');
const asLocale = (locale?: string): FormatLocale =>
  locale === undefined ? currentLocale() : locale.startsWith('en') ? 'en' : 'fr';

/** "12 500 €", "12 500,50 €" / "€12,500.50" in the app's language unless `locale` is given. */
export const formatMoney = (value: number, currency = 'EUR', locale?: string) =>
  common.formatMoney(value, asLocale(locale), currency);

/** "1 234,5" / "1,234.5". */
export const formatNumber = (value: number, locale?: string, maximumFractionDigits = 2) =>
  common.formatNumber(value, asLocale(locale), maximumFractionDigits);

/** A value in percent (62.5 → "62,5 %" / "62.5%"); "–" when there is none. */
export const formatPercent = (value: number | null | undefined, locale?: string) =>
  common.formatPercent(value, asLocale(locale));

/** A ratio (0.625 → "62,5 %"). */
export const formatRatio = (value: number | null | undefined, locale?: string) =>
  formatPercent(value === null || value === undefined ? value : value * 100, locale);

/** "24 nov. 2025 14:32" in the current language; empty for missing dates. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('lll') : '';
}

/** "24 nov. 2025" (a `YYYY-MM-DD` date is that calendar day, wherever the reader is). */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('ll') : '';
}

/** "il y a 3 heures" / "3 hours ago". */
export function formatRelative(value: string | null | undefined): string {
  return value ? dayjs(value).fromNow() : '';
}
