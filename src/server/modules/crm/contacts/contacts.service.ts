import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { forbidden, notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { keysetOf, orderBy, type ListQuery, type Page } from '../../../platform/list-query.js';
import { auditSecretRead } from '../../../platform/visibility.js';
import { findUserTeam } from '../accounts/accounts.repository.js';
import { applyCustomFields, validateCustomFields } from '../custom-fields/custom-fields.service.js';
import { mayManageContact } from './contacts.policy.js';
import {
  findAllContacts,
  findContact,
  findContacts,
  insertContact,
  replaceAccountLinks,
  deleteContactRow,
  updateContactRow,
  visibleAccountIds,
} from './contacts.repository.js';
import {
  CONTACT_NOT_NULL_SORTS,
  CONTACT_SORTS,
  type Contact,
  type ContactFilters,
  type ContactInput,
  type ContactPatch,
} from './contacts.schemas.js';

export async function listContacts(
  ctx: Ctx,
  filters: ContactFilters,
  query: ListQuery,
): Promise<Page<Contact>> {
  return findContacts(
    ctx.tx,
    filters,
    keysetOf(query.sort, CONTACT_SORTS, 'lastName', 'c.id', CONTACT_NOT_NULL_SORTS),
    query.limit,
    query.cursor,
  );
}

export async function exportContacts(
  ctx: Ctx,
  filters: ContactFilters,
  format: 'csv' | 'vcf',
  sort?: string,
): Promise<Contact[]> {
  const rows = await findAllContacts(
    ctx.tx,
    filters,
    orderBy(sort, CONTACT_SORTS, 'lastName', 'c.id'),
    50_000,
  );
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'contact.exported',
    targetType: 'contact',
    ip: ctx.ip,
    details: { filters, format, count: rows.length },
  });
  return rows;
}

export async function getContact(ctx: Ctx, id: string, how = 'get'): Promise<Contact> {
  const contact = await findContact(ctx.tx, id);
  if (!contact) throw notFound('contact');
  await auditSecretRead(ctx, 'contact', contact, how);
  return contact;
}

/** Account links must name accounts the caller can see; at most one primary per contact is kept as given. */
async function checkLinks(ctx: Ctx, links: ContactInput['accounts'], errors: FieldError[]) {
  const visible = await visibleAccountIds(
    ctx.tx,
    links.map((link) => link.accountId),
  );
  links.forEach((link, index) => {
    if (!visible.has(link.accountId))
      errors.push({
        field: `accounts.${index}.accountId`,
        message: 'Unknown account.',
        code: 'unknown_account',
      });
  });
  const seen = new Set<string>();
  links.forEach((link, index) => {
    if (seen.has(link.accountId))
      errors.push({ field: `accounts.${index}.accountId`, message: 'Linked twice.', code: 'duplicate' });
    seen.add(link.accountId);
  });
}

function checkName(input: { firstName?: string; lastName?: string }, errors: FieldError[]) {
  if (!input.firstName?.trim() && !input.lastName?.trim())
    errors.push({ field: 'lastName', message: 'Give a first or last name.', code: 'required' });
}

function checkEmails(emails: { address: string }[] | undefined, errors: FieldError[]) {
  const seen = new Set<string>();
  emails?.forEach((email, index) => {
    if (seen.has(email.address))
      errors.push({ field: `emails.${index}.address`, message: 'Listed twice.', code: 'duplicate' });
    seen.add(email.address);
  });
}

/** What rules see of a contact: a stored one, or the input of one being created. */
type GuardedContact = Partial<
  Pick<Contact, 'id' | 'firstName' | 'lastName' | 'title' | 'emailConsent' | 'visibility'>
> & { accountIds?: string[]; accounts?: { accountId: string }[] };

const guardFields = (contact: GuardedContact, extra: Record<string, unknown> = {}) => ({
  contactId: contact.id,
  firstName: contact.firstName,
  lastName: contact.lastName,
  title: contact.title,
  emailConsent: contact.emailConsent,
  accountIds: contact.accountIds ?? contact.accounts?.map((link) => link.accountId),
  visibility: contact.visibility,
  ...extra,
});

export async function createContact(
  ctx: Ctx,
  input: ContactInput,
  options: { audit?: boolean } = {},
): Promise<Contact> {
  const errors: FieldError[] = [];
  checkName(input, errors);
  checkEmails(input.emails, errors);
  await checkLinks(ctx, input.accounts, errors);
  const ownerId = input.ownerId ?? ctx.actor.userId;
  const ownerTeam = await findUserTeam(ctx.tx, ownerId);
  if (!ownerTeam)
    errors.push({ field: 'ownerId', message: 'Unknown or inactive user.', code: 'unknown_user' });
  if (errors.length) throw validationError(errors);
  const customFields = applyCustomFields(
    {},
    await validateCustomFields(ctx.tx, 'contact', input.customFields),
  );
  const consent = input.emailConsent
    ? {
        consentAt: input.consentAt ?? new Date().toISOString(),
        consentSource: input.consentSource ?? 'manual',
      }
    : { consentAt: input.consentAt ?? null, consentSource: input.consentSource ?? null };
  const values = {
    ...input,
    ...consent,
    customFields,
    ownerId,
    teamId: input.teamId !== undefined ? input.teamId : ownerTeam!.teamId,
  };
  await ctx.deps.points.checkAction(
    ctx,
    'contact.create',
    guardFields({ ...values, accountIds: input.accounts.map((link) => link.accountId) }),
  );
  const id = await insertContact(ctx.tx, values);
  await replaceAccountLinks(ctx.tx, id, input.accounts);
  await emitEvent(ctx.tx, {
    type: 'contact.created',
    payload: { contactId: id, accountIds: input.accounts.map((link) => link.accountId) },
    actorId: ctx.actor.userId,
  });
  void options;
  return (await findContact(ctx.tx, id))!;
}

export async function updateContact(ctx: Ctx, id: string, patch: ContactPatch): Promise<Contact> {
  const current = await findContact(ctx.tx, id);
  if (!current) throw notFound('contact');
  if (current.erasedAt)
    throw forbidden('This contact was erased (GDPR); it can no longer be edited.', 'contact.erased');
  const sensitive =
    (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) ||
    (patch.visibility !== undefined && patch.visibility !== current.visibility) ||
    (patch.teamId !== undefined && patch.teamId !== current.teamId);
  if (sensitive && !mayManageContact(ctx.actor, current))
    throw forbidden(
      'Only the owner or an admin can change the owner, team or confidentiality.',
      'contact.owner_only',
    );
  const errors: FieldError[] = [];
  checkName(
    { firstName: patch.firstName ?? current.firstName, lastName: patch.lastName ?? current.lastName },
    errors,
  );
  checkEmails(patch.emails, errors);
  if (patch.accounts) await checkLinks(ctx, patch.accounts, errors);
  const values: Record<string, unknown> = { ...patch };
  delete values.accounts;
  if (patch.ownerId && patch.ownerId !== current.ownerId) {
    const team = await findUserTeam(ctx.tx, patch.ownerId);
    if (!team) errors.push({ field: 'ownerId', message: 'Unknown or inactive user.', code: 'unknown_user' });
    else if (patch.teamId === undefined) values.teamId = team.teamId;
  }
  if (errors.length) throw validationError(errors);
  if (patch.customFields)
    values.customFields = applyCustomFields(
      current.customFields,
      await validateCustomFields(ctx.tx, 'contact', patch.customFields),
    );
  if (patch.emailConsent === true && !current.emailConsent) {
    values.consentAt = patch.consentAt ?? new Date().toISOString();
    values.consentSource = patch.consentSource ?? 'manual';
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(values)) {
    const from = (current as Record<string, unknown>)[key];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null))
      changes[key] = { from: from ?? null, to: to ?? null };
  }
  const fromIds = current.accounts.map((link) => link.accountId).sort();
  const toIds = patch.accounts?.map((link) => link.accountId).sort();
  if (toIds && JSON.stringify(fromIds) !== JSON.stringify(toIds))
    changes.accountIds = { from: fromIds, to: toIds };
  if (
    patch.accounts &&
    JSON.stringify(patch.accounts.map((l) => [l.accountId, l.role ?? null, l.isPrimary])) !==
      JSON.stringify(current.accounts.map((l) => [l.accountId, l.role, l.isPrimary]))
  ) {
    changes.accounts = {
      from: current.accounts.map(({ accountId, role }) => ({ accountId, role })),
      to: patch.accounts.map(({ accountId, role }) => ({ accountId, role: role ?? null })),
    };
  }
  if (Object.keys(changes).length === 0) return current;
  await ctx.deps.points.checkAction(
    ctx,
    'contact.update',
    guardFields({ ...current, ...(values as Partial<Contact>), accountIds: toIds ?? fromIds }, { changes }),
  );
  await updateContactRow(
    ctx.tx,
    id,
    Object.fromEntries(
      Object.keys(changes)
        .filter((key) => key in values)
        .map((key) => [key, values[key]]),
    ),
  );
  if (patch.accounts) await replaceAccountLinks(ctx.tx, id, patch.accounts);
  const contact = await findContact(ctx.tx, id);
  if (!contact)
    throw forbidden(
      'After this change you would no longer see the contact; ask its owner.',
      'contact.would_hide',
    );
  await emitEvent(ctx.tx, {
    type: 'contact.updated',
    payload: { contactId: id, accountIds: contact.accounts.map((link) => link.accountId), changes },
    actorId: ctx.actor.userId,
  });
  return contact;
}

export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  const current = await findContact(ctx.tx, id);
  if (!current) throw notFound('contact');
  if (!mayManageContact(ctx.actor, current))
    throw forbidden('Only the owner or an admin can delete this contact.', 'contact.owner_only');
  await deleteContactRow(ctx.tx, id);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'contact.deleted',
    targetType: 'contact',
    targetId: id,
    ip: ctx.ip,
    details: { visibility: current.visibility },
  });
}
