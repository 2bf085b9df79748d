import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { NETWORK_NOTIFICATION_ID, notificationIdFor } from './notify';

describe('error notifications', () => {
  it('every network failure shares one notification id (offline, two failures show one toast)', () => {
    const offline = () => new ApiError({ title: 'Network error', status: 0, code: 'network' });
    expect(notificationIdFor(offline())).toBe(NETWORK_NOTIFICATION_ID);
    expect(notificationIdFor(offline())).toBe(notificationIdFor(offline()));
    expect(notificationIdFor(new ApiError({ title: 'Conflict', status: 409, code: 'x' }))).toBeUndefined();
    expect(notificationIdFor(new Error('boom'))).toBeUndefined();
  });
});
