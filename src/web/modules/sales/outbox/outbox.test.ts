import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../app/api/client';
import type { OutboxEntry } from '../../../app/offline/outbox-store';

// The phone's outbox (IndexedDB) and the API, replaced by memory: what is sent, once, and when.
const store = new Map<string, OutboxEntry>();
vi.mock('../../../app/offline/outbox-store', () => ({
  outboxEntries: async (userId: string) => [...store.values()].filter((entry) => entry.userId === userId),
  putOutboxEntry: async (entry: OutboxEntry) => void store.set(entry.key, entry),
  deleteOutboxEntry: async (key: string) => void store.delete(key),
}));
const api = { createActivity: vi.fn(), completeActivity: vi.fn() };
vi.mock('../queries', () => ({
  createActivity: (...args: unknown[]) => api.createActivity(...args),
  completeActivity: (...args: unknown[]) => api.completeActivity(...args),
}));
const { keepForLater, sendOutbox } = await import('./outbox');

const network = () => new ApiError({ title: 'Network error', status: 0, code: 'network' });

beforeEach(() => {
  store.clear();
  api.createActivity.mockReset();
  api.completeActivity.mockReset();
  vi.stubGlobal('navigator', {});
});

describe('offline quick capture outbox (UX-2)', () => {
  it('sends a new activity with its idempotency key and a planned visit completion, then forgets them', async () => {
    await keepForLater('u1', 'Visite', { key: 'k1', body: { accountId: 'a1', subject: 'Visite' } });
    await keepForLater('u1', 'Compte rendu', { key: 'k2', completes: 'v1', body: { subject: 'CR' } });
    await keepForLater('u2', 'Not mine', { key: 'k3', body: { accountId: 'a2' } });
    api.createActivity.mockResolvedValue({ id: 'x' });
    api.completeActivity.mockResolvedValue({ id: 'v1' });
    expect(await sendOutbox('u1')).toBe(2);
    expect(api.createActivity).toHaveBeenCalledWith({
      accountId: 'a1',
      subject: 'Visite',
      idempotencyKey: 'k1',
    });
    expect(api.completeActivity).toHaveBeenCalledWith('v1', { subject: 'CR' });
    expect([...store.keys()]).toEqual(['k3']);
  });

  it('keeps everything while the network is still missing', async () => {
    await keepForLater('u1', 'Visite', { key: 'k1', body: { accountId: 'a1' } });
    await keepForLater('u1', 'Appel', { key: 'k2', body: { accountId: 'a1', kind: 'call' } });
    api.createActivity.mockRejectedValue(network());
    expect(await sendOutbox('u1')).toBe(0);
    expect(api.createActivity).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(2);
  });

  it('takes "already logged" as sent for a completion whose first answer was lost', async () => {
    await keepForLater('u1', 'Compte rendu', { key: 'k1', completes: 'v1', body: {} });
    api.completeActivity.mockRejectedValue(
      new ApiError({ title: 'Conflict', status: 409, code: 'activity.already_done' }),
    );
    expect(await sendOutbox('u1')).toBe(1);
    expect(store.size).toBe(0);
  });

  it('keeps a capture the server refuses, with why, and does not send it again', async () => {
    await keepForLater('u1', 'Visite', { key: 'k1', body: { accountId: 'gone' } });
    await keepForLater('u1', 'Appel', { key: 'k2', body: { accountId: 'a1' } });
    api.createActivity
      .mockRejectedValueOnce(new ApiError({ title: 'Bad', status: 400, code: 'validation_failed' }))
      .mockResolvedValueOnce({ id: 'x' });
    expect(await sendOutbox('u1')).toBe(1);
    expect(store.get('k1')?.error).toBe('validation_failed');
    expect(await sendOutbox('u1')).toBe(0);
    expect(api.createActivity).toHaveBeenCalledTimes(2);
  });

  it('two triggers at once (online event, app start) make one sender: each capture is sent once', async () => {
    await keepForLater('u1', 'Visite', { key: 'k1', body: { accountId: 'a1' } });
    let release!: () => void;
    api.createActivity.mockImplementation(() => new Promise((resolve) => (release = () => resolve({}))));
    const first = sendOutbox('u1');
    const second = sendOutbox('u1');
    await vi.waitFor(() => expect(api.createActivity).toHaveBeenCalled());
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(api.createActivity).toHaveBeenCalledTimes(1);
  });
});
