import { formatMoney, formatPercent } from '../../../../common/format.js';
import type { Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import type { DomainEvent } from '../../../platform/events.js';
import type { OwnerCount } from '../shared/push-sources.js';
import { sourcesOf } from '../shared/push-state.js';
import { followers } from './concerned.repository.js';
import { createNotifications, type Localized } from '../notifications/notify.js';

type Reasons = Map<string, { fr: string[]; en: string[] }>;
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many).replace('{n}', String(n));

function addReason(reasons: Reasons, userId: string, fr: string, en: string) {
  const entry = reasons.get(userId) ?? { fr: [], en: [] };
  entry.fr.push(fr);
  entry.en.push(en);
  reasons.set(userId, entry);
}

async function send(
  tx: Queryable,
  deps: AppDeps,
  event: DomainEvent,
  reasons: Reasons,
  spec: { title: Localized; body?: Localized; url: string; sourceType: string; sourceId: string },
) {
  if (event.actorId) reasons.delete(event.actorId);
  await createNotifications(tx, deps, {
    kind: 'change',
    ...spec,
    dedupeKey: `change:${event.type}:${event.id}`,
    recipients: [...reasons].map(([userId, why]) => ({
      userId,
      reason: { fr: why.fr.join(' · '), en: why.en.join(' · ') },
    })),
  });
}

const money = (value: unknown, locale: 'fr' | 'en') =>
  typeof value === 'number' ? formatMoney(value, locale) : String(value ?? '—');
const percent = (value: unknown, locale: 'fr' | 'en') =>
  formatPercent(typeof value === 'number' ? value : 0, locale);

/** Adds a reason for each owner of `n` visible records (n > 0), worded by `n`. */
function addCounted(reasons: Reasons, owners: OwnerCount[], fr: [string, string], en: [string, string]) {
  for (const { ownerId, count } of owners)
    if (count) addReason(reasons, ownerId, plural(count, ...fr), plural(count, ...en));
}

/** A product's price or discount changed: owners of open offers with it, and its followers. */
/** A change of one field as events carry it. */
type Change = { from: unknown; to: unknown };
type ProductUpdated = { productId?: string; changes?: { unitPrice?: Change; discountPercent?: Change } };
type KnowledgeChanged = { itemId?: string };
type SituationUpdated = { situationId?: string };

export async function onProductUpdated(
  event: DomainEvent<ProductUpdated>,
  tx: Queryable,
  deps: AppDeps,
): Promise<void> {
  const { productId, changes = {} } = event.payload ?? {};
  const price = changes.unitPrice;
  const discount = changes.discountPercent;
  if (!productId || (!price && !discount)) return;
  const { crm } = sourcesOf(deps);
  const product = await crm.productLabel(tx, productId);
  if (!product) return;
  const reasons: Reasons = new Map();
  // Count only the offers each owner may see (they own them, unless reassigned since).
  addCounted(
    reasons,
    await crm.openOfferOwners(tx, productId),
    ['vous avez 1 offre en cours avec ce produit', 'vous avez {n} offres en cours avec ce produit'],
    ['you have 1 open offer with this product', 'you have {n} open offers with this product'],
  );
  for (const userId of await followers(tx, 'product', [productId]))
    addReason(reasons, userId, 'vous suivez ce produit', 'you follow this product');
  const parts = { fr: [] as string[], en: [] as string[] };
  if (price) {
    parts.fr.push(`prix ${money(price.from, 'fr')} → ${money(price.to, 'fr')}`);
    parts.en.push(`price ${money(price.from, 'en')} → ${money(price.to, 'en')}`);
  }
  if (discount) {
    parts.fr.push(`remise ${percent(discount.from, 'fr')} → ${percent(discount.to, 'fr')}`);
    parts.en.push(`discount ${percent(discount.from, 'en')} → ${percent(discount.to, 'en')}`);
  }
  await send(tx, deps, event, reasons, {
    title: { fr: `${product.name} : ${parts.fr.join(', ')}`, en: `${product.name}: ${parts.en.join(', ')}` },
    body: {
      fr: `Le produit **${product.reference}** a changé : ${parts.fr.join(', ')}.`,
      en: `Product **${product.reference}** changed: ${parts.en.join(', ')}.`,
    },
    url: `/products/${productId}`,
    sourceType: 'product',
    sourceId: productId,
  });
}

/** Owners of accounts in a situation (confirmed), with how many of their accounts. */
async function situationAccountOwners(
  tx: Queryable,
  deps: AppDeps,
  situationIds: string[],
  reasons: Reasons,
) {
  if (situationIds.length === 0) return;
  const { crm, knowledge } = sourcesOf(deps);
  const accountIds = await knowledge.accountsInSituations(tx, situationIds);
  if (accountIds.length === 0) return;
  addCounted(
    reasons,
    await crm.accountOwners(tx, accountIds),
    ['1 de vos comptes est dans cette situation', '{n} de vos comptes sont dans cette situation'],
    ['1 of your accounts is in this situation', '{n} of your accounts are in this situation'],
  );
}

/** A procedure or a validated answer changed: followers, accounts' owners by situation, segment or link. */
export async function onKnowledgeChanged(
  event: DomainEvent<KnowledgeChanged>,
  tx: Queryable,
  deps: AppDeps,
): Promise<void> {
  const { itemId } = event.payload ?? {};
  if (!itemId) return;
  const { crm, knowledge } = sourcesOf(deps);
  const item = await knowledge.knowledgeItemFacts(tx, itemId);
  if (
    !item ||
    !['procedure', 'answer'].includes(item.type) ||
    !['validated', 'published'].includes(item.status)
  )
    return;
  const reasons: Reasons = new Map();
  for (const userId of await followers(tx, 'knowledge', [item.id]))
    addReason(reasons, userId, 'vous suivez cette fiche', 'you follow this item');
  const tags = item.tags.map((tag) => tag.toLowerCase());
  for (const userId of await followers(tx, 'tag', tags))
    addReason(reasons, userId, 'vous suivez un de ses mots-clés', 'you follow one of its tags');
  for (const userId of await followers(tx, 'segment', tags))
    addReason(reasons, userId, 'vous suivez ce segment', 'you follow this segment');
  await situationAccountOwners(tx, deps, await knowledge.situationsOfItem(tx, item.id), reasons);
  if (tags.length)
    addCounted(
      reasons,
      await crm.segmentAccountOwners(tx, tags),
      ['1 de vos comptes est dans ce segment', '{n} de vos comptes sont dans ce segment'],
      ['1 of your accounts is in this segment', '{n} of your accounts are in this segment'],
    );
  if (item.accountIds.length)
    addCounted(
      reasons,
      await crm.accountOwners(tx, item.accountIds),
      ['elle concerne 1 de vos comptes', 'elle concerne {n} de vos comptes'],
      ['it concerns 1 of your accounts', 'it concerns {n} of your accounts'],
    );
  // Nobody is told about an item they may not see (ID-3).
  for (const userId of [...reasons.keys()]) {
    if (!(await knowledge.knowledgeVisibleTo(tx, userId, item.id))) reasons.delete(userId);
  }
  const what =
    item.type === 'procedure'
      ? { fr: 'Procédure mise à jour', en: 'Procedure updated' }
      : { fr: 'Réponse validée mise à jour', en: 'Validated answer updated' };
  await send(tx, deps, event, reasons, {
    title: { fr: `${what.fr} : ${item.title}`, en: `${what.en}: ${item.title}` },
    url: `/knowledge/${item.id}`,
    sourceType: 'knowledge',
    sourceId: item.id,
  });
}

/** A situation's knowledge or advice changed: owners of accounts in it, and its followers. */
export async function onSituationUpdated(
  event: DomainEvent<SituationUpdated>,
  tx: Queryable,
  deps: AppDeps,
): Promise<void> {
  const { situationId } = event.payload ?? {};
  if (!situationId) return;
  const name = await sourcesOf(deps).knowledge.situationName(tx, situationId);
  if (name === null) return;
  const reasons: Reasons = new Map();
  await situationAccountOwners(tx, deps, [situationId], reasons);
  for (const userId of await followers(tx, 'situation', [situationId]))
    addReason(reasons, userId, 'vous suivez cette situation', 'you follow this situation');
  await send(tx, deps, event, reasons, {
    title: { fr: `Situation mise à jour : ${name}`, en: `Situation updated: ${name}` },
    url: `/situations/${situationId}`,
    sourceType: 'situation',
    sourceId: situationId,
  });
}

export function subscribeConcerned(deps: AppDeps) {
  deps.events.subscribe<ProductUpdated>('push.product', 'product.updated', (event, tx) =>
    onProductUpdated(event, tx, deps),
  );
  deps.events.subscribe<KnowledgeChanged>('push.knowledge-updated', 'knowledge.updated', (event, tx) =>
    onKnowledgeChanged(event, tx, deps),
  );
  deps.events.subscribe<KnowledgeChanged>('push.knowledge-published', 'knowledge.published', (event, tx) =>
    onKnowledgeChanged(event, tx, deps),
  );
  deps.events.subscribe<SituationUpdated>('push.situation', 'situation.updated', (event, tx) =>
    onSituationUpdated(event, tx, deps),
  );
}
