import type { Queryable } from '../../db/client.js';

/** Types a rule condition can test (PUSH-2). `changes` holds `{ field: { from, to } }`. */
export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'strings', 'id', 'ids'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type ActionField = { name: string; type: FieldType };
export type ActionDefinition = { name: string; label: string; builtIn: boolean; fields: ActionField[] };

const f = (spec: string): ActionField[] =>
  spec.split(/\s+/).filter(Boolean).map((item) => {
    const [name, type = 'string'] = item.split(':');
    return { name, type: type as FieldType };
  });

const ACCOUNT = 'accountId:id name kind segment sector country city postalCode size tags:strings ownerId:id teamId:id visibility';
const CONTACT = 'contactId:id accountIds:ids firstName lastName title emailConsent:boolean ownerId:id';

/** The actions Relais itself checks before saving (CONTRACTS.md, "Action guard"). */
export const BUILT_IN_ACTIONS: ActionDefinition[] = [
  { name: 'account.create', label: 'Create an account', builtIn: true, fields: f(ACCOUNT) },
  { name: 'account.update', label: 'Change an account', builtIn: true, fields: f(ACCOUNT) },
  { name: 'contact.create', label: 'Create a contact', builtIn: true, fields: f(CONTACT) },
  { name: 'contact.update', label: 'Change a contact', builtIn: true, fields: f(CONTACT) },
  {
    name: 'offer.create',
    label: 'Create an offer',
    builtIn: true,
    fields: f('accountId:id accountSegment accountSector accountCountry accountKind title amount:number currency stage expectedCloseDate:date productIds:ids ownerId:id'),
  },
  {
    name: 'offer.update',
    label: 'Change an offer',
    builtIn: true,
    fields: f('offerId:id accountId:id accountSegment accountSector accountCountry title amount:number currency stage expectedCloseDate:date ownerId:id'),
  },
  { name: 'offer.stage.change', label: "Change an offer's stage", builtIn: true, fields: f('offerId:id accountId:id from to amount:number') },
  {
    name: 'offer.line.add',
    label: 'Add a product line',
    builtIn: true,
    fields: f('offerId:id accountId:id productId:id productReference productCategory quantity:number unitPrice:number discountPercent:number'),
  },
  {
    name: 'activity.create',
    label: 'Log an activity',
    builtIn: true,
    fields: f('accountId:id accountSegment accountSector accountCountry kind subject offerId:id occurredAt:date dueDate:date'),
  },
];

/** Every action a rule may target: the catalogue plus those declared by other applications. */
export async function loadActions(db: Queryable): Promise<Map<string, ActionDefinition>> {
  const actions = new Map(BUILT_IN_ACTIONS.map((action) => [action.name, action]));
  const rows = await db.query<{ name: string; label: string; fields: ActionField[] }>(`select name, label, fields from push_actions order by name`);
  for (const row of rows) actions.set(row.name, { name: row.name, label: row.label, builtIn: false, fields: row.fields });
  return actions;
}
