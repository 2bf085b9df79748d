/**
 * The architecture gate run by `npm run lint` (so by `npm test`). It fails, naming file:line, on
 *   (a) SQL (`.query(` / `.exec(`) in a `*.routes.ts` file: routes speak HTTP, repositories SQL;
 *   (b) SQL in src/server/modules/<m> naming a table another module owns (owner = the migration
 *       number range that creates it, see architecture-scan.ts);
 *   (c) an import cycle, type-only imports included (dpdm from the server and web entries);
 *   (d) more `any` in server code (tests excepted) than the ceiling.
 * Known violations are listed in scripts/architecture-baseline.json while the modules are being
 * reshaped: the check fails only on what is not in the baseline (or exceeds its count), and says
 * which baseline entries are gone so the baseline can be shortened.
 *
 * Usage: tsx scripts/check-architecture.ts [--root <dir>] [--baseline <file>] [--write-baseline]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import {
  anyUses,
  fileKind,
  foreignTables,
  moduleOf,
  read,
  serverFiles,
  sqlCalls,
} from './architecture-scan.js';

export interface Violation {
  /** Stable identity, without line numbers, used by the baseline. */
  key: string;
  /** Where and what, for people: `file:line message`. */
  message: string;
}

export interface Baseline {
  /** Highest number of `any` allowed in server code (0 since the server code was typed: keep it there). */
  anyCeiling: number;
  /** Known violations: key → how many occurrences are tolerated. */
  violations: Record<string, number>;
}

export interface CheckResult {
  violations: Violation[];
  anyCount: number;
  anyLines: string[];
}

const ENTRIES = ['src/server/main.ts', 'src/web/main.tsx'];

/**
 * The part of dpdm's API used here. Loaded through require with these local types: importing
 * dpdm's own declarations into the program made tsc lose Fastify's request augmentation in
 * unrelated files (seen with TypeScript 5.9).
 */
type DependencyTree = Record<string, ReadonlyArray<{ id: string | null }> | null>;
const { parseCircular, parseDependencyTree } = createRequire(import.meta.url)('dpdm') as {
  parseDependencyTree(
    entries: string[],
    options: {
      cwd: string;
      context: string;
      transform: boolean;
      skipDynamicImports: boolean;
      exclude: RegExp;
      tsconfig?: string;
    },
  ): Promise<DependencyTree>;
  parseCircular(tree: DependencyTree): string[][];
};

/**
 * Baseline keys name a module (or server area), not a file, so that moving files inside a module
 * keeps its known violations known; the messages still name file and line.
 */
function area(rel: string): string {
  return moduleOf('/' + rel) ?? rel.split('/').slice(0, 3).join('/');
}

/** (a) SQL calls in routes files. */
function sqlInRoutes(root: string, files: string[]): Violation[] {
  const out: Violation[] = [];
  for (const file of files.filter((f) => fileKind(f) === 'routes')) {
    const rel = relative(root, file);
    for (const line of sqlCalls(read(file)))
      out.push({
        key: `sql-in-routes ${area(rel)}`,
        message: `${rel}:${line} SQL in a routes file: move it to a *.repository.ts and call it through the service`,
      });
  }
  return out;
}

/** (b) SQL naming another module's table. */
function crossModuleSql(root: string, files: string[]): Violation[] {
  return foreignTables(root, files).map((f) => ({
    key: `foreign-table ${f.module} -> ${f.owner}.${f.table}`,
    message: `${f.file}:${f.line} module ${f.module} names ${f.owner}'s table "${f.table}": call ${f.owner}'s index.ts (or read a view it publishes)`,
  }));
}

/** (c) Import cycles from the server and web entries, type-only imports included. */
async function importCycles(root: string): Promise<Violation[]> {
  const entries = ENTRIES.filter((e) => existsSync(join(root, e)));
  if (!entries.length) return [];
  const tree = await parseDependencyTree(entries, {
    cwd: root,
    context: root,
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
    tsconfig: existsSync(join(root, 'tsconfig.json')) ? join(root, 'tsconfig.json') : undefined,
  });
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const cycle of parseCircular(tree)) {
    const files = cycle.map((f) => relative(root, resolve(root, f)));
    // The same cycle can be found from different starting files: name it from its smallest member.
    const start = files.indexOf([...files].sort()[0]);
    const canonical = [...files.slice(start), ...files.slice(0, start)];
    const key = `cycle ${canonical.join(' > ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      key,
      message: `${canonical[0]}:1 import cycle ${[...canonical, canonical[0]].join(' -> ')}: make one side depend on a type it owns, or move the shared type down`,
    });
  }
  return out;
}

/** (d) `any` in server code. */
function anyInServer(root: string, files: string[]): { count: number; lines: string[] } {
  const lines: string[] = [];
  for (const file of files)
    for (const line of anyUses(read(file))) lines.push(`${relative(root, file)}:${line}`);
  return { count: lines.length, lines };
}

/** Runs every check on the tree at `root`. */
export async function checkArchitecture(root: string): Promise<CheckResult> {
  const files = serverFiles(root);
  const anys = anyInServer(root, files);
  return {
    violations: [...sqlInRoutes(root, files), ...crossModuleSql(root, files), ...(await importCycles(root))],
    anyCount: anys.count,
    anyLines: anys.lines,
  };
}

/** Compares a result with the baseline: what fails, and which baseline entries are gone. */
export function compareWithBaseline(result: CheckResult, baseline: Baseline) {
  const byKey = new Map<string, Violation[]>();
  for (const v of result.violations) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  const failures: string[] = [];
  for (const [key, found] of byKey) {
    const tolerated = baseline.violations[key] ?? 0;
    if (found.length > tolerated)
      failures.push(
        ...found.map((v) => v.message + (tolerated ? ` (baseline tolerates ${tolerated} of "${key}")` : '')),
      );
  }
  if (result.anyCount > baseline.anyCeiling)
    failures.push(
      `${result.anyCount} \`any\` in server code, ceiling ${baseline.anyCeiling}: type them (unknown, a real type, a generic). Where they are:\n    ${result.anyLines.join('\n    ')}`,
    );
  const gone = Object.entries(baseline.violations)
    .filter(([key, count]) => (byKey.get(key)?.length ?? 0) < count)
    .map(([key, count]) => `${key} (baseline ${count}, now ${byKey.get(key)?.length ?? 0})`);
  return { failures, gone };
}

function baselineFrom(result: CheckResult): Baseline {
  const violations: Record<string, number> = {};
  for (const v of result.violations) violations[v.key] = (violations[v.key] ?? 0) + 1;
  return {
    anyCeiling: result.anyCount,
    violations: Object.fromEntries(Object.entries(violations).sort(([a], [b]) => a.localeCompare(b))),
  };
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const root = resolve(arg('--root') ?? join(dirname(new URL(import.meta.url).pathname), '..'));
  const baselineFile = resolve(arg('--baseline') ?? join(root, 'scripts/architecture-baseline.json'));
  const result = await checkArchitecture(root);
  if (process.argv.includes('--write-baseline')) {
    writeFileSync(baselineFile, JSON.stringify(baselineFrom(result), null, 2) + '\n');
    console.log(`architecture baseline written to ${relative(process.cwd(), baselineFile)}`);
    return;
  }
  const baseline: Baseline = existsSync(baselineFile)
    ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline)
    : { anyCeiling: 0, violations: {} };
  const { failures, gone } = compareWithBaseline(result, baseline);
  if (gone.length)
    console.log(
      `architecture: ${gone.length} baseline entr${gone.length === 1 ? 'y is' : 'ies are'} fixed, remove ${gone.length === 1 ? 'it' : 'them'} from ${relative(root, baselineFile)}:\n  ${gone.join('\n  ')}`,
    );
  if (result.anyCount < baseline.anyCeiling)
    console.log(
      `architecture: ${result.anyCount} \`any\` in server code, lower anyCeiling to it (now ${baseline.anyCeiling})`,
    );
  if (failures.length) {
    console.error(`architecture check failed (${failures.length}):\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `architecture check passed (${result.violations.length} known violations in the baseline, ${result.anyCount} any)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
