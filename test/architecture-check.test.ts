import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchitecture, compareWithBaseline, type CheckResult } from '../scripts/check-architecture.js';

/**
 * The architecture gate must catch what it promises to catch. Each case plants one violation in a
 * small fixture tree (never the real one) and runs the check on it.
 */
let root: string;
let result: CheckResult;

function plant(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'relais-architecture-'));
  plant({
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' },
    }),
    // 01xx belongs to crm, 02xx to knowledge.
    'migrations/0100_crm.sql': 'create table accounts (id uuid primary key);\n',
    'migrations/0200_knowledge.sql':
      'create table knowledge_items (id uuid primary key);\ncreate view published_accounts as select id from accounts;\n',
    'src/server/main.ts': "import { start } from './modules/knowledge/index.js';\nstart();\n",
    'src/server/modules/knowledge/index.ts':
      "export { start } from './items.service.js';\nexport { routes } from './items.routes.js';\n",
    // (a) SQL in a routes file.
    'src/server/modules/knowledge/items.routes.ts':
      "import type { Db } from './types.js';\nexport const routes = (db: Db) =>\n  db.query('select id from knowledge_items');\n",
    // (b) knowledge names crm's table; the view it reads is fine, its own table too.
    'src/server/modules/knowledge/items.service.ts': [
      "import type { Db } from './types.js';",
      'export async function start(db?: Db) {',
      "  await db?.query('select id from knowledge_items');",
      "  await db?.query('select id from published_accounts');",
      "  await db?.query('select a.id from accounts a');",
      '}',
      '',
    ].join('\n'),
    // (c) a type-only import cycle.
    'src/server/modules/knowledge/types.ts':
      "import type { Item } from './item.js';\nexport interface Db { query(sql: string): Promise<Item[]> }\n",
    'src/server/modules/knowledge/item.ts':
      "import type { Db } from './types.js';\nexport interface Item { id: string; db?: Db }\n",
    // (d) two `any` in server code, one in a test (not counted).
    'src/server/platform/loose.ts': 'export const a: any = 1;\nexport const b = a as any;\n',
    'src/server/platform/loose.test.ts': 'export const c: any = 1;\n',
  });
  result = await checkArchitecture(root);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('architecture check', () => {
  it('fails on SQL in a routes file, with its file and line', () => {
    const { failures } = compareWithBaseline(result, { anyCeiling: 100, violations: {} });
    expect(failures.some((f) => f.startsWith('src/server/modules/knowledge/items.routes.ts:3 SQL'))).toBe(
      true,
    );
  });

  it("fails on a module naming another module's table, not on its own table or a published view", () => {
    const keys = result.violations.map((v) => v.key);
    expect(keys).toContain('foreign-table knowledge -> crm.accounts');
    expect(keys.filter((k) => k.startsWith('foreign-table'))).toHaveLength(1);
    const { failures } = compareWithBaseline(result, { anyCeiling: 100, violations: {} });
    expect(
      failures.some((f) => f.includes('items.service.ts:5 module knowledge names crm\'s table "accounts"')),
    ).toBe(true);
  });

  it('fails on an import cycle, type-only imports included', () => {
    const cycles = result.violations.filter((v) => v.key.startsWith('cycle '));
    expect(cycles.map((c) => c.key)).toEqual([
      'cycle src/server/modules/knowledge/item.ts > src/server/modules/knowledge/types.ts',
    ]);
  });

  it('counts `any` in server code outside tests against the ceiling', () => {
    expect(result.anyCount).toBe(2);
    expect(compareWithBaseline(result, { anyCeiling: 1, violations: {} }).failures.join('\n')).toMatch(
      /2 `any` in server code, ceiling 1/,
    );
  });

  it('tolerates what the baseline lists, and reports baseline entries that are gone', () => {
    const violations: Record<string, number> = {};
    for (const v of result.violations) violations[v.key] = (violations[v.key] ?? 0) + 1;
    violations['sql-in-routes push'] = 2;
    const { failures, gone } = compareWithBaseline(result, { anyCeiling: 2, violations });
    expect(failures).toEqual([]);
    expect(gone).toEqual(['sql-in-routes push (baseline 2, now 0)']);
  });

  it('fails when a known file gains one more violation than the baseline tolerates', () => {
    const violations: Record<string, number> = {};
    for (const v of result.violations) violations[v.key] = (violations[v.key] ?? 0) + 1;
    violations['sql-in-routes knowledge'] = 0;
    expect(compareWithBaseline(result, { anyCeiling: 2, violations }).failures).toHaveLength(1);
  });
});
