import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

// OWASP's argon2id baseline (19 MiB, 2 passes): ~40 ms here, costly enough for guessing.
// 2 = Argon2id in @node-rs/argon2's Algorithm enum (a const enum, not importable under isolatedModules).
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random secret for cookies, invites and API tokens (URL-safe). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Secrets are stored only as SHA-256: a database leak reveals no usable credential. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const API_TOKEN_PREFIX = 'rls_';
