// The newest modification time under a directory: the build scripts rebuild what is older.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function newestSourceTime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}
