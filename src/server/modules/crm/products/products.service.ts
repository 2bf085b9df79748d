import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import {
  findProduct,
  insertPriceHistory,
  insertProduct,
  referenceTaken,
  updateProduct,
} from './products.repository.js';
import type { Product } from './products.schemas.js';

type ProductInput = Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'descriptionHtml'>;

export async function createProduct(ctx: Ctx, input: ProductInput) {
  const product = await insertProduct(ctx.tx, input);
  if (!product)
    throw conflict('product.reference_taken', 'Another product already has this reference.', [
      { field: 'reference', message: 'Already used.', code: 'taken' },
    ]);
  await insertPriceHistory(ctx.tx, {
    productId: product.id,
    userId: ctx.actor.userId,
    oldPrice: null,
    newPrice: product.unitPrice,
    oldDiscount: null,
    newDiscount: product.discountPercent,
  });
  return product;
}

export async function getProduct(ctx: Ctx, id: string) {
  const product = await findProduct(ctx.tx, id);
  if (!product) throw notFound('product');
  return product;
}

/**
 * Changes a product; a price or discount change is kept in the history (who, when, old → new)
 * and announced as `product.updated` with `changes` (PUSH-3 notifies those concerned).
 */
export async function patchProduct(ctx: Ctx, id: string, patch: Partial<ProductInput>) {
  const before = await findProduct(ctx.tx, id, true);
  if (!before) throw notFound('product');
  if (
    patch.reference &&
    patch.reference !== before.reference &&
    (await referenceTaken(ctx.tx, patch.reference, id))
  ) {
    throw conflict('product.reference_taken', 'Another product already has this reference.', [
      { field: 'reference', message: 'Already used.', code: 'taken' },
    ]);
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = (before as Record<string, unknown>)[key];
    if (old !== value) changes[key] = { from: old, to: value };
  }
  if (Object.keys(changes).length === 0) return before;
  const updates = Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to]));
  const after = await updateProduct(ctx.tx, id, updates);
  if (changes.unitPrice || changes.discountPercent) {
    await insertPriceHistory(ctx.tx, {
      productId: id,
      userId: ctx.actor.userId,
      oldPrice: before.unitPrice,
      newPrice: after.unitPrice,
      oldDiscount: before.discountPercent,
      newDiscount: after.discountPercent,
    });
  }
  const { descriptionMd: _md, ...announced } = changes;
  await emitEvent(ctx.tx, {
    type: 'product.updated',
    payload: { productId: id, changes: announced },
    actorId: ctx.actor.userId,
  });
  return after;
}
