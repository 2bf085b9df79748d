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
/**
 * Answers kept for a few seconds by key. A lookup in flight is shared: when an entry expires
 * under load, the requests of that instant wait for one load instead of each running its own.
 */
class ShortCache<T> {
  private readonly entries = new Map<
    string,
    { value: Promise<T>; expires: number; settled?: { value: T } }
  >();

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
    const value = load();
    const entry: { value: Promise<T>; expires: number; settled?: { value: T } } = {
      value,
      expires: Date.now() + CACHE_MS,
    };
    this.entries.set(key, entry);
    value.then(
      (answer) => (entry.settled = { value: answer }),
      // A failed load is not kept: the next request tries again.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** The answer kept for `key` once its lookup has finished (no promise to wait for), if still fresh. */
  peek(key: string): { value: T } | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > Date.now() ? hit.settled : undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export class CredentialsCache {
  private readonly credentials = new ShortCache<ResolvedCredentials>();
  private readonly ownRecords = new ShortCache<unknown>();

  /** The cached resolution of `key`, or `load()`'s, kept for a few seconds. */
  get(key: string, load: () => Promise<ResolvedCredentials>): Promise<ResolvedCredentials> {
    return this.credentials.get(key, load);
  }

  /**
   * The cached resolution of `key` when its lookup has finished, without waiting: most requests
   * of a signed-in user are then authenticated with no promise at all (the hot path).
   */
  peek(key: string): { value: ResolvedCredentials } | undefined {
    return this.credentials.peek(key);
  }

  /**
   * A user's own record as answered to them (`GET /api/v1/me`, read on every page), kept as
   * long as the credentials that show who they are: it comes from the same row, so it is never
   * staler than the actor itself, and `forget()` drops it with them when a user changes.
   */
  ownRecord<T>(userId: string, load: () => Promise<T>): Promise<T> {
    return this.ownRecords.get(userId, load) as Promise<T>;
  }

  /** Forgets one credential (by hash), or everything (a role or an account changed). */
  forget(credentialHash?: string): void {
    if (credentialHash) {
      this.credentials.delete(`s:${credentialHash}`);
      this.credentials.delete(`t:${credentialHash}`);
    } else {
      this.credentials.clear();
      this.ownRecords.clear();
    }
  }
}
