import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import {
  findOffer,
  findStage,
  insertLine,
  listLines,
  listStageHistory,
  listStages,
  recomputeAmount,
} from './offers.repository.js';
import { findUserTeam } from '../accounts/accounts.repository.js';
import { mayManageOffer } from './offers.policy.js';
import {
  contactExists,
  deleteLineRow,
  deleteOfferRow,
  findLineProduct,
  findRecordAccount,
  insertFirstStage,
  insertOffer,
  moveOfferRow,
  updateLine,
  updateOfferFields,
  type OfferField,
  type RecordAccount,
} from './offer-writes.repository.js';
import type { LineInput, Offer } from './offers.schemas.js';

const unknown = (field: string) =>
  validationError([{ field, message: 'Unknown or not visible to you.', code: 'unknown' }]);

/** The account as the actor sees it (RLS), or a 400 naming the field. */
export async function visibleAccount(
  ctx: Ctx,
  accountId: string,
  field = 'accountId',
): Promise<RecordAccount> {
  const account = await findRecordAccount(ctx.tx, accountId);
  if (!account) throw unknown(field);
  return account;
}

export async function checkContact(ctx: Ctx, contactId: string | null | undefined, field = 'contactId') {
  if (!contactId) return;
  if (!(await contactExists(ctx.tx, contactId))) throw unknown(field);
}

/** A record on a restricted/secret account is as confidential by default; otherwise the team sees it. */
export const defaultVisibility = (accountVisibility: string) =>
  accountVisibility === 'restricted' || accountVisibility === 'secret' ? accountVisibility : 'team';

async function ownerTeam(ctx: Ctx, ownerId: string, field = 'ownerId') {
  const user = await findUserTeam(ctx.tx, ownerId);
  if (!user) throw unknown(field);
  return user.teamId;
}

async function productForLine(ctx: Ctx, productId: string, field: string) {
  const product = await findLineProduct(ctx.tx, productId);
  if (!product || !product.active)
    throw validationError([{ field, message: 'Unknown or inactive product.', code: 'unknown' }]);
  return product;
}

/** Resolves a line's defaults (the product's price and discount) and validates the product. */
async function resolveLines(ctx: Ctx, lines: LineInput[], prefix = 'lines') {
  const resolved = [];
  for (const [index, line] of lines.entries()) {
    const product = await productForLine(
      ctx,
      line.productId,
      lines.length === 1 && prefix === '' ? 'productId' : `${prefix}.${index}.productId`,
    );
    resolved.push({
      productId: line.productId,
      productReference: product.reference,
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? Number(product.unit_price),
      discountPercent: line.discountPercent ?? Number(product.discount_percent),
    });
  }
  return resolved;
}

const estimate = (lines: { quantity: number; unitPrice: number; discountPercent: number }[]) =>
  Math.round(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice * (100 - l.discountPercent), 0)) / 100;

export async function offerDetail(ctx: Ctx, id: string, audit = true) {
  const offer = await findOffer(ctx.tx, id);
  if (!offer) throw notFound('offer');
  if (audit) await auditSecretRead(ctx, 'offer', offer);
  return { ...offer, lines: await listLines(ctx.tx, id), stageHistory: await listStageHistory(ctx.tx, id) };
}

export async function createOffer(
  ctx: Ctx,
  input: {
    title: string;
    accountId: string;
    contactId: string | null;
    stage?: string;
    expectedCloseDate: string | null;
    ownerId?: string;
    visibility?: string;
    lines: LineInput[];
  },
) {
  const account = await visibleAccount(ctx, input.accountId);
  await checkContact(ctx, input.contactId);
  const stages = await listStages(ctx.tx);
  const stage = input.stage
    ? stages.find((s) => s.key === input.stage)
    : stages.find((s) => s.outcome === 'open');
  if (!stage || stage.outcome !== 'open')
    throw validationError([
      { field: 'stage', message: 'Use an open stage; close the offer afterwards.', code: 'invalid_stage' },
    ]);
  const ownerId = input.ownerId ?? ctx.actor.userId;
  const teamId = ownerId === ctx.actor.userId ? ctx.actor.teamId : await ownerTeam(ctx, ownerId);
  const lines = await resolveLines(ctx, input.lines);
  await ctx.deps.points.checkAction(ctx, 'offer.create', {
    accountId: account.id,
    title: input.title,
    stage: stage.key,
    ownerId,
    expectedCloseDate: input.expectedCloseDate,
    lines,
    amount: estimate(lines),
  });
  const offerId = await insertOffer(ctx.tx, {
    title: input.title,
    accountId: account.id,
    contactId: input.contactId,
    stageId: stage.id,
    expectedCloseDate: input.expectedCloseDate,
    ownerId,
    teamId,
    visibility: input.visibility ?? defaultVisibility(account.visibility),
  });
  await insertFirstStage(ctx.tx, offerId, stage.id, ctx.actor.userId);
  for (const line of lines) await insertLine(ctx.tx, offerId, line);
  await recomputeAmount(ctx.tx, offerId);
  await emitEvent(ctx.tx, {
    type: 'offer.created',
    payload: { offerId, accountId: account.id },
    actorId: ctx.actor.userId,
  });
  for (const line of lines)
    await emitEvent(ctx.tx, {
      type: 'offer.line_added',
      payload: { offerId, productId: line.productId },
      actorId: ctx.actor.userId,
    });
  return offerDetail(ctx, offerId, false);
}

async function loadForWrite(ctx: Ctx, id: string): Promise<Offer> {
  const offer = await findOffer(ctx.tx, id, true);
  if (!offer) throw notFound('offer');
  return offer;
}

export async function patchOffer(
  ctx: Ctx,
  id: string,
  patch: {
    title?: string;
    contactId?: string | null;
    expectedCloseDate?: string | null;
    ownerId?: string;
    visibility?: string;
  },
) {
  const offer = await loadForWrite(ctx, id);
  if (
    (patch.visibility !== undefined && patch.visibility !== offer.visibility) ||
    (patch.ownerId !== undefined && patch.ownerId !== offer.ownerId)
  ) {
    if (!mayManageOffer(ctx.actor, offer))
      throw forbidden(
        'Only the owner or a manager can change the owner or the confidentiality.',
        'offer.owner_only',
      );
  }
  if (patch.contactId) await checkContact(ctx, patch.contactId);
  const changes: Partial<Record<OfferField, { from: unknown; to: unknown }>> = {};
  for (const [key, value] of Object.entries(patch) as [OfferField, unknown][]) {
    if (value !== undefined && offer[key] !== value) changes[key] = { from: offer[key], to: value };
  }
  if (Object.keys(changes).length === 0) return offerDetail(ctx, id, false);
  const teamId = changes.ownerId ? await ownerTeam(ctx, patch.ownerId!) : offer.teamId;
  await ctx.deps.points.checkAction(ctx, 'offer.update', {
    offerId: id,
    ...Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to])),
  });
  await updateOfferFields(
    ctx.tx,
    id,
    teamId,
    Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to])),
  );
  await emitEvent(ctx.tx, {
    type: 'offer.updated',
    payload: { offerId: id, accountId: offer.accountId, changes },
    actorId: ctx.actor.userId,
  });
  return offerDetail(ctx, id, false);
}

export async function deleteOffer(ctx: Ctx, id: string) {
  const offer = await loadForWrite(ctx, id);
  if (!mayManageOffer(ctx.actor, offer))
    throw forbidden('Only the owner or a manager can delete this offer.', 'offer.owner_only');
  await deleteOfferRow(ctx.tx, id);
  await emitEvent(ctx.tx, {
    type: 'offer.updated',
    payload: { offerId: id, accountId: offer.accountId, changes: { deleted: { from: false, to: true } } },
    actorId: ctx.actor.userId,
  });
}

/** Moves an offer to a stage; lost needs a reason and a competitor; won/lost close it. */
export async function moveOffer(
  ctx: Ctx,
  id: string,
  input: { stage: string; reason?: string; competitor?: string },
) {
  const offer = await loadForWrite(ctx, id);
  const stage = await findStage(ctx.tx, input.stage);
  if (!stage) throw validationError([{ field: 'stage', message: 'Unknown stage.', code: 'unknown' }]);
  if (stage.outcome === 'lost') {
    const errors = [];
    if (!input.reason)
      errors.push({ field: 'reason', message: 'Say why the offer was lost.', code: 'required' });
    if (!input.competitor)
      errors.push({ field: 'competitor', message: 'Name the competitor (or "none").', code: 'required' });
    if (errors.length) throw validationError(errors);
  }
  if (stage.key === offer.stage) return offerDetail(ctx, id, false);
  await ctx.deps.points.checkAction(ctx, 'offer.stage.change', { offerId: id, to: stage.key });
  // Winning commits every line to the client: a line the rules block cannot be won unacknowledged.
  if (stage.outcome === 'won') {
    for (const { productId, quantity, unitPrice, discountPercent } of await listLines(ctx.tx, id)) {
      await ctx.deps.points.checkAction(ctx, 'offer.line.add', {
        offerId: id,
        productId,
        quantity,
        unitPrice,
        discountPercent,
      });
    }
  }
  const closing = stage.outcome !== 'open';
  await moveOfferRow(ctx.tx, {
    id,
    fromStageKey: offer.stage,
    toStageId: stage.id,
    closedAt: closing ? new Date().toISOString() : null,
    closeReason: closing ? (input.reason ?? null) : null,
    competitor: stage.outcome === 'lost' ? (input.competitor ?? null) : null,
    changedBy: ctx.actor.userId,
    reason: input.reason ?? null,
    historyCompetitor: input.competitor ?? null,
  });
  await emitEvent(ctx.tx, {
    type: 'offer.stage_changed',
    payload: { offerId: id, accountId: offer.accountId, from: offer.stage, to: stage.key },
    actorId: ctx.actor.userId,
  });
  return offerDetail(ctx, id, false);
}

function assertOpen(offer: Offer) {
  if (offer.outcome !== 'open')
    throw conflict('offer.closed', 'This offer is closed; reopen it to change its lines.');
}

export async function addLine(ctx: Ctx, offerId: string, input: LineInput) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  const [line] = await resolveLines(ctx, [input], '');
  await ctx.deps.points.checkAction(ctx, 'offer.line.add', { offerId, ...line });
  await insertLine(ctx.tx, offerId, line);
  await recomputeAmount(ctx.tx, offerId);
  await emitEvent(ctx.tx, {
    type: 'offer.line_added',
    payload: { offerId, productId: line.productId },
    actorId: ctx.actor.userId,
  });
  return offerDetail(ctx, offerId, false);
}

export async function patchLine(
  ctx: Ctx,
  offerId: string,
  lineId: string,
  patch: { quantity?: number; unitPrice?: number; discountPercent?: number },
) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  await ctx.deps.points.checkAction(ctx, 'offer.line.update', { offerId, lineId, ...patch });
  if (!(await updateLine(ctx.tx, offerId, lineId, patch))) throw notFound('offer line');
  await recomputeAmount(ctx.tx, offerId);
  await emitEvent(ctx.tx, {
    type: 'offer.updated',
    payload: { offerId, accountId: offer.accountId, changes: { lines: { from: null, to: lineId } } },
    actorId: ctx.actor.userId,
  });
  return offerDetail(ctx, offerId, false);
}

export async function deleteLine(ctx: Ctx, offerId: string, lineId: string) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  await ctx.deps.points.checkAction(ctx, 'offer.line.delete', { offerId, lineId });
  if (!(await deleteLineRow(ctx.tx, offerId, lineId))) throw notFound('offer line');
  await recomputeAmount(ctx.tx, offerId);
  return offerDetail(ctx, offerId, false);
}
