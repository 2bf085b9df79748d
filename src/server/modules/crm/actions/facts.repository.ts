import type { Queryable } from '../../../db/client.js';

/**
 * Facts about CRM records as rules see them (PUSH-2), read under the caller's row-level
 * security: a record the caller may not see gives no facts (null), so a check reveals nothing.
 */

export type AccountFacts = {
  accountId: string;
  accountName: string;
  accountKind: string;
  accountSegment: string | null;
  accountSector: string | null;
  accountCountry: string;
  accountCity: string | null;
  accountPostalCode: string | null;
  accountSize: string | null;
  accountTags: string[];
  accountOwnerId: string;
  accountTeamId: string | null;
  accountVisibility: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from clients through the check API: anything else than a uuid names nothing. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export async function findAccountFacts(tx: Queryable, accountIds: string[]): Promise<AccountFacts[]> {
  const ids = accountIds.filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    name: string;
    kind: string;
    segment: string | null;
    sector: string | null;
    country: string;
    city: string | null;
    postal_code: string | null;
    size: string | null;
    tags: string[] | null;
    owner_id: string;
    team_id: string | null;
    visibility: string;
  }>(
    `select id, name, kind, segment, sector, country, city, postal_code, size, tags, owner_id, team_id, visibility
       from accounts where id = any ($1::uuid[]) and merged_into_id is null`,
    [ids],
  );
  return rows.map((row) => ({
    accountId: row.id,
    accountName: row.name,
    accountKind: row.kind,
    accountSegment: row.segment,
    accountSector: row.sector,
    accountCountry: row.country,
    accountCity: row.city,
    accountPostalCode: row.postal_code,
    accountSize: row.size,
    accountTags: row.tags ?? [],
    accountOwnerId: row.owner_id,
    accountTeamId: row.team_id,
    accountVisibility: row.visibility,
  }));
}

export type ProductFacts = {
  productId: string;
  productReference: string;
  productName: string;
  productCategory: string | null;
  listPrice: number;
  listDiscountPercent: number;
  productActive: boolean;
};

export async function findProductFacts(tx: Queryable, productIds: string[]): Promise<ProductFacts[]> {
  const ids = productIds.filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    reference: string;
    name: string;
    category: string | null;
    unit_price: number;
    discount_percent: number;
    active: boolean;
  }>(
    `select id, reference, name, category, unit_price, discount_percent, active from products where id = any ($1::uuid[])`,
    [ids],
  );
  return rows.map((row) => ({
    productId: row.id,
    productReference: row.reference,
    productName: row.name,
    productCategory: row.category,
    listPrice: Number(row.unit_price),
    listDiscountPercent: Number(row.discount_percent),
    productActive: row.active,
  }));
}

export type LineFacts = {
  lineId: string;
  productId: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
};

export type OfferFacts = {
  offerId: string;
  accountId: string;
  offerTitle: string;
  amount: number;
  currency: string;
  stage: string;
  outcome: string;
  expectedCloseDate: string | null;
  ownerId: string;
  visibility: string;
  contactId: string | null;
  lines: LineFacts[];
};

export async function findOfferFacts(tx: Queryable, offerId: unknown): Promise<OfferFacts | null> {
  if (!isUuid(offerId)) return null;
  const [row] = await tx.query<{
    id: string;
    account_id: string;
    title: string;
    amount: number;
    currency: string;
    stage: string;
    outcome: string;
    expected_close_date: string | null;
    owner_id: string;
    visibility: string;
    contact_id: string | null;
  }>(
    `select o.id, o.account_id, o.title, o.amount, o.currency, s.key as stage, s.outcome, o.expected_close_date, o.owner_id, o.visibility, o.contact_id
       from offers o join offer_stages s on s.id = o.stage_id where o.id = $1`,
    [offerId],
  );
  if (!row) return null;
  const lines = await tx.query<{
    id: string;
    product_id: string;
    quantity: number;
    unit_price: number;
    discount_percent: number;
  }>(
    `select id, product_id, quantity, unit_price, discount_percent from offer_lines where offer_id = $1 order by position, id`,
    [offerId],
  );
  return {
    offerId: row.id,
    accountId: row.account_id,
    offerTitle: row.title,
    amount: Number(row.amount),
    currency: row.currency,
    stage: row.stage,
    outcome: row.outcome,
    expectedCloseDate: row.expected_close_date,
    ownerId: row.owner_id,
    visibility: row.visibility,
    contactId: row.contact_id,
    lines: lines.map((line) => ({
      lineId: line.id,
      productId: line.product_id,
      quantity: Number(line.quantity),
      unitPrice: Number(line.unit_price),
      discountPercent: Number(line.discount_percent),
    })),
  };
}

/** The key of the first open stage: where a new offer starts when none is given. */
export async function findFirstOpenStage(tx: Queryable): Promise<string | null> {
  const [row] = await tx.query<{ key: string }>(
    `select key from offer_stages where outcome = 'open' order by position, key limit 1`,
  );
  return row?.key ?? null;
}

export type ContactFacts = {
  contactId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  emailConsent: boolean;
  ownerId: string;
  teamId: string | null;
  visibility: string;
  accountIds: string[];
};

export async function findContactFacts(tx: Queryable, contactId: unknown): Promise<ContactFacts | null> {
  if (!isUuid(contactId)) return null;
  const [row] = await tx.query<{
    id: string;
    first_name: string;
    last_name: string;
    title: string | null;
    email_consent: boolean;
    owner_id: string;
    team_id: string | null;
    visibility: string;
    account_ids: string[] | null;
  }>(
    `select c.id, c.first_name, c.last_name, c.title, c.email_consent, c.owner_id, c.team_id, c.visibility,
            array(select ac.account_id from account_contacts ac join accounts a on a.id = ac.account_id
                   where ac.contact_id = c.id order by ac.account_id) as account_ids
       from contacts c where c.id = $1`,
    [contactId],
  );
  if (!row) return null;
  return {
    contactId: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    emailConsent: row.email_consent,
    ownerId: row.owner_id,
    teamId: row.team_id,
    visibility: row.visibility,
    accountIds: row.account_ids ?? [],
  };
}

export type ActivityFacts = {
  activityId: string;
  accountId: string | null;
  kind: string;
  subject: string;
  offerId: string | null;
  occurredAt: string;
  dueDate: string | null;
  done: boolean;
  visibility: string;
  ownerId: string;
  contactIds: string[];
};

export async function findActivityFacts(tx: Queryable, activityId: unknown): Promise<ActivityFacts | null> {
  if (!isUuid(activityId)) return null;
  const [row] = await tx.query<{
    id: string;
    account_id: string | null;
    kind: string;
    subject: string;
    offer_id: string | null;
    occurred_at: string;
    due_date: string | null;
    done_at: string | null;
    visibility: string;
    owner_id: string;
    contact_ids: string[] | null;
  }>(
    `select x.id, x.account_id, x.kind, x.subject, x.offer_id, x.occurred_at, x.due_date, x.done_at, x.visibility, x.owner_id,
            array(select ac.contact_id from activity_contacts ac join contacts c on c.id = ac.contact_id
                   where ac.activity_id = x.id order by ac.contact_id) as contact_ids
       from activities x where x.id = $1`,
    [activityId],
  );
  if (!row) return null;
  return {
    activityId: row.id,
    accountId: row.account_id,
    kind: row.kind,
    subject: row.subject,
    offerId: row.offer_id,
    occurredAt: row.occurred_at,
    dueDate: row.due_date,
    done: row.done_at !== null,
    visibility: row.visibility,
    ownerId: row.owner_id,
    contactIds: row.contact_ids ?? [],
  };
}
