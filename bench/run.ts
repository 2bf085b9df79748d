import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [name…]`: runs every `bench/<name>/index.ts` (each exports
 * `run(): Promise<void>` and prints its own figures), or only the named ones.
 * Figures are printed, never asserted: compare them within one run.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = (await readdir(here, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && (wanted.length === 0 || wanted.includes(entry.name)))
  .map((entry) => entry.name)
  .sort();

console.log(
  `Relais bench — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
for (const name of names) {
  const file = path.join(here, name, 'index.ts');
  const bench = await import(file).catch(() => null);
  if (!bench?.run) continue;
  console.log(`\n## ${name}`);
  const started = Date.now();
  await bench.run();
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(0);
