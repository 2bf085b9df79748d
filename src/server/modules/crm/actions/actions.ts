import type { Ctx } from '../../../platform/context.js';
import { defaultSubject, SUBJECT_KINDS } from '../activities/activities.service.js';
import type {
  ActionDefinition,
  ActionField,
  ActionFields,
  ActionFieldType,
} from '../../../platform/extension-points.js';
import {
  findAccountFacts,
  findActivityFacts,
  findContactFacts,
  findFirstOpenStage,
  findOfferFacts,
  findProductFacts,
  isUuid,
  type AccountFacts,
  type LineFacts,
  type OfferFacts,
  type ProductFacts,
} from './facts.repository.js';

/**
 * The CRM's share of the action catalogue (PUSH-2): every CRM write a rule may watch, its
 * fields, and how they are completed from the ids a client sends. Services call
 * `ctx.deps.points.checkAction(ctx, name, valuesAboutToBeSaved)` before each of these writes;
 * `POST /api/v1/push/check` completes fields the same way, so a form may send only ids.
 */

const f = (spec: string): ActionField[] =>
  spec
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [name, type = 'string'] = item.split(':');
      return { name, type: type as ActionFieldType };
    });

const ACCOUNT_OWN = [
  'name',
  'kind',
  'segment',
  'sector',
  'country',
  'city',
  'postalCode',
  'size',
  'tags',
  'ownerId',
  'teamId',
  'visibility',
] as const;
const ACCOUNT = f(
  'accountId:id name kind segment sector country city postalCode size tags:strings ownerId:id teamId:id visibility',
);
const ACCOUNT_FACTS = f(
  'accountName accountKind accountSegment accountSector accountCountry accountCity accountPostalCode accountSize accountTags:strings',
);
const CONTACT_OWN = [
  'firstName',
  'lastName',
  'title',
  'emailConsent',
  'ownerId',
  'visibility',
  'accountIds',
] as const;
const CONTACT = f(
  'contactId:id accountIds:ids firstName lastName title emailConsent:boolean ownerId:id visibility accountSegments:strings accountSectors:strings accountCountries:strings accountKinds:strings',
);
const OFFER_OWN = ['title', 'contactId', 'expectedCloseDate', 'ownerId', 'visibility'] as const;
const LINES = f(
  'lineCount:number productIds:ids productReferences:strings productCategories:strings maxDiscountPercent:number minUnitPrice:number',
);
const PRODUCT = f(
  'productId:id productReference productName productCategory listPrice:number priceBelowListPercent:number',
);
const LINE_OWN = ['quantity', 'unitPrice', 'discountPercent'] as const;
const LINE = [
  ...f(
    'offerId:id accountId:id offerTitle offerStage quantity:number unitPrice:number discountPercent:number lineAmount:number',
  ),
  ...PRODUCT,
  ...ACCOUNT_FACTS,
];
const ACTIVITY_OWN = [
  'subject',
  'offerId',
  'occurredAt',
  'dueDate',
  'visibility',
  'done',
  'contactIds',
] as const;
const ACTIVITY = [
  ...f('accountId:id kind subject offerId:id contactIds:ids occurredAt:date dueDate:date visibility'),
  ...ACCOUNT_FACTS,
];
const CHANGES = f('changes');

type Changes = Record<string, { from: unknown; to: unknown }>;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The values a client or service gives for `names` (absent = unchanged). */
function given(fields: ActionFields, names: readonly string[]): ActionFields {
  return Object.fromEntries(
    names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]),
  );
}

function diff(current: ActionFields, next: ActionFields, names: readonly string[]): Changes {
  const changes: Changes = {};
  for (const name of names)
    if (!same(current[name], next[name]))
      changes[name] = { from: current[name] ?? null, to: next[name] ?? null };
  return changes;
}

const sortedIds = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter(isUuid))].sort() : [];
const unique = (values: (string | null)[]) => [
  ...new Set(values.filter((value): value is string => Boolean(value))),
];

/** The facts of an account as rules on other records name them (accountSegment…). */
async function withAccountFacts(ctx: Ctx, fields: ActionFields, accountId: unknown): Promise<ActionFields> {
  const [facts] = isUuid(accountId) ? await findAccountFacts(ctx.tx, [accountId]) : [];
  if (!facts) return fields;
  const { accountOwnerId: _o, accountTeamId: _t, accountVisibility: _v, ...shown } = facts;
  return { ...fields, ...shown };
}

const accountAsFields = (facts: AccountFacts): ActionFields => ({
  accountId: facts.accountId,
  name: facts.accountName,
  kind: facts.accountKind,
  segment: facts.accountSegment,
  sector: facts.accountSector,
  country: facts.accountCountry,
  city: facts.accountCity,
  postalCode: facts.accountPostalCode,
  size: facts.accountSize,
  tags: facts.accountTags,
  ownerId: facts.accountOwnerId,
  teamId: facts.accountTeamId,
  visibility: facts.accountVisibility,
});

/** Lines with the catalogue's price and discount where none is given, and their aggregates. */
function lineAggregates(
  lines: { productId: string; quantity: number; unitPrice: number; discountPercent: number }[],
  products: Map<string, ProductFacts>,
) {
  return {
    lineCount: lines.length,
    productIds: unique(lines.map((line) => line.productId)),
    productReferences: unique(lines.map((line) => products.get(line.productId)?.productReference ?? null)),
    productCategories: unique(lines.map((line) => products.get(line.productId)?.productCategory ?? null)),
    maxDiscountPercent: lines.length ? Math.max(...lines.map((line) => line.discountPercent)) : null,
    minUnitPrice: lines.length ? Math.min(...lines.map((line) => line.unitPrice)) : null,
  };
}

const lineAmount = (line: { quantity: number; unitPrice: number; discountPercent: number }) =>
  Math.round(line.quantity * line.unitPrice * (100 - line.discountPercent)) / 100;

async function productsOf(ctx: Ctx, ids: string[]): Promise<Map<string, ProductFacts>> {
  return new Map((await findProductFacts(ctx.tx, ids)).map((product) => [product.productId, product]));
}

async function offerWithLines(ctx: Ctx, offer: OfferFacts): Promise<ActionFields> {
  const products = await productsOf(
    ctx,
    offer.lines.map((line) => line.productId),
  );
  return withAccountFacts(
    ctx,
    {
      offerId: offer.offerId,
      accountId: offer.accountId,
      offerTitle: offer.offerTitle,
      amount: offer.amount,
      currency: offer.currency,
      stage: offer.stage,
      ownerId: offer.ownerId,
      ...lineAggregates(offer.lines, products),
    },
    offer.accountId,
  );
}

/** A line's fields: the offer and account it is on, its product, its values, its amount. */
async function lineFields(
  ctx: Ctx,
  offer: OfferFacts | null,
  line: Omit<LineFacts, 'lineId'> & { lineId?: string },
  extra: ActionFields = {},
): Promise<ActionFields> {
  const [product] = await findProductFacts(ctx.tx, [line.productId]);
  const base: ActionFields = {
    ...extra,
    ...(offer
      ? {
          offerId: offer.offerId,
          accountId: offer.accountId,
          offerTitle: offer.offerTitle,
          offerStage: offer.stage,
        }
      : {}),
    ...(line.lineId ? { lineId: line.lineId } : {}),
    productId: line.productId,
    ...(product
      ? {
          productReference: product.productReference,
          productName: product.productName,
          productCategory: product.productCategory,
          listPrice: product.listPrice,
          // How far the unit price is under the catalogue price, in % (a floor rule reads it).
          priceBelowListPercent:
            product.listPrice > 0
              ? Math.round(((product.listPrice - line.unitPrice) / product.listPrice) * 1000) / 10
              : 0,
        }
      : {}),
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    lineAmount: lineAmount(line),
  };
  return offer ? withAccountFacts(ctx, base, offer.accountId) : base;
}

const toNumber = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export const CRM_ACTIONS: ActionDefinition[] = [
  {
    name: 'account.create',
    label: { fr: 'Créer un compte', en: 'Create an account' },
    fields: ACCOUNT,
    keyFields: ['name'],
    // The defaults of a new account (FR, prospect, team…), as the save applies them.
    async derive(ctx, fields) {
      return {
        ...fields,
        kind: fields.kind ?? 'prospect',
        country: fields.country || 'FR',
        visibility: fields.visibility ?? 'team',
        tags: fields.tags ?? [],
        ownerId: fields.ownerId ?? ctx.actor.userId,
      };
    },
  },
  {
    name: 'account.update',
    label: { fr: 'Modifier un compte', en: 'Change an account' },
    fields: [...ACCOUNT, ...CHANGES],
    keyFields: ['accountId'],
    async derive(ctx, fields) {
      const [facts] = isUuid(fields.accountId) ? await findAccountFacts(ctx.tx, [fields.accountId]) : [];
      if (!facts) return fields;
      const current = accountAsFields(facts);
      const next = { ...current, ...given(fields, ACCOUNT_OWN) };
      return { ...fields, ...next, changes: diff(current, next, ACCOUNT_OWN) };
    },
  },
  {
    name: 'contact.create',
    label: { fr: 'Créer un contact', en: 'Create a contact' },
    fields: CONTACT,
    keyFields: ['firstName', 'lastName', 'accountIds'],
    async derive(ctx, fields) {
      const accountIds = sortedIds(
        fields.accountIds ??
          (fields.accounts as { accountId?: unknown }[] | undefined)?.map((link) => link?.accountId),
      );
      const { accounts: _links, ...rest } = fields;
      return {
        ...rest,
        accountIds,
        ...(await contactAccounts(ctx, accountIds)),
        emailConsent: fields.emailConsent ?? false,
        visibility: fields.visibility ?? 'team',
        ownerId: fields.ownerId ?? ctx.actor.userId,
      };
    },
  },
  {
    name: 'contact.update',
    label: { fr: 'Modifier un contact', en: 'Change a contact' },
    fields: [...CONTACT, ...CHANGES],
    keyFields: ['contactId'],
    async derive(ctx, fields) {
      const facts = await findContactFacts(ctx.tx, fields.contactId);
      if (!facts) return fields;
      const { accounts: links, ...rest } = fields;
      const linked =
        rest.accountIds ?? (links as { accountId?: unknown }[] | undefined)?.map((link) => link?.accountId);
      const current = { ...facts, accountIds: sortedIds(facts.accountIds) } as ActionFields;
      const next = {
        ...current,
        ...given(rest, CONTACT_OWN),
        ...(linked ? { accountIds: sortedIds(linked) } : {}),
      };
      return {
        ...rest,
        ...next,
        ...(await contactAccounts(ctx, next.accountIds as string[])),
        changes: diff(current, next, CONTACT_OWN),
      };
    },
  },
  {
    name: 'offer.create',
    label: { fr: 'Créer une offre', en: 'Create an offer' },
    fields: [
      ...f('accountId:id title amount:number currency stage expectedCloseDate:date ownerId:id'),
      ...ACCOUNT_FACTS,
      ...LINES,
    ],
    keyFields: ['accountId', 'title'],
    async derive(ctx, fields) {
      const asked: Record<string, unknown>[] = Array.isArray(fields.lines)
        ? (fields.lines as Record<string, unknown>[]).filter((line) => line && isUuid(line.productId))
        : sortedIds(fields.productIds).map((productId) => ({ productId }));
      const products = await productsOf(
        ctx,
        asked.map((line) => line.productId as string),
      );
      const lines = asked
        .filter((line) => products.has(line.productId as string))
        .map((line) => {
          const product = products.get(line.productId as string)!;
          return {
            productId: product.productId,
            quantity: toNumber(line.quantity, 1),
            unitPrice: toNumber(line.unitPrice, product.listPrice),
            discountPercent: toNumber(line.discountPercent, product.listDiscountPercent),
          };
        });
      const { productIds: _ids, ...rest } = fields;
      return withAccountFacts(
        ctx,
        {
          ...rest,
          lines,
          ...lineAggregates(lines, products),
          amount:
            typeof fields.amount === 'number'
              ? fields.amount
              : Math.round(lines.reduce((sum, line) => sum + lineAmount(line) * 100, 0)) / 100,
          stage: fields.stage ?? (await findFirstOpenStage(ctx.tx)),
          currency: fields.currency ?? 'EUR',
          ownerId: fields.ownerId ?? ctx.actor.userId,
        },
        fields.accountId,
      );
    },
  },
  {
    name: 'offer.update',
    label: { fr: 'Modifier une offre', en: 'Change an offer' },
    fields: [
      ...f(
        'offerId:id accountId:id title contactId:id amount:number currency stage expectedCloseDate:date ownerId:id visibility',
      ),
      ...ACCOUNT_FACTS,
      ...LINES,
      ...CHANGES,
    ],
    keyFields: ['offerId'],
    async derive(ctx, fields) {
      const offer = await findOfferFacts(ctx.tx, fields.offerId);
      if (!offer) return fields;
      const current: ActionFields = {
        title: offer.offerTitle,
        contactId: offer.contactId,
        expectedCloseDate: offer.expectedCloseDate,
        ownerId: offer.ownerId,
        visibility: offer.visibility,
      };
      const next = { ...current, ...given(fields, OFFER_OWN) };
      return {
        ...fields,
        ...(await offerWithLines(ctx, offer)),
        ...next,
        changes: diff(current, next, OFFER_OWN),
      };
    },
  },
  {
    name: 'offer.stage.change',
    label: { fr: 'Changer l’étape d’une offre', en: 'Change an offer’s stage' },
    fields: [
      ...f('offerId:id accountId:id offerTitle from to amount:number currency ownerId:id'),
      ...ACCOUNT_FACTS,
      ...LINES,
    ],
    keyFields: ['offerId', 'to'],
    async derive(ctx, fields) {
      const offer = await findOfferFacts(ctx.tx, fields.offerId);
      if (!offer) return fields;
      const { stage: _stage, ...facts } = await offerWithLines(ctx, offer);
      return { ...fields, ...facts, from: offer.stage };
    },
  },
  {
    name: 'offer.line.add',
    label: { fr: 'Ajouter une ligne de produit', en: 'Add a product line' },
    fields: LINE,
    keyFields: ['offerId', 'productId'],
    async derive(ctx, fields) {
      const offer = await findOfferFacts(ctx.tx, fields.offerId);
      if (!isUuid(fields.productId))
        return offer
          ? withAccountFacts(ctx, { ...fields, accountId: offer.accountId }, offer.accountId)
          : fields;
      const [product] = await findProductFacts(ctx.tx, [fields.productId]);
      return lineFields(
        ctx,
        offer,
        {
          productId: fields.productId,
          quantity: toNumber(fields.quantity, 1),
          unitPrice: toNumber(fields.unitPrice, product?.listPrice ?? 0),
          discountPercent: toNumber(fields.discountPercent, product?.listDiscountPercent ?? 0),
        },
        fields,
      );
    },
  },
  {
    name: 'offer.line.update',
    label: { fr: 'Modifier une ligne de produit', en: 'Change a product line' },
    fields: [...LINE, ...f('lineId:id'), ...CHANGES],
    keyFields: ['offerId', 'lineId'],
    // A line changed to 35 % is a line at 35 %: the rules about adding such a line hold too.
    alsoChecks: ['offer.line.add'],
    async derive(ctx, fields) {
      const offer = await findOfferFacts(ctx.tx, fields.offerId);
      const line = offer?.lines.find((candidate) => candidate.lineId === fields.lineId);
      if (!offer || !line) return fields;
      const current: ActionFields = {
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent,
      };
      const next = { ...current, ...given(fields, LINE_OWN) };
      const values = {
        ...line,
        quantity: toNumber(next.quantity, line.quantity),
        unitPrice: toNumber(next.unitPrice, line.unitPrice),
        discountPercent: toNumber(next.discountPercent, line.discountPercent),
      };
      return lineFields(ctx, offer, values, { ...fields, changes: diff(current, values, LINE_OWN) });
    },
  },
  {
    name: 'offer.line.delete',
    label: { fr: 'Supprimer une ligne de produit', en: 'Remove a product line' },
    fields: [...LINE, ...f('lineId:id')],
    keyFields: ['offerId', 'lineId'],
    async derive(ctx, fields) {
      const offer = await findOfferFacts(ctx.tx, fields.offerId);
      const line = offer?.lines.find((candidate) => candidate.lineId === fields.lineId);
      return offer && line ? lineFields(ctx, offer, line, fields) : fields;
    },
  },
  {
    name: 'activity.create',
    label: { fr: 'Enregistrer une activité', en: 'Log an activity' },
    fields: ACTIVITY,
    keyFields: ['accountId', 'kind'],
    async derive(ctx, fields) {
      const completed = await withAccountFacts(
        ctx,
        { ...fields, contactIds: sortedIds(fields.contactIds) },
        fields.accountId,
      );
      // No subject typed: the one the save will give ("Visite – Boulangerie Martin").
      const kind = typeof fields.kind === 'string' && fields.kind in SUBJECT_KINDS ? fields.kind : 'visit';
      if (!fields.subject)
        completed.subject = defaultSubject(
          kind as keyof typeof SUBJECT_KINDS,
          ctx.locale,
          completed.accountName as string | undefined,
        );
      return { ...completed, kind };
    },
  },
  {
    name: 'activity.update',
    label: { fr: 'Modifier une activité', en: 'Change an activity' },
    fields: [...ACTIVITY, ...f('activityId:id done:boolean'), ...CHANGES],
    keyFields: ['activityId'],
    async derive(ctx, fields) {
      const facts = await findActivityFacts(ctx.tx, fields.activityId);
      if (!facts) return fields;
      const current = { ...facts, contactIds: sortedIds(facts.contactIds) } as ActionFields;
      const next = {
        ...current,
        ...given(fields, ACTIVITY_OWN),
        ...(fields.contactIds ? { contactIds: sortedIds(fields.contactIds) } : {}),
      };
      return withAccountFacts(
        ctx,
        { ...fields, ...next, changes: diff(current, next, ACTIVITY_OWN) },
        facts.accountId,
      );
    },
  },
];

/** The accounts a contact works for, as lists (a contact may have several employers). */
async function contactAccounts(ctx: Ctx, accountIds: string[]): Promise<ActionFields> {
  const accounts = await findAccountFacts(ctx.tx, accountIds);
  return {
    accountSegments: unique(accounts.map((a) => a.accountSegment)),
    accountSectors: unique(accounts.map((a) => a.accountSector)),
    accountCountries: unique(accounts.map((a) => a.accountCountry)),
    accountKinds: unique(accounts.map((a) => a.accountKind)),
  };
}
