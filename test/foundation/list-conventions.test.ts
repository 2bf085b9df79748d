import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.js';
import type { TestClient } from '../client.js';

/**
 * API-1 walked over the whole OpenAPI document, so a route added tomorrow is held to the same
 * conventions: every GET refuses an unknown query parameter; every list (a 200 answer with
 * `items`) takes `limit` and `cursor` and answers `{ items, nextCursor, total }`.
 */
let t: TestApp;
let admin: TestClient;
let document: any;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin@relais.demo');
  document = (await t.anonymous().get('/api/openapi.json')).json();
});
afterAll(() => t.close());

const SAMPLE_PARAMS: Record<string, string> = {
  token: 'abcdefghijklmnopqrstuvwxyz012345',
  file: 'cal_abcdefghijklmnopqrstuvwxyz.ics',
};
/** A concrete URL for a templated path: ids become a well-formed uuid nobody has. */
const concrete = (path: string) =>
  path.replace(
    /\{(\w+)\}/g,
    (_all, name: string) => SAMPLE_PARAMS[name] ?? '00000000-0000-4000-8000-000000000000',
  );

function getRoutes(): { path: string; operation: any }[] {
  return Object.entries<any>(document.paths)
    .filter(([path, operations]) => path.startsWith('/api/v1/') && operations.get)
    .map(([path, operations]) => ({ path, operation: operations.get }));
}

const responseSchemaOf = (operation: any) =>
  operation.responses?.['200']?.content?.['application/json']?.schema;
const isList = (operation: any) => responseSchemaOf(operation)?.properties?.items?.type === 'array';
const queryNames = (operation: any) =>
  (operation.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
const requiredQuery = (operation: any) =>
  (operation.parameters ?? []).filter((p: any) => p.in === 'query' && p.required).map((p: any) => p.name);

describe('one list convention for every list (API-1)', () => {
  it('refuses an unknown query parameter on every GET route with a 400 problem naming it', async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThan(60);
    const accepted: string[] = [];
    for (const { path } of routes) {
      const response = await admin.get(`${concrete(path)}?zzUnknownFilter=1`);
      const body = response.headers['content-type']?.toString().startsWith('application/problem+json')
        ? response.json()
        : null;
      const named = body?.errors?.some((error: any) => String(error.field).includes('zzUnknownFilter'));
      if (response.statusCode !== 400 || body?.code !== 'validation_failed' || !named)
        accepted.push(`${path} → ${response.statusCode}`);
    }
    expect(accepted).toEqual([]);
  });

  it('declares limit and cursor, and items, nextCursor and total, on every list route', () => {
    const lists = getRoutes().filter(({ operation }) => isList(operation));
    expect(lists.length).toBeGreaterThan(25);
    const wrong = lists
      .filter(({ operation }) => {
        const names = queryNames(operation);
        const properties = responseSchemaOf(operation).properties;
        return (
          !names.includes('limit') || !names.includes('cursor') || !properties.nextCursor || !properties.total
        );
      })
      .map(({ path }) => path);
    expect(wrong).toEqual([]);
  });

  it('pages every list reachable without an id: limit is honoured and the cursor leads to the next items', async () => {
    const lists = getRoutes().filter(
      ({ path, operation }) =>
        isList(operation) && !path.includes('{') && requiredQuery(operation).length === 0,
    );
    const wrong: string[] = [];
    let pagedAtLeastOnce = 0;
    for (const { path } of lists) {
      const first = await admin.get(`${path}?limit=1`);
      if (first.statusCode !== 200) {
        wrong.push(`${path}?limit=1 → ${first.statusCode}`);
        continue;
      }
      const page = first.json();
      if (page.items.length > 1 || typeof page.total !== 'number' || !('nextCursor' in page))
        wrong.push(`${path}: not a page of at most 1`);
      if (page.total > 1 && !page.nextCursor) wrong.push(`${path}: total ${page.total} but no next cursor`);
      if (page.nextCursor) {
        const next = (
          await admin.get(`${path}?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)
        ).json();
        if (next.items.length !== 1 || JSON.stringify(next.items[0]) === JSON.stringify(page.items[0]))
          wrong.push(`${path}: the cursor did not move`);
        else pagedAtLeastOnce += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(pagedAtLeastOnce).toBeGreaterThan(8);
  });

  it('filters activities by contact instead of ignoring the filter', async () => {
    const rep = await t.login('rep@relais.demo');
    const all = (await rep.get('/api/v1/activities?limit=500')).json();
    const withContact = all.items.find((activity: any) => activity.contacts.length > 0);
    expect(withContact).toBeDefined();
    const contactId = withContact.contacts[0].id;
    const filtered = (await rep.get(`/api/v1/activities?contactId=${contactId}&limit=500`)).json();
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThan(all.total);
    expect(
      filtered.items.every((activity: any) =>
        activity.contacts.some((contact: any) => contact.id === contactId),
      ),
    ).toBe(true);
    const bad = await rep.get('/api/v1/activities?contactId=nope');
    expect(bad.statusCode).toBe(400);
  });
});
