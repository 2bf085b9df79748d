import type { Actor } from '../../db/access.js';

/** How a request proved who it is; `credentialId` is the session's or token's hash. */
export type Authentication = { method: 'cookie' | 'token'; credentialId: string; csrfToken?: string };
/** What a session cookie or bearer token resolves to; null when it is not (or no longer) valid. */
export type ResolvedCredentials = { actor: Actor; auth: Authentication } | null;

// Requests in a burst share one lookup; a role change or revocation takes effect within this.
const CACHE_MS = 3_000;
const MAX_ENTRIES = 10_000;

/**
 * The short cache of resolved credentials, keyed by credential hash. It lives on `AppDeps` so
 * that whoever changes a user, a session or a token (identity's routes, tests) can make the
 * change count at once with `forget()`.
 */
export class CredentialsCache {
  private readonly entries = new Map<string, { value: ResolvedCredentials; expires: number }>();
  private readonly ownRecords = new Map<string, { value: unknown; expires: number }>();

  /** The cached resolution of `key`, or `load()`'s, kept for a few seconds. */
  async get(key: string, load: () => Promise<ResolvedCredentials>): Promise<ResolvedCredentials> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await load();
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + CACHE_MS });
    return value;
  }

  /**
   * A user's own record as answered to them (`GET /api/v1/me`, read on every page), kept as
   * long as the credentials that show who they are: it comes from the same row, so it is never
   * staler than the actor itself, and `forget()` drops it with them when a user changes.
   */
  async ownRecord<T>(userId: string, load: () => Promise<T>): Promise<T> {
    const hit = this.ownRecords.get(userId);
    if (hit && hit.expires > Date.now()) return hit.value as T;
    const value = await load();
    if (this.ownRecords.size > MAX_ENTRIES) this.ownRecords.clear();
    this.ownRecords.set(userId, { value, expires: Date.now() + CACHE_MS });
    return value;
  }

  /** Forgets one credential (by hash), or everything (a role or an account changed). */
  forget(credentialHash?: string): void {
    if (credentialHash) {
      this.entries.delete(`s:${credentialHash}`);
      this.entries.delete(`t:${credentialHash}`);
    } else {
      this.entries.clear();
      this.ownRecords.clear();
    }
  }
}
