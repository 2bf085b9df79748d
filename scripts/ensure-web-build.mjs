// Builds the web app when dist/web is missing or older than its sources, so `npm start`
// on a fresh clone serves the UI without any other command.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestSourceTime } from './source-times.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const builtIndex = path.join(root, 'dist/web/index.html');

const sources = [path.join(root, 'src/web'), path.join(root, 'src/common')];
const stale =
  !existsSync(builtIndex) || sources.some((dir) => newestSourceTime(dir) > statSync(builtIndex).mtimeMs);
if (stale) {
  console.log('[relais] building the web app (first start or changed sources)…');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}
