import { describe, expect, it, vi } from 'vitest';
import { createServerEventBus, reconnectDelay } from './server-event-bus';

describe('server event bus', () => {
  it('delivers parsed data to the subscribers of a type until they unsubscribe', () => {
    const bus = createServerEventBus();
    const handler = vi.fn();
    const unsubscribe = bus.subscribe('notification.created', handler);
    bus.dispatch('notification.created', '{"notificationId":"n1"}');
    bus.dispatch('offer.created', '{}');
    unsubscribe();
    bus.dispatch('notification.created', '{}');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ notificationId: 'n1' });
  });

  it('announces new types once so the live connection can listen to them', () => {
    const bus = createServerEventBus();
    const listener = vi.fn();
    bus.onNewType(listener);
    bus.subscribe('a', () => undefined);
    bus.subscribe('a', () => undefined);
    bus.subscribe('b', () => undefined);
    expect(listener.mock.calls.map((call) => call[0])).toEqual(['a', 'b']);
    expect(bus.types()).toEqual(['a', 'b']);
  });

  it('keeps other handlers running when one throws, and passes non-JSON data through', () => {
    const bus = createServerEventBus();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    bus.subscribe('x', () => {
      throw new Error('bad');
    });
    bus.subscribe('x', good);
    bus.dispatch('x', 'plain text');
    expect(good).toHaveBeenCalledWith('plain text');
    errors.mockRestore();
  });
});

describe('reconnectDelay', () => {
  it('backs off exponentially up to 30 s', () => {
    const middle = () => 0.5;
    expect(reconnectDelay(0, middle)).toBe(1000);
    expect(reconnectDelay(3, middle)).toBe(8000);
    expect(reconnectDelay(10, middle)).toBe(30_000);
  });
});
