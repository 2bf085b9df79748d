import { z } from 'zod';
import { validationError } from './errors.js';

/** The list convention shared by every collection (API-1): limit, cursor, sort. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  sort: z.string().max(100).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/**
 * `?limit=&cursor=` alone, for lists without a sort choice. Bounded catalogues (teams, stages,
 * grants, versions…) default to their maximum so that a client asking nothing gets all of them,
 * as before paging existed, and can still page.
 */
export const pagingSchema = (options: { defaultLimit?: number; maxLimit?: number } = {}) =>
  z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(options.maxLimit ?? 500)
      .default(options.defaultLimit ?? 50),
    cursor: z.string().max(200).optional(),
  });
export type Paging = { limit: number; cursor?: string };

/** Every list answers `{ items, nextCursor, total }`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

/** Cursors are opaque to clients; inside they are offsets. */
export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const offset = /^\d{1,9}$/.test(decoded) ? Number(decoded) : -1;
  if (offset < 0) {
    throw validationError([{ field: 'cursor', message: 'Unknown cursor.', code: 'invalid_cursor' }]);
  }
  return offset;
}

export const encodeCursor = (offset: number) => Buffer.from(String(offset), 'utf8').toString('base64url');

/**
 * Turns `?sort=name` or `?sort=-createdAt` into an ORDER BY clause from an allow-list of
 * expressions (never from user text), with `id` as the tie-breaker for stable pages.
 */
export function orderBy(
  sort: string | undefined,
  allowed: Record<string, string>,
  fallback: string,
  idColumn = 'id',
): string {
  const requested = sort ?? fallback;
  const descending = requested.startsWith('-');
  const key = descending ? requested.slice(1) : requested;
  const expression = allowed[key];
  if (!expression) {
    throw validationError([
      { field: 'sort', message: `Sort by one of: ${Object.keys(allowed).join(', ')}.`, code: 'invalid_sort' },
    ]);
  }
  return `order by ${expression} ${descending ? 'desc' : 'asc'} nulls last, ${idColumn} ${descending ? 'desc' : 'asc'}`;
}

/** Builds a page from rows fetched with `limit + 1` at `offset` and a `total` count. */
export function toPage<T>(rows: T[], query: Paging, offset: number, total: number): Page<T> {
  const hasMore = rows.length > query.limit;
  return {
    items: hasMore ? rows.slice(0, query.limit) : rows,
    nextCursor: hasMore ? encodeCursor(offset + query.limit) : null,
    total,
  };
}

/**
 * A page of a list already held in memory (small, bounded collections computed whole, e.g.
 * a team tree or a rule's versions): same cursors and answer as the SQL lists.
 */
export function pageArray<T>(items: T[], query: Paging): Page<T> {
  const offset = decodeCursor(query.cursor);
  return toPage(items.slice(offset, offset + query.limit + 1), query, offset, items.length);
}
