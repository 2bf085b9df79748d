import { describe, expect, it } from 'vitest';
import { CredentialsCache } from './credentials-cache.js';

const actor = { userId: 'u1' } as never;

describe('CredentialsCache', () => {
  it('shares one lookup among the requests of a burst, and keeps its answer for a few seconds', async () => {
    const cache = new CredentialsCache();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { actor, auth: { method: 'token' as const, credentialId: 'c1' } };
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get('t:c1', load)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await cache.get('t:c1', load);
    expect(loads).toBe(1);
  });

  it('does not keep a failed lookup, and forgets on demand (a user changed)', async () => {
    const cache = new CredentialsCache();
    await expect(cache.ownRecord('u1', () => Promise.reject(new Error('database down')))).rejects.toThrow();
    expect(await cache.ownRecord('u1', async () => 'me v1')).toBe('me v1');
    expect(await cache.ownRecord('u1', async () => 'me v2')).toBe('me v1');
    cache.forget();
    expect(await cache.ownRecord('u1', async () => 'me v2')).toBe('me v2');
  });

  it('answers a finished lookup at once (peek), never one in flight or a failed one', async () => {
    const cache = new CredentialsCache();
    const resolved = { actor, auth: { method: 'token' as const, credentialId: 'c2' } };
    let release: () => void = () => {};
    const pending = cache.get('t:c2', () => new Promise((resolve) => (release = () => resolve(resolved))));
    expect(cache.peek('t:c2')).toBeUndefined();
    release();
    await pending;
    expect(cache.peek('t:c2')).toEqual({ value: resolved });
    cache.forget('c2');
    expect(cache.peek('t:c2')).toBeUndefined();
    await cache.get('t:c3', async () => null);
    expect(cache.peek('t:c3')).toEqual({ value: null });
    await expect(cache.get('t:c4', () => Promise.reject(new Error('down')))).rejects.toThrow();
    expect(cache.peek('t:c4')).toBeUndefined();
  });
});
