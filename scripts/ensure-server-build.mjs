// Bundles the server's TypeScript into dist/server/main.mjs when the bundle is missing or
// older than its sources, so `npm start` runs plain JavaScript: no compiler on every start
// (it cost seconds of each warm start). Packages stay in node_modules (external). Then builds
// the blank database template a first start on an empty DATA_DIR begins from
// (src/server/db/pglite-template.ts) when the migrations changed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestSourceTime } from './source-times.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bundle = path.join(root, 'dist/server/main.mjs');

const sources = [
  path.join(root, 'src/server'),
  path.join(root, 'src/common'),
  path.join(root, 'package-lock.json'),
];
const newest = Math.max(
  ...sources.map((source) =>
    statSync(source).isDirectory() ? newestSourceTime(source) : statSync(source).mtimeMs,
  ),
);
if (!existsSync(bundle) || newest > statSync(bundle).mtimeMs) {
  await build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

const migrations = path.join(root, 'migrations');
const templates = readdirSync(path.join(root, 'dist/server')).filter((name) =>
  name.startsWith('pglite-blank-'),
);
const newestTemplate = Math.max(
  0,
  ...templates.map((name) => statSync(path.join(root, 'dist/server', name)).mtimeMs),
);
if (newestSourceTime(migrations) > newestTemplate) {
  execFileSync(process.execPath, [bundle, 'build-template'], { cwd: root, stdio: 'inherit' });
}
