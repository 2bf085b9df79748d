import type { Locale } from './roles.js';

/**
 * Numbers, money and percentages as text in a reader's language, for the server (e-mails,
 * timeline lines, exports) and the web (through src/web/app/format.ts) alike.
 */
const intlTag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'fr-FR');

/** "12 500 €", "12 500,50 €" / "€12,500.50": cents shown whenever there are any, at any size. */
export function formatMoney(value: number, locale: Locale, currency = 'EUR'): string {
  const cents = Math.round(Math.abs(value) * 100) % 100 !== 0;
  return new Intl.NumberFormat(intlTag(locale), {
    style: 'currency',
    currency,
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(value);
}

/** "1 234,5" / "1,234.5". */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits }).format(value);
}

/** A value in percent (62.5 → "62,5 %" / "62.5%"); "–" when there is none. */
export function formatPercent(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  );
}
