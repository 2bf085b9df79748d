import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.mjs');

/** Builds the server bundle as `npm start` does before starting it (not part of the start timed). */
export async function ensureServerBundle(): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, [path.join(ROOT, 'scripts/ensure-server-build.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    })
      .once('error', reject)
      .once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`server build exited with ${code}`)),
      ),
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a server started the way `npm start` starts it, on `dataDir` and `port` (never a DATABASE_URL from outside). */
function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  for (const key of ['DATABASE_URL', 'RELAIS_DEMO', 'RELAIS_DEMO_SIZE', 'LOG_LEVEL']) delete env[key];
  return env;
}

export type Started = {
  child: ChildProcess;
  /** From spawn to the first 200 of /api/v1/health. */
  healthyMs: number;
  /** The server's own `[relais] …` lines, with their time since spawn. */
  lines: { atMs: number; text: string }[];
  stop(): Promise<void>;
};

/**
 * Spawns what `npm start` runs once the web app and the server bundle are built
 * (`node dist/server/main.mjs start`) and waits until it answers health.
 */
export async function startServer(dataDir: string, timeoutMs = 300_000): Promise<Started> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [SERVER_BUNDLE, 'start'], {
    cwd: ROOT,
    env: serverEnv(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Started['lines'] = [];
  let exited: string | null = null;
  let pending = '';
  const collect = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let cut: number;
    while ((cut = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, cut);
      pending = pending.slice(cut + 1);
      if (text.startsWith('[relais]')) lines.push({ atMs: performance.now() - spawnedAt, text });
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(killed);
  };
  for (;;) {
    if (exited)
      throw new Error(
        `the server ${exited} before answering health: ${lines.map((line) => line.text).join(' / ')}`,
      );
    if (performance.now() - spawnedAt > timeoutMs) {
      await stop();
      throw new Error(`the server did not answer health within ${timeoutMs / 1000} s`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { child, healthyMs: performance.now() - spawnedAt, lines, stop };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type Memory = { pid: number; command: string; rssMb: number; anonMb: number; fileMb: number };

async function memoryOf(pid: number): Promise<Memory | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (!status) return null;
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) / 1024;
  const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''))
    .split('\0')
    .join(' ')
    .trim();
  return { pid, command, rssMb: kb('VmRSS'), anonMb: kb('RssAnon'), fileMb: kb('RssFile') };
}

/** The resident memory of `pid` and every process below it (a launcher such as tsx starts the server as its child). */
export async function treeMemory(
  pid: number,
): Promise<{ processes: Memory[]; totalMb: number; server: Memory | null }> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat) parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  const processes = (await Promise.all(tree.map(memoryOf))).filter(
    (memory): memory is Memory => memory !== null,
  );
  // The server is the deepest process running main.ts or its bundle (a launcher only relays signals).
  const server = [...processes].reverse().find((memory) => /main\.(ts|mjs)\b/.test(memory.command)) ?? null;
  return { processes, totalMb: processes.reduce((sum, memory) => sum + memory.rssMb, 0), server };
}

/** Runs a TypeScript file with tsx and returns its stdout (the probes print JSON). */
export function runTsx(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${file} exited with ${code}`)),
    );
  });
}
