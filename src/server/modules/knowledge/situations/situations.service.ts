import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { crm } from '../crm-reads.js';
import { missingItemIds, toSummary } from '../items/items.repository.js';
import { renderMarkdown } from '../markdown/markdown.js';
import { presentLinks } from './links.service.js';
import { assertMaintainsSituations } from './situations.policy.js';
import {
  confirmLink,
  decideLink,
  deleteSituationRow,
  findLink,
  findSituation,
  insertSituation,
  knowledgeOfSituation,
  linksOfAccount,
  linksOfSituation,
  listSituationRows,
  nameTaken,
  setKnowledge,
  writeSituation,
  type SituationRow,
} from './situations.repository.js';

export type SituationInput = {
  name: string;
  description: string;
  signals: string[];
  fieldSignals: string[];
  advice: string;
  productIds: string[];
  knowledgeIds: string[];
};

const toSituation = (row: SituationRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  signals: row.signals ?? [],
  fieldSignals: row.field_signals ?? [],
  advice: row.advice_md,
  adviceHtml: row.advice_html,
  productIds: row.product_ids ?? [],
  knowledgeCount: row.knowledge_count ?? 0,
  accountCount: row.account_count ?? 0,
  updatedAt: row.updated_at,
});

export async function listSituations(ctx: Ctx, q?: string) {
  return (await listSituationRows(ctx.tx, q?.trim() || null)).map(toSituation);
}

/** A situation with the knowledge, products and accounts the user may see (RLS). */
export async function getSituation(ctx: Ctx, id: string) {
  const situation = await findSituation(ctx.tx, id);
  if (!situation) throw notFound('situation');
  const knowledge = await knowledgeOfSituation(ctx.tx, id);
  const products = await crm().productsByIds(ctx.tx, situation.product_ids ?? []);
  const links = await linksOfSituation(ctx.tx, id);
  const names = new Map(
    (await crm().accountsByIds(ctx.tx, [...new Set(links.map((link) => link.account_id))])).map((a) => [
      a.id,
      a.name,
    ]),
  );
  // A link is shown with its account only: one the reader may not see is left out.
  const accounts = links.filter((link) => names.has(link.account_id));
  const shown = await presentLinks(ctx.tx, accounts);
  return {
    ...toSituation({
      ...situation,
      knowledge_count: knowledge.length,
      account_count: accounts.filter((a) => a.status === 'confirmed').length,
    }),
    knowledge: knowledge.map(toSummary),
    products: products.map((p) => ({ id: p.id, reference: p.reference, name: p.name })),
    accounts: shown.map((link) => ({
      linkId: link.id,
      accountId: link.accountId,
      accountName: names.get(link.accountId)!,
      contactId: link.contactId,
      status: link.status,
      source: link.source,
      reason: link.reason,
      createdAt: link.createdAt,
    })),
  };
}

async function checkSituationLinks(ctx: Ctx, input: Partial<SituationInput>) {
  const errors: FieldError[] = [];
  const wanted = input.productIds ?? [];
  const known = new Set((await crm().productsByIds(ctx.tx, wanted)).map((p) => p.id));
  const products = wanted.filter((id) => !known.has(id));
  if (products.length)
    errors.push({
      field: 'productIds',
      message: `Unknown: ${products.join(', ')}.`,
      code: 'unknown_reference',
    });
  if (input.knowledgeIds?.length) {
    const missing = await missingItemIds(ctx.tx, input.knowledgeIds);
    if (missing.length)
      errors.push({
        field: 'knowledgeIds',
        message: `Unknown: ${missing.join(', ')}.`,
        code: 'unknown_reference',
      });
  }
  if (errors.length) throw validationError(errors);
}

const nameTakenError = () =>
  conflict('situation.name_taken', 'A situation with this name already exists.', [
    { field: 'name', message: 'Already used.', code: 'taken' },
  ]);

export async function createSituation(ctx: Ctx, input: SituationInput) {
  assertMaintainsSituations(ctx);
  await checkSituationLinks(ctx, input);
  if (await nameTaken(ctx.tx, input.name)) throw nameTakenError();
  // A simultaneous creation of the same name loses with the same 409.
  const id = await insertSituation(
    ctx.tx,
    { ...input, adviceHtml: renderMarkdown(input.advice) },
    ctx.actor.userId,
  );
  if (!id) throw nameTakenError();
  await setKnowledge(ctx.tx, id, input.knowledgeIds);
  await emitEvent(ctx.tx, {
    type: 'situation.updated',
    payload: { situationId: id, created: true },
    actorId: ctx.actor.userId,
  });
  return getSituation(ctx, id);
}

export async function updateSituation(ctx: Ctx, id: string, patch: Partial<SituationInput>) {
  assertMaintainsSituations(ctx);
  const current = await findSituation(ctx.tx, id);
  if (!current) throw notFound('situation');
  await checkSituationLinks(ctx, patch);
  if (patch.name && patch.name.toLowerCase() !== current.name.toLowerCase()) {
    if (await nameTaken(ctx.tx, patch.name, id)) throw nameTakenError();
  }
  const advice = patch.advice ?? current.advice_md;
  await writeSituation(ctx.tx, id, {
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    signals: patch.signals ?? current.signals ?? [],
    fieldSignals: patch.fieldSignals ?? current.field_signals ?? [],
    advice,
    adviceHtml: renderMarkdown(advice),
    productIds: patch.productIds ?? current.product_ids ?? [],
  });
  if (patch.knowledgeIds) await setKnowledge(ctx.tx, id, patch.knowledgeIds);
  const changes = Object.fromEntries(Object.keys(patch).map((key) => [key, true]));
  await emitEvent(ctx.tx, {
    type: 'situation.updated',
    payload: { situationId: id, changes },
    actorId: ctx.actor.userId,
  });
  return getSituation(ctx, id);
}

export async function deleteSituation(ctx: Ctx, id: string) {
  assertMaintainsSituations(ctx);
  if (!(await deleteSituationRow(ctx.tx, id))) throw notFound('situation');
}

export async function accountSituations(ctx: Ctx, accountId: string) {
  if (!(await crm().findVisibleAccount(ctx.tx, accountId))) throw notFound('account');
  return presentLinks(ctx.tx, await linksOfAccount(ctx.tx, accountId));
}

/** The link as the reader sees it (after a write, which RLS allowed). */
async function shownLink(ctx: Ctx, linkId: string) {
  const link = await findLink(ctx.tx, linkId);
  if (!link) throw notFound('account situation');
  const [shown] = await presentLinks(ctx.tx, [link]);
  return shown;
}

/** Declares a situation on an account (or one of its contacts): confirmed at once. */
export async function attachSituation(
  ctx: Ctx,
  accountId: string,
  input: { situationId: string; contactId?: string; reason?: string },
) {
  const account = await crm().findVisibleAccount(ctx.tx, accountId);
  if (!account) throw notFound('account');
  if (!(await findSituation(ctx.tx, input.situationId)))
    throw validationError([
      { field: 'situationId', message: 'Unknown situation.', code: 'unknown_reference' },
    ]);
  if (input.contactId && !(await crm().findVisibleContact(ctx.tx, input.contactId)))
    throw validationError([{ field: 'contactId', message: 'Unknown contact.', code: 'unknown_reference' }]);
  const linkId = await confirmLink(
    ctx.tx,
    {
      accountId,
      contactId: input.contactId ?? null,
      situationId: input.situationId,
      reason: input.reason ?? null,
    },
    ctx.actor.userId,
  );
  await emitEvent(ctx.tx, {
    type: 'situation.attached',
    payload: {
      situationId: input.situationId,
      accountId,
      contactId: input.contactId ?? null,
      confirmed: true,
    },
    actorId: ctx.actor.userId,
    recipients: [account.ownerId],
  });
  return shownLink(ctx, linkId);
}

/** The rep confirms or dismisses a suggestion (or a declared situation is closed). */
export async function decideSituation(ctx: Ctx, linkId: string, status: 'confirmed' | 'dismissed') {
  const decided = await decideLink(ctx.tx, linkId, status, ctx.actor.userId);
  if (!decided) throw notFound('account situation');
  if (status === 'confirmed') {
    await emitEvent(ctx.tx, {
      type: 'situation.attached',
      payload: {
        situationId: decided.situation_id,
        accountId: decided.account_id,
        contactId: decided.contact_id,
        confirmed: true,
      },
      actorId: ctx.actor.userId,
    });
  }
  return shownLink(ctx, linkId);
}
