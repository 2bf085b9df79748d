// Bundles the server's TypeScript into dist/server/main.mjs when the bundle is missing or
// older than its sources, so `npm start` runs plain JavaScript: no compiler on every start
// (it cost seconds of each warm start). Packages stay in node_modules (external).
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bundle = path.join(root, 'dist/server/main.mjs');

function newestSourceTime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

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
