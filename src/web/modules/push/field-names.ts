import type { TFunction } from 'i18next';

/** "amountEur" → "Amount eur": a readable name for a field another application declared. */
export const humanise = (name: string) => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The label of an action's field in the reader's language (never the technical name). */
export const fieldLabel = (t: TFunction, name: string) =>
  t(`push:fieldNames.${name}`, { defaultValue: humanise(name) });
