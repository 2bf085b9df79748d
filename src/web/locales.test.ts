/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, ROLES, TEAM_KINDS } from '../common/roles';

/**
 * Guards the i18n convention (UX-1): every module's fr.json and en.json have the same keys, and
 * every key the code uses literally (`t('ns:key')`, `labelKey: 'ns:key'`, …) exists.
 */
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const modulesRoot = join(webRoot, 'modules');
const LANGUAGES = ['fr', 'en'] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function flatten(value: Json, prefix = '', into = new Map<string, Json>()): Map<string, Json> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

function loadLocales(): Map<string, Record<(typeof LANGUAGES)[number], Map<string, Json>>> {
  const result = new Map<string, Record<(typeof LANGUAGES)[number], Map<string, Json>>>();
  for (const namespace of readdirSync(modulesRoot)) {
    const folder = join(modulesRoot, namespace, 'locales');
    let files: string[];
    try {
      files = readdirSync(folder);
    } catch {
      continue;
    }
    if (files.length === 0) continue;
    const entry = {} as Record<(typeof LANGUAGES)[number], Map<string, Json>>;
    for (const language of LANGUAGES) {
      const file = join(folder, `${language}.json`);
      let text = '{}';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`${relative(webRoot, file)} is missing: every namespace needs fr.json and en.json`);
      }
      entry[language] = flatten(JSON.parse(text) as Json);
    }
    result.set(namespace, entry);
  }
  return result;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const locales = loadLocales();
const namespaces = [...locales.keys()];

/** Base keys (plural suffixes removed) of one namespace and language. */
function baseKeys(namespace: string, language: (typeof LANGUAGES)[number]): Set<string> {
  return new Set(
    [...(locales.get(namespace)?.[language].keys() ?? [])].map((key) => key.replace(PLURAL_SUFFIX, '')),
  );
}

function variables(text: Json): string[] {
  return typeof text === 'string'
    ? [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1] as string).sort()
    : [];
}

/** `ns:key` is usable when it names a string leaf, directly or through plural forms. */
function keyExists(fullKey: string, language: (typeof LANGUAGES)[number]): boolean {
  const [namespace, key] = fullKey.split(':', 2) as [string, string];
  const keys = locales.get(namespace)?.[language];
  if (!keys) return false;
  if (typeof keys.get(key) === 'string') return true;
  return typeof keys.get(`${key}_other`) === 'string';
}

interface Usage {
  key: string;
  file: string;
}

/** Namespaces a file binds with useTranslation('ns') / useTranslation(['a', 'b']); `common` is the default. */
function fileNamespaces(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/useTranslation\(\s*(\[[^\]]*\]|['"][^'"]+['"])/g)) {
    for (const name of (match[1] as string).matchAll(/['"]([^'"]+)['"]/g)) found.add(name[1] as string);
  }
  return found.size > 0 ? [...found] : ['common'];
}

function findUsages(): { usages: Usage[]; withoutNamespace: Usage[] } {
  const usages: Usage[] = [];
  const withoutNamespace: Usage[] = [];
  const nsAlternation = namespaces.join('|');
  const nsLiteral = new RegExp(`(['"\`])((?:${nsAlternation}):[A-Za-z0-9_.-]+)\\1`, 'g');
  const tCall = /\bt\(\s*(['"`])([^'"`$]+)\1/g;
  const transKey = /i18nKey=(['"])([^'"]+)\1/g;
  for (const path of sourceFiles(webRoot)) {
    const file = relative(webRoot, path);
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(nsLiteral)) usages.push({ key: match[2] as string, file });
    for (const regex of [tCall, transKey]) {
      for (const match of text.matchAll(regex)) {
        const key = match[2] as string;
        if (key.includes(':')) usages.push({ key, file });
        else
          withoutNamespace.push({
            key: fileNamespaces(text)
              .map((namespace) => `${namespace}:${key}`)
              .join('|'),
            file,
          });
      }
    }
  }
  return { usages, withoutNamespace };
}

describe('locale files', () => {
  it('exist for several namespaces', () => {
    expect(namespaces).toEqual(
      expect.arrayContaining(['common', 'shell', 'identity', 'admin', 'crm', 'knowledge', 'push']),
    );
  });

  it.each(namespaces)('%s has the same keys in fr and en', (namespace) => {
    const fr = baseKeys(namespace, 'fr');
    const en = baseKeys(namespace, 'en');
    expect({
      onlyInFr: [...fr].filter((key) => !en.has(key)),
      onlyInEn: [...en].filter((key) => !fr.has(key)),
    }).toEqual({
      onlyInFr: [],
      onlyInEn: [],
    });
  });

  it.each(namespaces)('%s has non-empty strings with the same {{variables}} in fr and en', (namespace) => {
    const problems: string[] = [];
    const entry = locales.get(namespace)!;
    for (const [key, value] of entry.fr) {
      if (typeof value !== 'string' || value.trim() === '')
        problems.push(`fr ${key}: not a non-empty string`);
      const other = entry.en.get(key) ?? entry.en.get(key.replace(PLURAL_SUFFIX, '_other'));
      if (other !== undefined && variables(value).join() !== variables(other).join())
        problems.push(`${key}: variables differ`);
    }
    for (const [key, value] of entry.en) {
      if (typeof value !== 'string' || value.trim() === '')
        problems.push(`en ${key}: not a non-empty string`);
    }
    expect(problems).toEqual([]);
  });
});

describe('keys used in the code', () => {
  const { usages, withoutNamespace } = findUsages();

  it('are found by the scan', () => {
    expect(usages.length).toBeGreaterThan(50);
  });

  it('exist in every language', () => {
    const missing = usages.flatMap((usage) =>
      LANGUAGES.filter((language) => !keyExists(usage.key, language)).map(
        (language) => `${usage.file}: ${usage.key} (${language})`,
      ),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  // Keys without a namespace (t('key') after useTranslation('ns')) are checked in the file's
  // namespaces; prefer t('ns:key'), which this scan and readers can resolve without context.
  it('exist in every language when written without a namespace', () => {
    const missing = withoutNamespace.flatMap((usage) =>
      LANGUAGES.filter(
        (language) => !usage.key.split('|').some((candidate) => keyExists(candidate, language)),
      ).map((language) => `${usage.file}: ${usage.key} (${language})`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('cover the keys built at runtime from shared enums', () => {
    const dynamic = [
      ...ROLES.map((role) => `common:roles.${role}`),
      ...TEAM_KINDS.map((kind) => `admin:teams.kinds.${kind}`),
      ...LOCALES.map((locale) => `shell:language.${locale}`),
    ];
    const missing = dynamic.flatMap((key) =>
      LANGUAGES.filter((language) => !keyExists(key, language)).map((language) => `${key} (${language})`),
    );
    expect(missing).toEqual([]);
  });
});
