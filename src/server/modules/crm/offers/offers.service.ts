import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { findOffer, findStage, insertLine, listLines, listStageHistory, listStages, recomputeAmount } from './offers.repository.js';
import type { LineInput, Offer } from './offers.schemas.js';

const unknown = (field: string) => validationError([{ field, message: 'Unknown or not visible to you.', code: 'unknown' }]);

/** The account as the actor sees it (RLS), or a 400 naming the field. */
export async function visibleAccount(ctx: Ctx, accountId: string, field = 'accountId') {
  const rows = await ctx.tx.query(`select id, name, kind, segment, sector, visibility, team_id from accounts where id = $1`, [accountId]);
  if (!rows[0]) throw unknown(field);
  return rows[0] as { id: string; name: string; kind: string; segment: string | null; sector: string | null; visibility: string; team_id: string | null };
}

export async function checkContact(ctx: Ctx, contactId: string | null | undefined, field = 'contactId') {
  if (!contactId) return;
  if ((await ctx.tx.query(`select 1 from contacts where id = $1`, [contactId])).length === 0) throw unknown(field);
}

/** A record on a restricted/secret account is as confidential by default; otherwise the team sees it. */
export const defaultVisibility = (accountVisibility: string) => (accountVisibility === 'restricted' || accountVisibility === 'secret' ? accountVisibility : 'team');

async function ownerTeam(ctx: Ctx, ownerId: string, field = 'ownerId') {
  const rows = await ctx.tx.query<{ team_id: string | null }>(`select team_id from users where id = $1 and active`, [ownerId]);
  if (!rows[0]) throw unknown(field);
  return rows[0].team_id;
}

async function productForLine(ctx: Ctx, productId: string, field: string) {
  const rows = await ctx.tx.query(`select id, reference, unit_price, discount_percent, active from products where id = $1`, [productId]);
  if (!rows[0] || !rows[0].active) throw validationError([{ field, message: 'Unknown or inactive product.', code: 'unknown' }]);
  return rows[0];
}

/** Resolves a line's defaults (the product's price and discount) and validates the product. */
async function resolveLines(ctx: Ctx, lines: LineInput[], prefix = 'lines') {
  const resolved = [];
  for (const [index, line] of lines.entries()) {
    const product = await productForLine(ctx, line.productId, lines.length === 1 && prefix === '' ? 'productId' : `${prefix}.${index}.productId`);
    resolved.push({
      productId: line.productId, productReference: product.reference as string, quantity: line.quantity,
      unitPrice: line.unitPrice ?? Number(product.unit_price), discountPercent: line.discountPercent ?? Number(product.discount_percent),
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

export async function createOffer(ctx: Ctx, input: { title: string; accountId: string; contactId: string | null; stage?: string; expectedCloseDate: string | null; ownerId?: string; visibility?: string; lines: LineInput[] }) {
  const account = await visibleAccount(ctx, input.accountId);
  await checkContact(ctx, input.contactId);
  const stages = await listStages(ctx.tx);
  const stage = input.stage ? stages.find((s) => s.key === input.stage) : stages.find((s) => s.outcome === 'open');
  if (!stage || stage.outcome !== 'open') throw validationError([{ field: 'stage', message: 'Use an open stage; close the offer afterwards.', code: 'invalid_stage' }]);
  const ownerId = input.ownerId ?? ctx.actor.userId;
  const teamId = ownerId === ctx.actor.userId ? ctx.actor.teamId : await ownerTeam(ctx, ownerId);
  const lines = await resolveLines(ctx, input.lines);
  await ctx.deps.points.checkAction(ctx, 'offer.create', {
    accountId: account.id, accountSegment: account.segment, accountKind: account.kind, accountSector: account.sector,
    amount: estimate(lines), stage: stage.key, title: input.title, ownerId, productIds: lines.map((l) => l.productId),
    productReferences: lines.map((l) => l.productReference),
  });
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into offers (title, account_id, contact_id, stage_id, expected_close_date, owner_id, team_id, visibility)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [input.title, account.id, input.contactId, stage.id, input.expectedCloseDate, ownerId, teamId, input.visibility ?? defaultVisibility(account.visibility)],
  );
  await ctx.tx.query(`insert into offer_stage_history (offer_id, to_stage_id, changed_by) values ($1, $2, $3)`, [row.id, stage.id, ctx.actor.userId]);
  for (const line of lines) await insertLine(ctx.tx, row.id, line);
  await recomputeAmount(ctx.tx, row.id);
  await emitEvent(ctx.tx, { type: 'offer.created', payload: { offerId: row.id, accountId: account.id }, actorId: ctx.actor.userId });
  for (const line of lines) await emitEvent(ctx.tx, { type: 'offer.line_added', payload: { offerId: row.id, productId: line.productId }, actorId: ctx.actor.userId });
  return offerDetail(ctx, row.id, false);
}

async function loadForWrite(ctx: Ctx, id: string): Promise<Offer> {
  const offer = await findOffer(ctx.tx, id, true);
  if (!offer) throw notFound('offer');
  return offer;
}

const mayManage = (ctx: Ctx, offer: Offer) => offer.ownerId === ctx.actor.userId || ctx.actor.role === 'admin' || ctx.actor.role === 'manager';

export async function patchOffer(ctx: Ctx, id: string, patch: { title?: string; contactId?: string | null; expectedCloseDate?: string | null; ownerId?: string; visibility?: string }) {
  const offer = await loadForWrite(ctx, id);
  if ((patch.visibility !== undefined && patch.visibility !== offer.visibility) || (patch.ownerId !== undefined && patch.ownerId !== offer.ownerId)) {
    if (!mayManage(ctx, offer)) throw forbidden('Only the owner or a manager can change the owner or the confidentiality.', 'offer.owner_only');
  }
  if (patch.contactId) await checkContact(ctx, patch.contactId);
  const columns: Record<string, string> = { title: 'title', contactId: 'contact_id', expectedCloseDate: 'expected_close_date', ownerId: 'owner_id', visibility: 'visibility' };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && (offer as Record<string, unknown>)[key] !== value) changes[key] = { from: (offer as Record<string, unknown>)[key], to: value };
  }
  if (Object.keys(changes).length === 0) return offerDetail(ctx, id, false);
  const teamId = changes.ownerId ? await ownerTeam(ctx, patch.ownerId!) : offer.teamId;
  await ctx.deps.points.checkAction(ctx, 'offer.update', { offerId: id, accountId: offer.accountId, amount: offer.amount, stage: offer.stage, changes });
  const params: unknown[] = [id, teamId];
  const sets = Object.keys(changes).map((key) => {
    params.push(changes[key].to);
    return `${columns[key]} = $${params.length}`;
  });
  await ctx.tx.query(`update offers set ${sets.join(', ')}, team_id = $2, updated_at = now() where id = $1`, params);
  await emitEvent(ctx.tx, { type: 'offer.updated', payload: { offerId: id, accountId: offer.accountId, changes }, actorId: ctx.actor.userId });
  return offerDetail(ctx, id, false);
}

export async function deleteOffer(ctx: Ctx, id: string) {
  const offer = await loadForWrite(ctx, id);
  if (!mayManage(ctx, offer)) throw forbidden('Only the owner or a manager can delete this offer.', 'offer.owner_only');
  await ctx.tx.query(`delete from documents where parent_type = 'offer' and parent_id = $1`, [id]);
  await ctx.tx.query(`delete from offers where id = $1`, [id]);
  await emitEvent(ctx.tx, { type: 'offer.updated', payload: { offerId: id, accountId: offer.accountId, changes: { deleted: { from: false, to: true } } }, actorId: ctx.actor.userId });
}

/** Moves an offer to a stage; lost needs a reason and a competitor; won/lost close it. */
export async function moveOffer(ctx: Ctx, id: string, input: { stage: string; reason?: string; competitor?: string }) {
  const offer = await loadForWrite(ctx, id);
  const stage = await findStage(ctx.tx, input.stage);
  if (!stage) throw validationError([{ field: 'stage', message: 'Unknown stage.', code: 'unknown' }]);
  if (stage.outcome === 'lost') {
    const errors = [];
    if (!input.reason) errors.push({ field: 'reason', message: 'Say why the offer was lost.', code: 'required' });
    if (!input.competitor) errors.push({ field: 'competitor', message: 'Name the competitor (or "none").', code: 'required' });
    if (errors.length) throw validationError(errors);
  }
  if (stage.key === offer.stage) return offerDetail(ctx, id, false);
  await ctx.deps.points.checkAction(ctx, 'offer.stage.change', { offerId: id, accountId: offer.accountId, from: offer.stage, to: stage.key, amount: offer.amount });
  const closing = stage.outcome !== 'open';
  await ctx.tx.query(
    `update offers set stage_id = $2, closed_at = $3::timestamptz, close_reason = $4, competitor = $5, updated_at = now() where id = $1`,
    [id, stage.id, closing ? new Date().toISOString() : null, closing ? input.reason ?? null : null, stage.outcome === 'lost' ? input.competitor : null],
  );
  await ctx.tx.query(
    `insert into offer_stage_history (offer_id, from_stage_id, to_stage_id, changed_by, reason, competitor)
     values ($1, (select id from offer_stages where key = $2), $3, $4, $5, $6)`,
    [id, offer.stage, stage.id, ctx.actor.userId, input.reason ?? null, input.competitor ?? null],
  );
  await emitEvent(ctx.tx, { type: 'offer.stage_changed', payload: { offerId: id, accountId: offer.accountId, from: offer.stage, to: stage.key }, actorId: ctx.actor.userId });
  return offerDetail(ctx, id, false);
}

function assertOpen(offer: Offer) {
  if (offer.outcome !== 'open') throw conflict('offer.closed', 'This offer is closed; reopen it to change its lines.');
}

export async function addLine(ctx: Ctx, offerId: string, input: LineInput) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  const [line] = await resolveLines(ctx, [input], '');
  await ctx.deps.points.checkAction(ctx, 'offer.line.add', { offerId, accountId: offer.accountId, ...line });
  await insertLine(ctx.tx, offerId, line);
  await recomputeAmount(ctx.tx, offerId);
  await emitEvent(ctx.tx, { type: 'offer.line_added', payload: { offerId, productId: line.productId }, actorId: ctx.actor.userId });
  return offerDetail(ctx, offerId, false);
}

export async function patchLine(ctx: Ctx, offerId: string, lineId: string, patch: { quantity?: number; unitPrice?: number; discountPercent?: number }) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  const updated = await ctx.tx.query(
    `update offer_lines set quantity = coalesce($3, quantity), unit_price = coalesce($4, unit_price), discount_percent = coalesce($5, discount_percent)
      where id = $2 and offer_id = $1 returning id`,
    [offerId, lineId, patch.quantity ?? null, patch.unitPrice ?? null, patch.discountPercent ?? null],
  );
  if (updated.length === 0) throw notFound('offer line');
  await recomputeAmount(ctx.tx, offerId);
  await emitEvent(ctx.tx, { type: 'offer.updated', payload: { offerId, accountId: offer.accountId, changes: { lines: { from: null, to: lineId } } }, actorId: ctx.actor.userId });
  return offerDetail(ctx, offerId, false);
}

export async function deleteLine(ctx: Ctx, offerId: string, lineId: string) {
  const offer = await loadForWrite(ctx, offerId);
  assertOpen(offer);
  const deleted = await ctx.tx.query(`delete from offer_lines where id = $2 and offer_id = $1 returning id`, [offerId, lineId]);
  if (deleted.length === 0) throw notFound('offer line');
  await recomputeAmount(ctx.tx, offerId);
  return offerDetail(ctx, offerId, false);
}
