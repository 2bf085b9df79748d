/**
 * Source scans shared by `scripts/architecture-metrics.ts` (figures) and
 * `scripts/check-architecture.ts` (the gate run by `npm run lint`), so both count the same way.
 * Everything takes the repository root, so tests can run the scans on a fixture tree.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, skipping node_modules and dot-folders. */
export function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

export const isSource = (f: string) => /\.(ts|tsx)$/.test(f) && !/\.d\.ts$/.test(f);
export const isTest = (f: string) => /\.test\.tsx?$/.test(f);
export const read = (f: string) => readFileSync(f, 'utf8');

/** Server source files that are not tests. */
export function serverFiles(root: string): string[] {
  return walk(join(root, 'src/server')).filter((f) => isSource(f) && !isTest(f));
}

/** The module a server file belongs to (`src/server/modules/<m>/…`), or null outside modules. */
export function moduleOf(file: string): string | null {
  const match = /\/src\/server\/modules\/([^/]+)\//.exec(file.replace(/\\/g, '/'));
  return match ? match[1] : null;
}

export type FileKind = 'repository' | 'service' | 'routes' | 'loose';

export function fileKind(file: string): FileKind {
  if (/repository\.ts$|\/repositories?\//.test(file)) return 'repository';
  if (/\.service\.ts$/.test(file)) return 'service';
  if (/\.routes\.ts$/.test(file)) return 'routes';
  return 'loose';
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** SQL calls: `.query(` / `.query<` / `.exec(`, with the line of each. */
export function sqlCalls(text: string): number[] {
  return [...text.matchAll(/\.(query|exec)\s*[<(]/g)].map((m) => lineAt(text, m.index ?? 0));
}

/** Migration number ranges: which module owns the tables a migration creates. */
export function moduleOfMigration(name: string): string {
  const n = Number(name.slice(0, 4));
  if (n < 100) return 'foundation';
  if (n < 200) return 'crm';
  if (n < 300) return 'knowledge';
  if (n < 400) return 'push';
  if (n < 500) return 'community';
  if (n < 600) return 'expertise';
  if (n < 700) return 'management';
  if (n >= 900 && n < 1000) return 'webhooks';
  return 'unassigned';
}

/** Table name → owning module, from the `create table` statements of migrations/. */
export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const dir = join(root, 'migrations');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.sql')) : [];
  for (const name of names.sort()) {
    for (const m of read(join(dir, name)).matchAll(
      /create\s+table\s+(?:if\s+not\s+exists\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi,
    )) {
      const table = m[1].toLowerCase();
      if (!owners.has(table)) owners.set(table, moduleOfMigration(name));
    }
  }
  return owners;
}

export interface ForeignTable {
  module: string;
  table: string;
  owner: string;
  file: string;
  line: number;
}

/**
 * SQL in a module that names a table another module owns (foundation tables are everyone's).
 * Views are not in the owners map, so a view a module publishes on purpose is allowed.
 */
export function foreignTables(root: string, files: string[]): ForeignTable[] {
  const owners = tableOwners(root);
  const found: ForeignTable[] = [];
  for (const file of files) {
    const module = moduleOf(file);
    if (!module) continue;
    const text = read(file);
    const push = (table: string, offset: number) => {
      const owner = owners.get(table.toLowerCase());
      if (owner && owner !== module && owner !== 'foundation')
        found.push({
          module,
          table: table.toLowerCase(),
          owner,
          file: relative(root, file),
          line: lineAt(text, offset),
        });
    };
    for (const m of text.matchAll(
      /\b(?:from|join|into|update|exists\s*\(\s*select[^)]*?from)\s+(?:public\.)?([a-z_][a-z0-9_]*)/gi,
    ))
      push(m[1], m.index ?? 0);
    for (const m of text.matchAll(/to_regclass\('(?:public\.)?([a-z_]+)'\)/g)) push(m[1], m.index ?? 0);
  }
  return found;
}

/** `any` written as a type (`: any`, `as any`, `<any>`, `any[]`…), with the line of each. */
export function anyUses(text: string): number[] {
  return [...text.matchAll(/(:\s*any\b|\bas any\b|<any>|\bany\[\]|,\s*any>|<any,)/g)].map((m) =>
    lineAt(text, m.index ?? 0),
  );
}
