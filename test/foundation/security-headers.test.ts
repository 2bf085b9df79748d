import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';

let t: TestApp;
let tls: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  tls = await createTestApp({ PUBLIC_URL: 'https://relais.example.fr' });
});
afterAll(async () => {
  await t.close();
  await tls.close();
});

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((part) => part[0])
      .map(([name, ...values]) => [name, values]),
  );

describe('security headers (issue 10, item 8)', () => {
  it('sends a strict Content-Security-Policy and the usual protections on the app and the API', async () => {
    for (const url of ['/', '/api/v1/health', '/api/v1/nowhere', '/api/docs/']) {
      const response = await t.anonymous().get(url);
      const csp = directives(String(response.headers['content-security-policy']));
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('img-src')).not.toContain('https:');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(String(response.headers['permissions-policy'])).toContain('camera=()');
      expect(response.headers['x-frame-options']).toBe('DENY');
      // Plain http (development, tests): no HSTS, no upgrade.
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    }
  });

  it('adds HSTS and upgrades requests when Relais is published over https', async () => {
    const response = await tls.anonymous().get('/api/v1/health');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(
      directives(String(response.headers['content-security-policy'])).has('upgrade-insecure-requests'),
    ).toBe(true);
  });

  it('lets mail clients load the open-tracking pixel from other origins', async () => {
    const response = await t.anonymous().get('/api/v1/t/o/not-a-token.gif');
    expect(response.headers['content-type']).toBe('image/gif');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});
