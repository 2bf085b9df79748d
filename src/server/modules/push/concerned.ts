import type { Queryable } from '../../db/client.js';
import type { AppDeps } from '../../platform/context.js';
import type { DomainEvent } from '../../platform/events.js';
import { idsVisibleTo } from '../../platform/visibility.js';
import { createNotifications, type Localized } from './notify.js';

type Reasons = Map<string, { fr: string[]; en: string[] }>;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many).replace('{n}', String(n));

function addReason(reasons: Reasons, userId: string, fr: string, en: string) {
  const entry = reasons.get(userId) ?? { fr: [], en: [] };
  entry.fr.push(fr);
  entry.en.push(en);
  reasons.set(userId, entry);
}

async function tableExists(tx: Queryable, table: string): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [`public.${table}`]);
  return row.ok;
}

async function followers(tx: Queryable, type: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<{ user_id: string }>(`select distinct user_id from follows where target_type = $1 and target_id = any ($2::text[])`, [type, ids]);
  return rows.map((row) => row.user_id);
}

async function send(tx: Queryable, deps: AppDeps, event: DomainEvent, reasons: Reasons, spec: { title: Localized; body?: Localized; url: string; sourceType: string; sourceId: string }) {
  if (event.actorId) reasons.delete(event.actorId);
  await createNotifications(tx, deps, {
    kind: 'change',
    ...spec,
    dedupeKey: `change:${event.type}:${event.id}`,
    recipients: [...reasons].map(([userId, why]) => ({ userId, reason: { fr: why.fr.join(' · '), en: why.en.join(' · ') } })),
  });
}

const money = (value: unknown, locale: 'fr' | 'en') =>
  typeof value === 'number' ? new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(value) : String(value ?? '—');

/** A product's price or discount changed: owners of open offers with it, and its followers. */
export async function onProductUpdated(event: DomainEvent, tx: Queryable, deps: AppDeps): Promise<void> {
  const { productId, changes = {} } = event.payload ?? {};
  const price = changes.unitPrice;
  const discount = changes.discountPercent;
  if (!productId || (!price && !discount)) return;
  const [product] = await tx.query<{ name: string; reference: string }>(`select name, reference from products where id = $1`, [productId]);
  if (!product) return;
  const reasons: Reasons = new Map();
  const offers = await tx.query<{ owner_id: string; ids: string[] }>(
    `select o.owner_id, array_agg(distinct o.id) as ids from offers o join offer_lines l on l.offer_id = o.id join offer_stages s on s.id = o.stage_id
      where l.product_id = $1 and s.outcome = 'open' group by o.owner_id`,
    [productId],
  );
  for (const row of offers) {
    // Count only the offers this user may see (they own them, unless reassigned since).
    const visible = await idsVisibleTo(tx, row.owner_id, 'offers', row.ids);
    if (visible.length === 0) continue;
    const n = visible.length;
    addReason(reasons, row.owner_id, plural(n, 'vous avez 1 offre en cours avec ce produit', 'vous avez {n} offres en cours avec ce produit'), plural(n, 'you have 1 open offer with this product', 'you have {n} open offers with this product'));
  }
  for (const userId of await followers(tx, 'product', [productId])) addReason(reasons, userId, 'vous suivez ce produit', 'you follow this product');
  const parts = { fr: [] as string[], en: [] as string[] };
  if (price) {
    parts.fr.push(`prix ${money(price.from, 'fr')} → ${money(price.to, 'fr')}`);
    parts.en.push(`price ${money(price.from, 'en')} → ${money(price.to, 'en')}`);
  }
  if (discount) {
    parts.fr.push(`remise ${discount.from ?? 0} % → ${discount.to ?? 0} %`);
    parts.en.push(`discount ${discount.from ?? 0}% → ${discount.to ?? 0}%`);
  }
  await send(tx, deps, event, reasons, {
    title: { fr: `${product.name} : ${parts.fr.join(', ')}`, en: `${product.name}: ${parts.en.join(', ')}` },
    body: { fr: `Le produit **${product.reference}** a changé : ${parts.fr.join(', ')}.`, en: `Product **${product.reference}** changed: ${parts.en.join(', ')}.` },
    url: `/products/${productId}`,
    sourceType: 'product',
    sourceId: productId,
  });
}

/** Owners of accounts in a situation (confirmed), with how many of their accounts. */
async function situationAccountOwners(tx: Queryable, situationIds: string[], reasons: Reasons) {
  if (situationIds.length === 0 || !(await tableExists(tx, 'account_situations'))) return;
  const rows = await tx.query<{ owner_id: string; ids: string[] }>(
    `select a.owner_id, array_agg(distinct a.id) as ids from account_situations s join accounts a on a.id = s.account_id
      where s.situation_id = any ($1::uuid[]) and s.status = 'confirmed' group by a.owner_id`,
    [situationIds],
  );
  for (const row of rows) {
    const n = (await idsVisibleTo(tx, row.owner_id, 'accounts', row.ids)).length;
    if (n) addReason(reasons, row.owner_id, plural(n, '1 de vos comptes est dans cette situation', '{n} de vos comptes sont dans cette situation'), plural(n, '1 of your accounts is in this situation', '{n} of your accounts are in this situation'));
  }
}

/** A procedure or a validated answer changed: followers, accounts' owners by situation, segment or link. */
export async function onKnowledgeChanged(event: DomainEvent, tx: Queryable, deps: AppDeps): Promise<void> {
  const { itemId } = event.payload ?? {};
  if (!itemId || !(await tableExists(tx, 'knowledge_items'))) return;
  const [item] = await tx.query<{ id: string; type: string; status: string; title: string; tags: string[]; account_ids: string[] }>(
    `select id, type, status, title, tags, account_ids from knowledge_items where id = $1`,
    [itemId],
  );
  if (!item || !['procedure', 'answer'].includes(item.type) || !['validated', 'published'].includes(item.status)) return;
  const reasons: Reasons = new Map();
  for (const userId of await followers(tx, 'knowledge', [item.id])) addReason(reasons, userId, 'vous suivez cette fiche', 'you follow this item');
  const tags = item.tags.map((tag) => tag.toLowerCase());
  for (const userId of await followers(tx, 'tag', tags)) addReason(reasons, userId, 'vous suivez un de ses mots-clés', 'you follow one of its tags');
  for (const userId of await followers(tx, 'segment', tags)) addReason(reasons, userId, 'vous suivez ce segment', 'you follow this segment');
  const situations = (await tableExists(tx, 'situation_knowledge'))
    ? (await tx.query<{ situation_id: string }>(`select situation_id from situation_knowledge where item_id = $1`, [item.id])).map((row) => row.situation_id)
    : [];
  await situationAccountOwners(tx, situations, reasons);
  const bySegment = tags.length
    ? await tx.query<{ owner_id: string; ids: string[] }>(`select owner_id, array_agg(id) as ids from accounts where lower(segment) = any ($1::text[]) group by owner_id`, [tags])
    : [];
  for (const row of bySegment) {
    const n = (await idsVisibleTo(tx, row.owner_id, 'accounts', row.ids)).length;
    if (n) addReason(reasons, row.owner_id, plural(n, '1 de vos comptes est dans ce segment', '{n} de vos comptes sont dans ce segment'), plural(n, '1 of your accounts is in this segment', '{n} of your accounts are in this segment'));
  }
  if (item.account_ids.length) {
    const linked = await tx.query<{ owner_id: string; ids: string[] }>(`select owner_id, array_agg(id) as ids from accounts where id = any ($1::uuid[]) group by owner_id`, [item.account_ids]);
    for (const row of linked) {
      const n = (await idsVisibleTo(tx, row.owner_id, 'accounts', row.ids)).length;
      if (n) addReason(reasons, row.owner_id, plural(n, 'elle concerne 1 de vos comptes', 'elle concerne {n} de vos comptes'), plural(n, 'it concerns 1 of your accounts', 'it concerns {n} of your accounts'));
    }
  }
  // Nobody is told about an item they may not see (ID-3).
  for (const userId of [...reasons.keys()]) {
    if ((await idsVisibleTo(tx, userId, 'knowledge_items', [item.id])).length === 0) reasons.delete(userId);
  }
  const what = item.type === 'procedure' ? { fr: 'Procédure mise à jour', en: 'Procedure updated' } : { fr: 'Réponse validée mise à jour', en: 'Validated answer updated' };
  await send(tx, deps, event, reasons, {
    title: { fr: `${what.fr} : ${item.title}`, en: `${what.en}: ${item.title}` },
    url: `/knowledge/${item.id}`,
    sourceType: 'knowledge',
    sourceId: item.id,
  });
}

/** A situation's knowledge or advice changed: owners of accounts in it, and its followers. */
export async function onSituationUpdated(event: DomainEvent, tx: Queryable, deps: AppDeps): Promise<void> {
  const { situationId } = event.payload ?? {};
  if (!situationId || !(await tableExists(tx, 'situations'))) return;
  const [situation] = await tx.query<{ name: string }>(`select name from situations where id = $1`, [situationId]);
  if (!situation) return;
  const reasons: Reasons = new Map();
  await situationAccountOwners(tx, [situationId], reasons);
  for (const userId of await followers(tx, 'situation', [situationId])) addReason(reasons, userId, 'vous suivez cette situation', 'you follow this situation');
  await send(tx, deps, event, reasons, {
    title: { fr: `Situation mise à jour : ${situation.name}`, en: `Situation updated: ${situation.name}` },
    url: `/situations/${situationId}`,
    sourceType: 'situation',
    sourceId: situationId,
  });
}

export function subscribeConcerned(deps: AppDeps) {
  deps.events.subscribe('push.product', 'product.updated', (event, tx) => onProductUpdated(event, tx, deps));
  deps.events.subscribe('push.knowledge-updated', 'knowledge.updated', (event, tx) => onKnowledgeChanged(event, tx, deps));
  deps.events.subscribe('push.knowledge-published', 'knowledge.published', (event, tx) => onKnowledgeChanged(event, tx, deps));
  deps.events.subscribe('push.situation', 'situation.updated', (event, tx) => onSituationUpdated(event, tx, deps));
}
