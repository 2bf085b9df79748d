/**
 * Counts the architecture figures the conventions care about, so they can be compared before
 * and after a change (`npm run metrics`). Reads the source tree only; prints a table, or JSON
 * with `--json`.
 *
 * - SQL calls (`.query(` / `.exec(`) in modules, by the kind of file they sit in;
 * - SQL that names another module's table (tables are owned by the module whose migration
 *   range creates them: 0001 foundation, 01xx crm, 02xx knowledge, 03xx push…);
 * - error codes thrown by the server that have no fr/en text in the web's locales or the
 *   common error catalogue;
 * - literal `/api/v1` paths in the server, `any` in server code, lines over 160 characters;
 * - the largest import cycle (type-only imports included).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const isSource = (f: string) => /\.(ts|tsx)$/.test(f) && !/\.d\.ts$/.test(f);
const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const serverFiles = walk(join(root, 'src/server')).filter((f) => isSource(f) && !isTest(f));
const moduleFiles = serverFiles.filter((f) => f.includes('/src/server/modules/'));
const read = (f: string) => readFileSync(f, 'utf8');

function fileKind(file: string): 'repository' | 'service' | 'routes' | 'loose' {
  if (/repository\.ts$|\/repositories?\//.test(file)) return 'repository';
  if (/\.service\.ts$/.test(file)) return 'service';
  if (/\.routes\.ts$/.test(file)) return 'routes';
  return 'loose';
}

function sqlCalls() {
  const byKind = { repository: 0, service: 0, routes: 0, loose: 0 };
  const filesByKind = {
    repository: new Set<string>(),
    service: new Set<string>(),
    routes: new Set<string>(),
    loose: new Set<string>(),
  };
  for (const file of moduleFiles) {
    const count = (read(file).match(/\.(query|exec)\s*[<(]/g) ?? []).length;
    if (!count) continue;
    const kind = fileKind(file);
    byKind[kind] += count;
    filesByKind[kind].add(relative(root, file));
  }
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { total, ...byKind, serviceFiles: filesByKind.service.size, routesFiles: filesByKind.routes.size };
}

function moduleOfMigration(name: string): string {
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

function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const dir = join(root, 'migrations');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.sql'))) {
    for (const m of read(join(dir, name)).matchAll(
      /create\s+table\s+(?:if\s+not\s+exists\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi,
    )) {
      if (!owners.has(m[1].toLowerCase())) owners.set(m[1].toLowerCase(), moduleOfMigration(name));
    }
  }
  return owners;
}

function crossModuleTables() {
  const owners = tableOwners();
  const found: { module: string; table: string; owner: string; file: string }[] = [];
  for (const file of moduleFiles) {
    const module = file.split('/src/server/modules/')[1].split('/')[0];
    const text = read(file);
    for (const m of text.matchAll(
      /\b(?:from|join|into|update|exists\s*\(\s*select[^)]*?from)\s+(?:public\.)?([a-z_][a-z0-9_]*)/gi,
    )) {
      const table = m[1].toLowerCase();
      const owner = owners.get(table);
      if (owner && owner !== module && owner !== 'foundation')
        found.push({ module, table, owner, file: relative(root, file) });
    }
    for (const m of text.matchAll(/to_regclass\('(?:public\.)?([a-z_]+)'\)/g)) {
      const owner = owners.get(m[1]);
      if (owner && owner !== module) found.push({ module, table: m[1], owner, file: relative(root, file) });
    }
  }
  const pairs = new Map<string, Set<string>>();
  for (const f of found) {
    const key = `${f.module} → ${f.owner}`;
    if (!pairs.has(key)) pairs.set(key, new Set());
    pairs.get(key)!.add(f.table);
  }
  return {
    references: found.length,
    pairs: Object.fromEntries([...pairs].map(([k, v]) => [k, [...v].sort()])),
  };
}

function thrownErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /new AppError\(\s*\d+\s*,\s*'([a-z][a-z0-9_.]*)'/g,
    /\b(?:badRequest|conflict)\(\s*'([a-z][a-z0-9_.]*)'/g,
    /\b(?:forbidden|unauthorized|notFound)\([^)]*?,\s*'([a-z][a-z0-9_.]*)'\s*\)/g,
  ];
  for (const file of serverFiles) {
    const text = read(file);
    for (const p of patterns) for (const m of text.matchAll(p)) codes.add(m[1]);
  }
  for (const fixed of ['validation_failed', 'forbidden', 'not_found', 'auth.required']) codes.add(fixed);
  return codes;
}

function flatten(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.add(prefix);
  return out;
}

/** Codes with a text in both languages: the web's `common:errors.*` keys, or the common catalogue. */
function untranslatedCodes() {
  const keysOf = (lang: string) => {
    const file = join(root, `src/web/modules/common/locales/${lang}.json`);
    return existsSync(file)
      ? flatten((JSON.parse(read(file)) as { errors?: unknown }).errors ?? {})
      : new Set<string>();
  };
  const fr = keysOf('fr');
  const en = keysOf('en');
  const catalogue = walk(join(root, 'src/common'))
    .filter((f) => isSource(f) && !isTest(f))
    .map(read)
    .join('\n');
  const inCatalogue = (code: string) =>
    catalogue.includes(`'${code}'`) ||
    catalogue.includes(`"${code}"`) ||
    new RegExp(`^\\s*${code.replace(/\./g, '\\.')}\\s*:\\s*\\{\\s*fr:`, 'm').test(catalogue);
  const codes = [...thrownErrorCodes()];
  const missing = codes.filter((code) => !(fr.has(code) && en.has(code)) && !inCatalogue(code));
  return { thrown: codes.length, untranslated: missing.length, missing: missing.sort() };
}

function lineFigures() {
  let literalApiPaths = 0;
  let anyCount = 0;
  for (const file of serverFiles) {
    const text = read(file);
    literalApiPaths += (text.match(/['"`]\/api\/v1/g) ?? []).length;
    anyCount += (text.match(/(:\s*any\b|\bas any\b|<any>|\bany\[\]|,\s*any>|<any,)/g) ?? []).length;
  }
  const allSource = walk(join(root, 'src')).filter(isSource);
  let longLines = 0;
  for (const file of allSource)
    longLines += read(file)
      .split('\n')
      .filter((l) => l.length > 160).length;
  return { literalApiPaths, anyInServer: anyCount, linesOver160: longLines };
}

function largestImportCycle() {
  const files = walk(join(root, 'src')).filter((f) => isSource(f) && !isTest(f));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const m of read(file).matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const base = resolve(dirname(file), m[1]).replace(/\.js$/, '');
      const candidate = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
        (c) => known.has(c),
      );
      if (candidate) targets.push(candidate);
    }
    edges.set(file, targets);
  }
  // Tarjan's strongly connected components, iteratively (deep graphs would overflow the stack).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let largest: string[] = [];
  let cycles = 0;
  const members: string[][] = [];
  for (const start of files) {
    if (idx.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    idx.set(start, index);
    low.set(start, index);
    index++;
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const next = edges.get(node)!;
      if (i < next.length) {
        frame[1]++;
        const to = next[i];
        if (!idx.has(to)) {
          idx.set(to, index);
          low.set(to, index);
          index++;
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, idx.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === idx.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) {
          cycles++;
          members.push(component.map((f) => relative(root, f)));
        }
        if (component.length > largest.length) largest = component;
      }
    }
  }
  return { cycles, largestCycleFiles: largest.length > 1 ? largest.length : 0, members };
}

const figures = {
  sql: sqlCalls(),
  crossModuleTables: crossModuleTables(),
  errorCodes: untranslatedCodes(),
  lines: lineFigures(),
  imports: largestImportCycle(),
};

if (process.argv.includes('--json')) console.log(JSON.stringify(figures, null, 2));
else {
  const { sql, crossModuleTables: cross, errorCodes, lines, imports } = figures;
  console.log(
    `SQL calls in modules           ${sql.total} (repositories ${sql.repository}, services ${sql.service} in ${sql.serviceFiles} files, routes ${sql.routes} in ${sql.routesFiles} files, loose ${sql.loose})`,
  );
  console.log(`SQL naming another module's    ${cross.references} references`);
  for (const [pair, tables] of Object.entries(cross.pairs)) console.log(`  ${pair}: ${tables.join(', ')}`);
  console.log(
    `error codes thrown             ${errorCodes.thrown}, without fr/en text ${errorCodes.untranslated}${errorCodes.missing.length ? ` (${errorCodes.missing.join(', ')})` : ''}`,
  );
  console.log(`literal /api/v1 in server      ${lines.literalApiPaths}`);
  console.log(`any in server code             ${lines.anyInServer}`);
  console.log(`source lines over 160 chars    ${lines.linesOver160}`);
  console.log(`import cycles                  ${imports.cycles}, largest ${imports.largestCycleFiles} files`);
  for (const cycle of imports.members) console.log(`  ${cycle.join(' <-> ')}`);
}
