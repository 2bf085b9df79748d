import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApiTypes, SCHEMA_FILE } from '../scripts/generate-api-types.js';
import { createTestApp, type TestApp } from './app.js';

/** The web's API types are generated from the OpenAPI document; a route change must regenerate them. */
describe('web API types (src/web/app/api/schema.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('match the live OpenAPI document', async () => {
    const expected = await renderApiTypes(t.app.swagger() as unknown as Record<string, unknown>);
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(
      committed === expected,
      'src/web/app/api/schema.ts is out of date with the OpenAPI document: run `npm run api:types`',
    ).toBe(true);
    // Generating and formatting ~15k lines of types takes a minute on a loaded machine.
  }, 240_000);
});
