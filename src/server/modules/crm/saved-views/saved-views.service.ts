import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import {
  deleteSavedView,
  findSavedViews,
  insertSavedView,
  type SavedView,
  type SavedViewEntity,
} from './saved-views.repository.js';

export const listSavedViews = (ctx: Ctx, entity: SavedViewEntity): Promise<SavedView[]> =>
  findSavedViews(ctx.tx, ctx.actor.userId, entity);

export const saveView = (
  ctx: Ctx,
  view: { entity: SavedViewEntity; name: string; query: Record<string, string> },
): Promise<SavedView> => insertSavedView(ctx.tx, ctx.actor.userId, view);

export async function removeSavedView(ctx: Ctx, id: string): Promise<void> {
  if (!(await deleteSavedView(ctx.tx, id))) throw notFound('saved view');
}
