import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { create, extract } from 'tar';
import type { SequenceState, TableSummary } from './backup.repository.js';

export const MANIFEST_NAME = 'manifest.json';
const FORMAT = 'relais-backup';
const FORMAT_VERSION = 1;

/** What an archive says about itself; restore checks its data against it. */
export type BackupManifest = {
  format: typeof FORMAT;
  formatVersion: number;
  relaisVersion: string;
  createdAt: string;
  source: { engine: 'pglite' | 'postgres'; serverVersion: string };
  /** The last migration applied: the schema version. */
  schemaVersion: string;
  migrations: string[];
  tables: Record<string, TableSummary>;
  sequences: Record<string, SequenceState>;
  files: { count: number; bytes: number };
};

export const newManifestBase = { format: FORMAT, formatVersion: FORMAT_VERSION } as const;

/** Refused archives, with the words the command prints (exit code 1). */
export class BackupError extends Error {}

/** Packs the staging directory (manifest, database/, files/) into one .tar.gz. */
export async function packArchive(staging: string, file: string): Promise<void> {
  const entries = (await readdir(staging)).sort();
  await create({ gzip: true, file, cwd: staging, portable: true }, entries);
}

export async function unpackArchive(file: string, staging: string): Promise<BackupManifest> {
  const found = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!found) throw new BackupError(`No archive at ${file}.`);
  try {
    // strict: a damaged archive stops here instead of restoring half of it.
    await extract({ file, cwd: staging, strict: true });
  } catch (error) {
    throw new BackupError(
      `${file} is not a readable Relais archive (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const text = await readFile(path.join(staging, MANIFEST_NAME), 'utf8').catch(() => null);
  if (!text) throw new BackupError(`${file} holds no ${MANIFEST_NAME}: it is not a Relais backup.`);
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.format !== FORMAT) throw new BackupError(`${file} is not a Relais backup.`);
  if (manifest.formatVersion > FORMAT_VERSION) {
    throw new BackupError(
      `${file} was written by a newer Relais (${manifest.relaisVersion}, archive format ${manifest.formatVersion}). Install that version or later to restore it.`,
    );
  }
  return manifest;
}

/** The uploaded files of a file store (`<aa>/<sha256>`), temporary files left out. */
export async function listStoredFiles(filesDir: string): Promise<string[]> {
  const found: string[] = [];
  const prefixes = await readdir(filesDir).catch(() => [] as string[]);
  for (const prefix of prefixes.sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of (await readdir(path.join(filesDir, prefix))).sort()) {
      if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(prefix)) found.push(`${prefix}/${name}`);
    }
  }
  return found;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
