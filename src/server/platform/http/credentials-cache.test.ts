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
});
