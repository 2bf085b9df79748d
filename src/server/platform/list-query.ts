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

/**
 * Every list answers `{ items, nextCursor, total }`. Big lists count only up to a cap: then
 * `totalAtLeast` is true and there are more than `total` items ("plus de 1 000").
 */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalAtLeast: z.boolean().optional(),
  });

export type Page<T> = { items: T[]; nextCursor: string | null; total: number; totalAtLeast?: boolean };

/**
 * Totals are exact up to this many rows. Counting every visible row of a big table costs a
 * full pass under row-level security (seconds at 1M activities) for a figure nobody reads
 * exactly past a few hundred; stopping at the cap keeps a count as cheap as a page.
 */
export const COUNT_CAP = 1000;
export type Total = { total: number; totalAtLeast?: boolean };

/** `select count(*)` of `fromWhere` ("from … where …") that stops one row past `cap`. */
export const cappedCountSql = (fromWhere: string, cap = COUNT_CAP) =>
  `select count(*)::int as count from (select 1 ${fromWhere} limit ${cap + 1}) capped`;

/** The total of a capped count: exact under the cap, else "more than `cap`". */
export const cappedTotal = (count: number, cap = COUNT_CAP): Total =>
  count > cap ? { total: cap, totalAtLeast: true } : { total: count };

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

/** Builds a page from rows fetched with `limit + 1` at `offset` and a `total` count (or capped total). */
export function toPage<T>(rows: T[], query: Paging, offset: number, total: number | Total): Page<T> {
  const hasMore = rows.length > query.limit;
  return {
    items: hasMore ? rows.slice(0, query.limit) : rows,
    nextCursor: hasMore ? encodeCursor(offset + query.limit) : null,
    ...(typeof total === 'number' ? { total } : total),
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

/**
 * Keyset paging for the big lists: the cursor holds the sort key and id of the page's last row,
 * and the next page starts right after them in the index that serves the sort, so page 200
 * costs what page 1 costs (an offset reads and throws away every row before it).
 */
export type Keyset = {
  /** ORDER BY clause, as orderBy() writes it. */
  order: string;
  /** The sort expression (selected as `sort_key`, as text, for the next cursor). */
  key: string;
  idColumn: string;
  descending: boolean;
  /** The key is never null: "after" is a row comparison an index can serve as a range. */
  notNull: boolean;
};

export function keysetOf(
  sort: string | undefined,
  allowed: Record<string, string>,
  fallback: string,
  idColumn: string,
  notNull: readonly string[] = [],
): Keyset {
  const order = orderBy(sort, allowed, fallback, idColumn);
  const requested = sort ?? fallback;
  const descending = requested.startsWith('-');
  const name = descending ? requested.slice(1) : requested;
  return { order, key: allowed[name], idColumn, descending, notNull: notNull.includes(name) };
}

type KeysetCursor = { k: string | null; i: string };

export const encodeKeysetCursor = (key: string | null, id: string) =>
  Buffer.from(JSON.stringify({ k: key, i: id }), 'utf8').toString('base64url');

export function decodeKeysetCursor(cursor: string | undefined): KeysetCursor | null {
  if (!cursor) return null;
  let decoded: unknown = null;
  try {
    if (/^[A-Za-z0-9_-]+$/.test(cursor))
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const value = decoded as Partial<KeysetCursor> | null;
  if (
    !value ||
    typeof value !== 'object' ||
    typeof value.i !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(value.i) ||
    !(value.k === null || typeof value.k === 'string')
  ) {
    throw validationError([{ field: 'cursor', message: 'Unknown cursor.', code: 'invalid_cursor' }]);
  }
  return { k: value.k, i: value.i };
}

/**
 * The condition "after the cursor" in the keyset's order (`key dir nulls last, id dir`); `param`
 * adds a value to the statement's parameters and returns its placeholder.
 */
export function keysetAfter(keyset: Keyset, cursor: KeysetCursor, param: (value: unknown) => string): string {
  const { key, idColumn: id } = keyset;
  const op = keyset.descending ? '<' : '>';
  if (cursor.k === null) return `(${key} is null and ${id} ${op} ${param(cursor.i)})`;
  const k = param(cursor.k);
  const i = param(cursor.i);
  if (keyset.notNull) return `(${key}, ${id}) ${op} (${k}, ${i})`;
  return `((${key} ${op} ${k} or (${key} = ${k} and ${id} ${op} ${i})) or ${key} is null)`;
}

/** A row of a keyset-paged statement: its id, its sort key as text, and the other columns. */
export type KeysetRow = { id: string; sort_key?: string | null } & Record<string, unknown>;

/** A page from rows fetched with `limit + 1` (each with `id` and `sort_key`) after a keyset cursor. */
export function toKeysetPage<R extends { id: string; sort_key?: string | null }, T>(
  rows: R[],
  limit: number,
  toItem: (row: R) => T,
  total: number | Total,
): Page<T> {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: hasMore && last ? encodeKeysetCursor(last.sort_key ?? null, last.id) : null,
    ...(typeof total === 'number' ? { total } : total),
  };
}
