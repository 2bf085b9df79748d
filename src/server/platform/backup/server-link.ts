import { randomUUID } from 'node:crypto';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.js';

/*
 * PGlite is one process's database: a second process opening DATA_DIR/pglite while the server
 * runs would see stale pages and could damage them on close. So a server on PGlite writes its
 * pid to DATA_DIR/relais.pid, and `relais backup` asks THAT process to write the archive (a
 * request file and SIGUSR2); the backup then runs on the server's own connection, in one
 * transaction the server's writes queue behind. Progress comes back through a log file.
 */
const PID_FILE = 'relais.pid';
const REQUEST_FILE = 'backup-request.json';
const DONE = '#done';
const FAILED = '#error ';

const progressFile = (dataDir: string, id: string) => path.join(dataDir, `.backup-${id}.log`);

/** The pid of a Relais server running on this DATA_DIR with PGlite, if any. */
export async function runningServer(dataDir: string): Promise<number | null> {
  const text = await readFile(path.join(dataDir, PID_FILE), 'utf8').catch(() => null);
  const pid = Number(text);
  if (!text || !Number.isInteger(pid) || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // left by a server that was killed
  }
}

export type DataDirClaim = {
  /** From now on backup requests run on `db` (those that came earlier run now). */
  serve(db: Database): void;
  release(): Promise<void>;
};

/**
 * Called by `relais start` on PGlite before it opens the database: announces the server (so
 * no other process opens DATA_DIR/pglite) and answers backup requests once `serve` gives it
 * the database. The signal handler is there from the start: an unhandled SIGUSR2 would end
 * the process.
 */
export async function claimDataDir(options: {
  dataDir: string;
  relaisVersion: string;
}): Promise<DataDirClaim> {
  const { dataDir } = options;
  await writeFile(path.join(dataDir, PID_FILE), String(process.pid));
  let database: Database | undefined;
  let pending = false;
  let busy = false;
  const handle = async () => {
    if (busy || !database) return;
    busy = true;
    pending = false;
    const request = await readFile(path.join(dataDir, REQUEST_FILE), 'utf8')
      .then((text) => JSON.parse(text) as { id: string; file: string })
      .catch(() => null);
    await rm(path.join(dataDir, REQUEST_FILE), { force: true });
    if (request && /^[0-9a-f-]{36}$/.test(request.id)) {
      const out = progressFile(dataDir, request.id);
      const log = (line: string) => void appendFile(out, `${line}\n`).catch(() => undefined);
      try {
        // The archive code (tar) loads when a backup is asked for, not on every start.
        const { createBackup } = await import('./backup.js');
        await createBackup({
          db: database,
          dataDir,
          file: request.file,
          relaisVersion: options.relaisVersion,
          log,
        });
        await appendFile(out, `${DONE}\n`);
      } catch (error) {
        await appendFile(out, `${FAILED}${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    busy = false;
    if (pending) void handle();
  };
  const listener = () => {
    pending = true;
    void handle();
  };
  process.on('SIGUSR2', listener);
  return {
    serve(db) {
      database = db;
      if (pending) void handle();
    },
    async release() {
      process.off('SIGUSR2', listener);
      await rm(path.join(dataDir, PID_FILE), { force: true });
    },
  };
}

/** Asks the running server `pid` for a backup to `file`, printing its progress as it comes. */
export async function backupThroughServer(
  dataDir: string,
  pid: number,
  file: string,
  log: (message: string) => void,
  timeoutMs = 60 * 60_000,
): Promise<void> {
  const id = randomUUID();
  const out = progressFile(dataDir, id);
  await writeFile(out, '');
  await writeFile(path.join(dataDir, REQUEST_FILE), JSON.stringify({ id, file }));
  process.kill(pid, 'SIGUSR2');
  let printed = 0;
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const lines = (await readFile(out, 'utf8')).split('\n').filter(Boolean);
      for (const line of lines.slice(printed)) {
        if (line === DONE) return;
        if (line.startsWith(FAILED))
          throw new Error(`the server could not write the backup: ${line.slice(FAILED.length)}`);
        log(line);
      }
      printed = lines.length;
      await sleep(200);
    }
    throw new Error(`the running server (process ${pid}) did not finish the backup in time.`);
  } finally {
    await rm(out, { force: true });
  }
}
