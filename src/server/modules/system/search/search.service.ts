import type { Ctx } from '../../../platform/context.js';
import { validationError } from '../../../platform/errors.js';
import { decodeCursor, toPage } from '../../../platform/list-query.js';

/** The types asked for (comma-separated), refused when one is not registered. */
export function parseSearchTypes(ctx: Pick<Ctx, 'deps'>, raw: string | undefined): string[] | undefined {
  const types = raw
    ?.split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const known = ctx.deps.search.types;
  const unknown = types?.filter((type) => !known.includes(type)) ?? [];
  if (unknown.length > 0)
    throw validationError([
      {
        field: 'types',
        message: `Unknown types: ${unknown.join(', ')}. Known: ${known.join(', ')}.`,
        code: 'unknown_type',
      },
    ]);
  return types;
}

/**
 * One page of the global search. Each type is asked for enough hits to fill this page and tell
 * whether another follows; the total is exact when no type had more than it was asked for.
 */
export async function searchEverything(
  ctx: Ctx,
  query: { q: string; limit: number; cursor?: string },
  types: string[] | undefined,
) {
  const { q, limit, cursor } = query;
  const offset = decodeCursor(cursor);
  const perType = offset + limit + 1;
  const hits = await ctx.deps.search.search(ctx, q, types, perType);
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.type, (counts.get(hit.type) ?? 0) + 1);
  const page = toPage(
    hits.slice(offset, offset + limit + 1).map(({ score: _score, ...hit }) => hit),
    { limit },
    offset,
    hits.length,
  );
  return { ...page, totalIsExact: [...counts.values()].every((count) => count < perType) };
}
