import type { Resource } from 'i18next';

export const SUPPORTED_LOCALES = ['fr', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'fr';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * Turns `{ '../modules/crm/locales/fr.json': {...} }` (an eager import.meta.glob) into i18next
 * resources `{ fr: { crm: {...} } }`: the folder name is the namespace, the file name the language.
 */
export function buildResources(files: Record<string, unknown>): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /\/modules\/([^/]+)\/locales\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, namespace, language] = match as unknown as [string, string, string];
    const json = (content as { default?: unknown }).default ?? content;
    resources[language] ??= {};
    resources[language][namespace] = json as Record<string, unknown>;
  }
  return resources;
}
