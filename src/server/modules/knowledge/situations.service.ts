import type { Queryable } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events.js';
import { isExpert } from './items.service.js';
import { missingIds, toSummary } from './items.repository.js';
import { renderMarkdown } from './markdown.js';

export type SituationInput = {
  name: string; description: string; signals: string[]; fieldSignals: string[]; advice: string; productIds: string[]; knowledgeIds: string[];
};

const toSituation = (row: any) => ({
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
  const rows = await ctx.tx.query(
    `select s.*, (select count(*)::int from situation_knowledge sk join knowledge_items k on k.id = sk.item_id where sk.situation_id = s.id) as knowledge_count,
            (select count(*)::int from account_situations a where a.situation_id = s.id and a.status = 'confirmed') as account_count
       from situations s
      where $1::text is null or s.search_vector @@ websearch_to_tsquery('relais_fr', $1) or relais_unaccent(lower(s.name)) like '%' || relais_unaccent(lower($1)) || '%'
      order by s.name`,
    [q?.trim() || null],
  );
  return rows.map(toSituation);
}

/** A situation with the knowledge, products and accounts the user may see (RLS). */
export async function getSituation(ctx: Ctx, id: string) {
  const rows = await ctx.tx.query(`select * from situations where id = $1`, [id]);
  if (!rows[0]) throw notFound('situation');
  const knowledge = await ctx.tx.query(
    `select k.*, '' as owner_name from situation_knowledge sk join knowledge_items k on k.id = sk.item_id where sk.situation_id = $1 order by sk.position, k.title`,
    [id],
  );
  const products = await ctx.tx.query(`select id, reference, name from products where id = any ($1::uuid[]) order by name`, [rows[0].product_ids]);
  const accounts = await ctx.tx.query(
    `select a.id as link_id, a.status, a.source, a.reason, a.created_at, ac.id, ac.name, a.contact_id
       from account_situations a join accounts ac on ac.id = a.account_id where a.situation_id = $1 and a.status <> 'dismissed'
      order by a.created_at desc limit 100`,
    [id],
  );
  return {
    ...toSituation({ ...rows[0], knowledge_count: knowledge.length, account_count: accounts.filter((a: any) => a.status === 'confirmed').length }),
    knowledge: knowledge.map(toSummary),
    products: products.map((p: any) => ({ id: p.id, reference: p.reference, name: p.name })),
    accounts: accounts.map((a: any) => ({ linkId: a.link_id, accountId: a.id, accountName: a.name, contactId: a.contact_id, status: a.status, source: a.source, reason: a.reason, createdAt: a.created_at })),
  };
}

async function checkSituationLinks(ctx: Ctx, input: Partial<SituationInput>) {
  const errors = [];
  const products = await missingIds(ctx.tx, 'products', input.productIds ?? []);
  if (products.length) errors.push({ field: 'productIds', message: `Unknown: ${products.join(', ')}.`, code: 'unknown_reference' });
  if (input.knowledgeIds?.length) {
    const found = new Set((await ctx.tx.query<{ id: string }>(`select id from knowledge_items where id = any ($1::uuid[])`, [input.knowledgeIds])).map((r) => r.id));
    const missing = input.knowledgeIds.filter((id) => !found.has(id));
    if (missing.length) errors.push({ field: 'knowledgeIds', message: `Unknown: ${missing.join(', ')}.`, code: 'unknown_reference' });
  }
  if (errors.length) throw validationError(errors);
}

async function setKnowledge(tx: Queryable, situationId: string, knowledgeIds: string[]) {
  await tx.query(`delete from situation_knowledge where situation_id = $1`, [situationId]);
  for (const [position, itemId] of knowledgeIds.entries()) {
    await tx.query(`insert into situation_knowledge (situation_id, item_id, position) values ($1, $2, $3) on conflict do nothing`, [situationId, itemId, position]);
  }
}

const expertOnly = (ctx: Ctx) => {
  if (!isExpert(ctx)) throw forbidden('Only experts and admins maintain the catalogue of situations.', 'situation.expert_only');
};

export async function createSituation(ctx: Ctx, input: SituationInput) {
  expertOnly(ctx);
  await checkSituationLinks(ctx, input);
  const exists = await ctx.tx.query(`select 1 from situations where lower(name) = lower($1)`, [input.name]);
  if (exists.length) throw conflict('situation.name_taken', 'A situation with this name already exists.', [{ field: 'name', message: 'Already used.', code: 'taken' }]);
  const [row] = await ctx.tx.query<{ id: string }>(
    `insert into situations (name, description, signals, field_signals, advice_md, advice_html, product_ids, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [input.name, input.description, input.signals, input.fieldSignals, input.advice, renderMarkdown(input.advice), input.productIds, ctx.actor.userId],
  );
  await setKnowledge(ctx.tx, row.id, input.knowledgeIds);
  await emitEvent(ctx.tx, { type: 'situation.updated', payload: { situationId: row.id, created: true }, actorId: ctx.actor.userId });
  return getSituation(ctx, row.id);
}

export async function updateSituation(ctx: Ctx, id: string, patch: Partial<SituationInput>) {
  expertOnly(ctx);
  const [current] = await ctx.tx.query(`select * from situations where id = $1`, [id]);
  if (!current) throw notFound('situation');
  await checkSituationLinks(ctx, patch);
  if (patch.name && patch.name.toLowerCase() !== current.name.toLowerCase()) {
    const taken = await ctx.tx.query(`select 1 from situations where lower(name) = lower($1) and id <> $2`, [patch.name, id]);
    if (taken.length) throw conflict('situation.name_taken', 'A situation with this name already exists.', [{ field: 'name', message: 'Already used.', code: 'taken' }]);
  }
  const next = {
    name: patch.name ?? current.name, description: patch.description ?? current.description, signals: patch.signals ?? current.signals,
    fieldSignals: patch.fieldSignals ?? current.field_signals, advice: patch.advice ?? current.advice_md, productIds: patch.productIds ?? current.product_ids,
  };
  await ctx.tx.query(
    `update situations set name = $2, description = $3, signals = $4, field_signals = $5, advice_md = $6, advice_html = $7, product_ids = $8, updated_at = now() where id = $1`,
    [id, next.name, next.description, next.signals, next.fieldSignals, next.advice, renderMarkdown(next.advice), next.productIds],
  );
  if (patch.knowledgeIds) await setKnowledge(ctx.tx, id, patch.knowledgeIds);
  const changes = Object.fromEntries(Object.keys(patch).map((key) => [key, true]));
  await emitEvent(ctx.tx, { type: 'situation.updated', payload: { situationId: id, changes }, actorId: ctx.actor.userId });
  return getSituation(ctx, id);
}

export async function deleteSituation(ctx: Ctx, id: string) {
  expertOnly(ctx);
  const deleted = await ctx.tx.query(`delete from situations where id = $1 returning id`, [id]);
  if (!deleted.length) throw notFound('situation');
}

const toLink = (row: any) => ({
  id: row.id, accountId: row.account_id, contactId: row.contact_id, situationId: row.situation_id, situationName: row.name,
  status: row.status, source: row.source, reason: row.reason, createdAt: row.created_at, decidedAt: row.decided_at,
});

export async function accountSituations(ctx: Ctx, accountId: string) {
  const account = await ctx.tx.query(`select id from accounts where id = $1`, [accountId]);
  if (!account[0]) throw notFound('account');
  const rows = await ctx.tx.query(
    `select a.*, s.name from account_situations a join situations s on s.id = a.situation_id where a.account_id = $1 and a.status <> 'dismissed' order by a.status, a.created_at desc`,
    [accountId],
  );
  return rows.map(toLink);
}

/** Declares a situation on an account (or one of its contacts): confirmed at once. */
export async function attachSituation(ctx: Ctx, accountId: string, input: { situationId: string; contactId?: string; reason?: string }) {
  const account = await ctx.tx.query<{ owner_id: string }>(`select owner_id from accounts where id = $1`, [accountId]);
  if (!account[0]) throw notFound('account');
  const situation = await ctx.tx.query(`select 1 from situations where id = $1`, [input.situationId]);
  if (!situation[0]) throw validationError([{ field: 'situationId', message: 'Unknown situation.', code: 'unknown_reference' }]);
  if (input.contactId) {
    const contact = await ctx.tx.query(`select 1 from contacts where id = $1`, [input.contactId]);
    if (!contact[0]) throw validationError([{ field: 'contactId', message: 'Unknown contact.', code: 'unknown_reference' }]);
  }
  const rows = await ctx.tx.query(
    `insert into account_situations (account_id, contact_id, situation_id, status, source, reason, created_by, decided_by, decided_at)
     values ($1, $2, $3, 'confirmed', 'manual', $4, $5, $5, now())
     on conflict (account_id, situation_id, coalesce(contact_id, '00000000-0000-0000-0000-000000000000'::uuid))
     do update set status = 'confirmed', decided_by = excluded.decided_by, decided_at = now()
     returning *`,
    [accountId, input.contactId ?? null, input.situationId, input.reason ?? null, ctx.actor.userId],
  );
  await emitEvent(ctx.tx, { type: 'situation.attached', payload: { situationId: input.situationId, accountId, contactId: input.contactId ?? null, confirmed: true }, actorId: ctx.actor.userId, recipients: [account[0].owner_id] });
  const [named] = await ctx.tx.query(`select a.*, s.name from account_situations a join situations s on s.id = a.situation_id where a.id = $1`, [rows[0].id]);
  return toLink(named);
}

/** The rep confirms or dismisses a suggestion (or a declared situation is closed). */
export async function decideSituation(ctx: Ctx, linkId: string, status: 'confirmed' | 'dismissed') {
  const rows = await ctx.tx.query(`update account_situations set status = $2, decided_by = $3, decided_at = now() where id = $1 returning *`, [linkId, status, ctx.actor.userId]);
  if (!rows[0]) throw notFound('account situation');
  if (status === 'confirmed') {
    await emitEvent(ctx.tx, { type: 'situation.attached', payload: { situationId: rows[0].situation_id, accountId: rows[0].account_id, contactId: rows[0].contact_id, confirmed: true }, actorId: ctx.actor.userId });
  }
  const [named] = await ctx.tx.query(`select a.*, s.name from account_situations a join situations s on s.id = a.situation_id where a.id = $1`, [linkId]);
  return toLink(named);
}
