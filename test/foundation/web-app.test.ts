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
