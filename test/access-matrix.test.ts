import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import type { TestClient } from './client.js';
import { buildMatrix, PROBES, type Matrix, type Probe } from './access-matrix/fixtures.js';
import { ABSENT, requestsFor, type ProbeRequest } from './access-matrix/walk.js';

/**
 * Issue 10, "keep it that way" (ID-3): every GET of the OpenAPI document, and the POST reads, as
 * each probe user, with path and query parameters naming visible and hidden records. No answer
 * may hold a title, name, address, id or count of a record the user may not see; naming a hidden
 * record answers like naming nothing. The walk reads the document, so a new route is covered.
 */
let t: TestApp;
let matrix: Matrix;
const clients = {} as Record<Probe, TestClient>;

/**
 * Where a probe legitimately reads hidden ids: the audit log is the admin's record of who read
 * what (its ids are the point of ID-4).
 */
const EXEMPT: Partial<Record<Probe, string[]>> = { admin: ['GET /api/v1/audit'] };

beforeAll(async () => {
  t = await createTestApp();
  const rep = await t.login('rep@relais.demo');
  for (const probe of PROBES) clients[probe] = await t.login(`${probe}@relais.demo`);
  matrix = await buildMatrix(t, rep, clients.expert, clients.manager);
}, 120_000);
afterAll(() => t?.close());

const send = (client: TestClient, request: ProbeRequest) =>
  request.method === 'GET' ? client.get(request.url) : client.post(request.url, request.body);

/** Counts of a list that include what it does not list: a complete page (no next cursor) must total its items. */
function countLeak(response: LightMyRequestResponse): string | null {
  if (!String(response.headers['content-type'] ?? '').includes('json') || response.statusCode !== 200)
    return null;
  const page = response.json();
  if (
    page &&
    Array.isArray(page.items) &&
    typeof page.total === 'number' &&
    page.nextCursor == null &&
    page.total !== page.items.length
  ) {
    return `total ${page.total} for ${page.items.length} items`;
  }
  return null;
}

const comparable = (response: LightMyRequestResponse, hiddenId: string | undefined) => {
  let body = response.body.replace(/"requestId":"[^"]*"/g, '');
  if (hiddenId) body = body.split(hiddenId).join(ABSENT);
  const total = (() => {
    try {
      return JSON.parse(body)?.total;
    } catch {
      return undefined;
    }
  })();
  return { status: response.statusCode, total };
};

describe('access matrix', () => {
  it('no GET (nor POST read) of the OpenAPI document reveals a record to someone who may not see it', async () => {
    const doc = (await clients.admin.get('/api/openapi.json')).json();
    const leaks: string[] = [];
    let requestCount = 0;
    let operations = 0;
    for (const probe of PROBES) {
      const markers = matrix.hidden.filter((h) => h.hiddenFrom.includes(probe));
      const walk = requestsFor(doc, matrix, probe);
      operations = walk.operations;
      for (const request of walk.requests) {
        if (EXEMPT[probe]?.includes(request.op)) continue;
        const response = await send(clients[probe], request);
        requestCount++;
        const where = `${probe} ${request.method} ${request.url}${request.body ? ` ${JSON.stringify(request.body).slice(0, 80)}` : ''}`;
        if (response.statusCode >= 500) leaks.push(`${where}: ${response.statusCode}`);
        const body = response.body.toLowerCase();
        for (const h of markers) {
          const found = [...h.markers, ...(h.id === request.hiddenId ? [] : [h.id])].find((marker) =>
            body.includes(marker.toLowerCase()),
          );
          if (found) leaks.push(`${where}: ${h.type} ${found}`);
        }
        const count = countLeak(response);
        if (count) leaks.push(`${where}: ${count}`);
        if (request.twin) {
          const twin = await send(clients[probe], request.twin);
          requestCount++;
          const [a, b] = [comparable(response, request.hiddenId), comparable(twin, undefined)];
          if (a.status !== b.status || a.total !== b.total)
            leaks.push(
              `${where}: answers ${a.status}/${a.total} where nothing answers ${b.status}/${b.total}`,
            );
        }
      }
    }
    // The figures of the walk, in the test output.
    console.log(
      `access matrix: ${operations} operations walked, ${PROBES.length} users, ${requestCount} requests, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  }, 180_000);
});
