import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Queryable } from '../../../db/client.js';
import { limitMarkdownNesting, remoteImageToLink } from '../../../platform/markdown-guard.js';
import { decodeCursor, orderBy, toPage, type ListQuery } from '../../../platform/list-query.js';
import type { Product } from './products.schemas.js';

/** Markdown rendered to HTML that is safe to inject (no scripts, no event handlers, no styles). */
export function renderMarkdown(md: string): string {
  const html = marked.parse(limitMarkdownNesting(md), { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'h1', 'h2']),
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
      img: remoteImageToLink,
    },
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
  });
}

/** A `products` row. */
type ProductRow = {
  id: string;
  reference: string;
  name: string;
  description_md: string;
  unit_price: number | string;
  discount_percent: number | string;
  currency: string;
  category: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
};

export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  reference: row.reference,
  name: row.name,
  descriptionMd: row.description_md,
  descriptionHtml: renderMarkdown(row.description_md),
  unitPrice: Number(row.unit_price),
  discountPercent: Number(row.discount_percent),
  currency: row.currency,
  category: row.category,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const SORTS = {
  name: 'name',
  reference: 'reference',
  unitPrice: 'unit_price',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
};

export type ProductFilters = ListQuery & { q?: string; active?: 'true' | 'false'; category?: string };

function whereOf(filters: ProductFilters) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filters.q) {
    params.push(filters.q);
    clauses.push(
      `(relais_unaccent(lower(name)) like '%' || relais_unaccent(lower($${params.length})) || '%' or lower(reference) like '%' || lower($${params.length}) || '%')`,
    );
  }
  if (filters.active) {
    params.push(filters.active === 'true');
    clauses.push(`active = $${params.length}`);
  }
  if (filters.category) {
    params.push(filters.category);
    clauses.push(`category = $${params.length}`);
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

export async function listProducts(tx: Queryable, filters: ProductFilters, all = false) {
  const offset = all ? 0 : decodeCursor(filters.cursor);
  const { where, params } = whereOf(filters);
  const order = orderBy(filters.sort, SORTS, 'name');
  const limit = all ? 100_000 : filters.limit + 1;
  const rows = await tx.query<ProductRow>(
    `select * from products ${where} ${order} limit ${limit} offset ${offset}`,
    params,
  );
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from products ${where}`,
    params,
  );
  return toPage(rows.map(toProduct), all ? { ...filters, limit: 100_000 } : filters, offset, count);
}

export async function findProduct(tx: Queryable, id: string, lock = false) {
  const rows = await tx.query<ProductRow>(
    `select * from products where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function insertProduct(
  tx: Queryable,
  input: Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'descriptionHtml'>,
) {
  const rows = await tx.query<ProductRow>(
    `insert into products (reference, name, description_md, unit_price, discount_percent, currency, category, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (reference) do nothing returning *`,
    [
      input.reference,
      input.name,
      input.descriptionMd,
      input.unitPrice,
      input.discountPercent,
      input.currency,
      input.category,
      input.active,
    ],
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

const COLUMNS: Record<string, string> = {
  reference: 'reference',
  name: 'name',
  descriptionMd: 'description_md',
  unitPrice: 'unit_price',
  discountPercent: 'discount_percent',
  currency: 'currency',
  category: 'category',
  active: 'active',
};

export async function updateProduct(tx: Queryable, id: string, changes: Record<string, unknown>) {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(changes)) {
    params.push(value);
    sets.push(`${COLUMNS[key]} = $${params.length}`);
  }
  const rows = await tx.query<ProductRow>(
    `update products set ${sets.join(', ')}, updated_at = now() where id = $1 returning *`,
    params,
  );
  return toProduct(rows[0]);
}

export async function referenceTaken(tx: Queryable, reference: string, exceptId: string) {
  return (
    (await tx.query(`select 1 from products where reference = $1 and id <> $2`, [reference, exceptId]))
      .length > 0
  );
}

export async function insertPriceHistory(
  tx: Queryable,
  entry: {
    productId: string;
    userId: string | null;
    oldPrice: number | null;
    newPrice: number;
    oldDiscount: number | null;
    newDiscount: number;
  },
) {
  await tx.query(
    `insert into product_price_history (product_id, changed_by, old_price, new_price, old_discount, new_discount) values ($1, $2, $3, $4, $5, $6)`,
    [entry.productId, entry.userId, entry.oldPrice, entry.newPrice, entry.oldDiscount, entry.newDiscount],
  );
}

export async function listPriceHistory(tx: Queryable, productId: string) {
  const rows = await tx.query<{
    id: number | string;
    changed_at: string;
    changed_by: string | null;
    name: string | null;
    old_price: number | string | null;
    new_price: number | string | null;
    old_discount: number | string | null;
    new_discount: number | string | null;
  }>(
    `select h.*, nullif(trim(u.first_name || ' ' || u.last_name), '') as name
       from product_price_history h left join users u on u.id = h.changed_by
      where h.product_id = $1 order by h.changed_at desc, h.id desc`,
    [productId],
  );
  const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((row) => ({
    id: Number(row.id),
    changedAt: row.changed_at,
    changedBy: row.changed_by,
    changedByName: row.name,
    oldPrice: num(row.old_price),
    newPrice: num(row.new_price),
    oldDiscount: num(row.old_discount),
    newDiscount: num(row.new_discount),
  }));
}

/**
 * Products for the Ctrl+K search: by reference ("CUI-114", "cui114") or by the words of the
 * name ("four mixte"), accents and case ignored; exact reference first, then by similarity.
 */
export async function searchProductRows(tx: Queryable, query: string, limit: number) {
  return tx.query<{
    id: string;
    reference: string;
    name: string;
    category: string | null;
    unit_price: number;
    currency: string;
    score: number;
  }>(
    `with q as (select relais_unaccent(lower($1)) as text, regexp_replace(lower($1), '[^a-z0-9]', '', 'g') as compact)
     select p.id, p.reference, p.name, p.category, p.unit_price, p.currency,
            case when lower(p.reference) = lower($1) or regexp_replace(lower(p.reference), '[^a-z0-9]', '', 'g') = q.compact then 2
                 else greatest(similarity(relais_unaccent(lower(p.name)), q.text), similarity(lower(p.reference), lower($1))) end as score
       from products p, q
      where (q.compact <> '' and regexp_replace(lower(p.reference), '[^a-z0-9]', '', 'g') like q.compact || '%')
         or not exists (select 1 from unnest(regexp_split_to_array(q.text, '\\s+')) as word
                         where word <> '' and relais_unaccent(lower(p.name || ' ' || coalesce(p.category, ''))) not like '%' || word || '%')
      order by score desc, p.active desc, p.name limit $2`,
    [query, limit],
  );
}
