// Bundles the server's TypeScript and the packages it uses into dist/server/main.mjs (plus
// chunks/ for what loads on demand) when the bundle is missing or older than its sources, so
// `npm start` runs plain JavaScript: no compiler on every start, and no resolving and reading
// of hundreds of package files (together they cost over a second of each warm start). Code
// reached only through `await import(...)` (demo data, CSV and vCard readers, the PostgreSQL
// driver, nodemailer, backups) lands in chunks a start never reads. Packages that find files
// beside their own code stay in node_modules. Then builds the blank database template a first
// start on an empty DATA_DIR begins from (src/server/db/pglite-template.ts) when the
// migrations changed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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
// Found beside their own files at run time: PGlite (WebAssembly, data), argon2 (native), the
// API explorer's static assets; pg-native is an optional driver pg never asks for here.
const external = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@node-rs/argon2',
  '@fastify/swagger-ui',
  'pg-native',
];

if (!existsSync(bundle) || newest > statSync(bundle).mtimeMs) {
  rmSync(path.join(root, 'dist/server/chunks'), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    outdir: path.join(root, 'dist/server'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // CommonJS packages inside an ES module bundle still call require() for Node's modules.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
    },
    // Not loaded by default (it costs about 0.3 s of each start); NODE_OPTIONS=--enable-source-maps uses them.
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
