import type { TestClient } from './client.js';

/** One way a record could reach a user: a get, a list, a search, a count, an export… */
export type VisibilityProbe = {
  name: string;
  reveals: (client: TestClient, recordId: string) => Promise<boolean>;
};

/** GET `path(id)`: 200 reveals, 404 hides; any other answer fails the test. */
export const getProbe = (path: (id: string) => string, name = 'get'): VisibilityProbe => ({
  name,
  async reveals(client, id) {
    const response = await client.get(path(id));
    if (response.statusCode === 200) return true;
    if (response.statusCode === 404) return false;
    throw new Error(`${name}: unexpected ${response.statusCode} ${response.body.slice(0, 200)}`);
  },
});

/** A list answering `{ items, nextCursor }`: follows every page looking for the id. */
export const listProbe = (
  path: string,
  name = 'list',
  idOf: (item: any) => string = (item) => item.id,
): VisibilityProbe => ({
  name,
  async reveals(client, id) {
    let url: string | null = path;
    while (url) {
      const response = await client.get(url);
      if (response.statusCode !== 200)
        throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      const page = response.json();
      if (page.items.some((item: any) => idOf(item) === id)) return true;
      url = page.nextCursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${page.nextCursor}` : null;
    }
    return false;
  },
});

/** Any JSON or text answer: reveals when `found` says the record is in it (search hits, counts, facets). */
export const bodyProbe = (
  name: string,
  path: string,
  found: (body: string, id: string) => boolean,
): VisibilityProbe => ({
  name,
  async reveals(client, id) {
    const response = await client.get(path);
    if (response.statusCode !== 200)
      throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return found(response.body, id);
  },
});

/**
 * Proves, probe by probe, that every client in `canSee` finds the record and no client in
 * `cannotSee` does. Returns nothing; throws with the exact probe and user that leaked or lost it.
 */
export async function assertVisibility(options: {
  recordId: string;
  probes: VisibilityProbe[];
  canSee: Record<string, TestClient>;
  cannotSee: Record<string, TestClient>;
}) {
  const failures: string[] = [];
  for (const probe of options.probes) {
    for (const [who, client] of Object.entries(options.canSee)) {
      if (!(await probe.reveals(client, options.recordId)))
        failures.push(`${who} should see it through ${probe.name}`);
    }
    for (const [who, client] of Object.entries(options.cannotSee)) {
      if (await probe.reveals(client, options.recordId))
        failures.push(`${who} must NOT see it through ${probe.name}`);
    }
  }
  if (failures.length > 0) throw new Error(`visibility broken:\n- ${failures.join('\n- ')}`);
}
