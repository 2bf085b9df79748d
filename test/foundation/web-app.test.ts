import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';

// A stand-in for the Vite build, so the test does not depend on `dist/web` being built.
let webDist: string;
let t: TestApp;
beforeAll(async () => {
  webDist = await mkdtemp(path.join(os.tmpdir(), 'relais-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Relais</title><div id="root"></div>',
  );
  await writeFile(path.join(webDist, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(webDist, 'sw.js'), "importScripts('/push-sw.js');");
  await writeFile(path.join(webDist, 'manifest.webmanifest'), '{"name":"Relais"}');
  t = await createTestApp({}, { webDist });
});
afterAll(async () => {
  await t.close();
  await rm(webDist, { recursive: true, force: true });
});

describe('the web app is served on every client route', () => {
  it('serves the app at the root URL, signed in or not', async () => {
    for (const client of [t.anonymous(), await t.login('rep@relais.demo')]) {
      const response = await client.get('/');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves the app on client routes, assets as files and a missing asset as a 404', async () => {
    const anonymous = t.anonymous();
    for (const route of ['/login', '/accounts/new', '/knowledge/not-a-uuid']) {
      const response = await anonymous.get(route);
      expect(response.statusCode, route).toBe(200);
      expect(response.body).toContain('<div id="root">');
    }
    const asset = await anonymous.get('/assets/app-1234.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await anonymous.get('/assets/missing.js')).statusCode).toBe(404);
  });
});

describe('the installable app (UX-2)', () => {
  it('serves the service worker fresh at the root, under a policy that lets it run', async () => {
    const anonymous = t.anonymous();
    const worker = await anonymous.get('/sw.js');
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    // A cached worker would keep an old app on phones: the browser must ask every time.
    expect(worker.headers['cache-control']).toBe('no-cache');
    const policy = String(worker.headers['content-security-policy']);
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    // The push handlers it imports are same-origin and public too.
    expect((await anonymous.get('/push-sw.js')).statusCode).toBe(200);
  });

  it('serves the web manifest as a manifest, allowed by the policy', async () => {
    const manifest = await t.anonymous().get('/manifest.webmanifest');
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/application\/manifest\+json/);
    expect(String(manifest.headers['content-security-policy'])).toContain("manifest-src 'self'");
  });
});
