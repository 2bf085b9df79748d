import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding Relais' package.json. The server runs from its sources (tsx, tests)
 * or from its bundle in dist/server (npm start), so files shipped beside the code (migrations,
 * the built web app) are found from the project root, not from this file's own place.
 */
function findProjectRoot(from: string): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'migrations')))
      return directory;
    if (path.dirname(directory) === directory)
      throw new Error(`Relais' project root (package.json and migrations/) is not above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
