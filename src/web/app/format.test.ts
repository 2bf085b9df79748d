import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatPercent, formatRatio } from './format';

dayjs.extend(localizedFormat);
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

afterEach(() => {
  dayjs.locale('en');
});

describe("formatting in the reader's language", () => {
  it('keeps the cents of money over 1 000, and shows none for whole amounts', () => {
    expect(plain(formatMoney(26900, 'EUR', 'fr'))).toBe('26 900 €');
    expect(plain(formatMoney(12500.5, 'EUR', 'fr'))).toBe('12 500,50 €');
    expect(formatMoney(12500.5, 'EUR', 'en')).toBe('€12,500.50');
    expect(formatMoney(0.1 + 0.2, 'EUR', 'en')).toBe('€0.30');
  });

  it('follows the app language, not the browser', () => {
    dayjs.locale('fr');
    expect(plain(formatMoney(1234.5))).toBe('1 234,50 €');
    expect(plain(formatPercent(62.5))).toBe('62,5 %');
    expect(formatDate('2026-12-12')).toBe('12 déc. 2026');
    dayjs.locale('en');
    expect(formatMoney(1234.5)).toBe('€1,234.50');
    expect(formatPercent(62.5)).toBe('62.5%');
    expect(formatDate('2026-12-12')).toBe('Dec 12, 2026');
  });

  it('formats percentages and ratios, with a dash for none', () => {
    expect(plain(formatPercent(35, 'fr'))).toBe('35 %');
    expect(plain(formatRatio(0.625, 'fr'))).toBe('62,5 %');
    expect(formatPercent(null, 'fr')).toBe('–');
  });
});
