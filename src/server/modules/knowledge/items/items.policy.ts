import type { Ctx } from '../../../platform/context.js';

/** Who may do what with knowledge (KB-1, KB-2). The database's row-level security enforces reading. */

/** Experts and admins validate, publish and maintain the catalogue of situations. */
export const isExpert = (ctx: Ctx) => ctx.actor.role === 'expert' || ctx.actor.role === 'admin';

/** The owner, experts and admins change an item; others suggest edits. */
export const canEdit = (ctx: Ctx, item: { ownerId: string }) =>
  item.ownerId === ctx.actor.userId || isExpert(ctx);

export const isAdmin = (ctx: Ctx) => ctx.actor.role === 'admin';
