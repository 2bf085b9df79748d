import { writeAudit } from '../../../platform/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { findContact } from './contacts.repository.js';
import { getContact } from './contacts.service.js';

/** Everything Relais holds about a contact (ID-5), as the caller may see it. Audited as an export. */
export async function gdprExport(ctx: Ctx, id: string) {
  const contact = await getContact(ctx, id, 'gdpr_export');
  const addresses = contact.emails.map((email) => email.address);
  const activities = await ctx.tx.query(
    `select x.id, x.kind, x.subject, x.body_md, x.report, x.occurred_at, x.account_id from activities x
      where exists (select 1 from activity_contacts ax where ax.activity_id = x.id and ax.contact_id = $1)
      order by x.occurred_at desc`,
    [id],
  );
  const offers = await ctx.tx.query(`select id, title, account_id, amount, created_at from offers where contact_id = $1 order by created_at desc`, [id]);
  const mails = await ctx.tx.query(
    `select id, to_address, subject, status, created_at, sent_at from mail_messages
      where (related_type = 'contact' and related_id = $1) or lower(to_address) = any ($2::text[]) order by created_at desc`,
    [id, addresses],
  );
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'contact.gdpr_exported', targetType: 'contact', targetId: id, ip: ctx.ip });
  return {
    exportedAt: new Date().toISOString(),
    contact: {
      id: contact.id, firstName: contact.firstName, lastName: contact.lastName, title: contact.title, emails: contact.emails, phones: contact.phones,
      notes: contact.notes, customFields: contact.customFields, createdAt: contact.createdAt, updatedAt: contact.updatedAt, erasedAt: contact.erasedAt,
    },
    consent: { emailConsent: contact.emailConsent, consentAt: contact.consentAt, consentSource: contact.consentSource },
    accounts: contact.accounts,
    activities: activities.map((row: any) => ({ id: row.id, kind: row.kind, subject: row.subject, body: row.body_md, report: row.report, occurredAt: row.occurred_at, accountId: row.account_id })),
    offers: offers.map((row: any) => ({ id: row.id, title: row.title, accountId: row.account_id, amount: row.amount, createdAt: row.created_at })),
    emailsSent: mails.map((row: any) => ({ id: row.id, to: row.to_address, subject: row.subject, status: row.status, createdAt: row.created_at, sentAt: row.sent_at })),
  };
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * GDPR erasure (ID-5): the contact's personal fields are removed and `erased_at` set (the row
 * stays so statistics and links keep their shape); the activities linked to it lose its name
 * and the link; e-mails sent to it forget the address. Owner or admin only; audited.
 */
export async function eraseContact(ctx: Ctx, id: string) {
  const contact = await getContact(ctx, id, 'erase');
  if (contact.erasedAt) throw conflict('contact.already_erased', 'This contact was already erased.');
  if (contact.ownerId !== ctx.actor.userId && ctx.actor.role !== 'admin') throw forbidden('Only the owner or an admin can erase a contact.', 'contact.owner_only');
  const names = [`${contact.firstName} ${contact.lastName}`, `${contact.lastName} ${contact.firstName}`, contact.lastName, contact.firstName]
    .map((name) => name.trim())
    .filter((name, index, all) => name.length > 1 && all.indexOf(name) === index)
    .sort((a, b) => b.length - a.length);
  const patterns = names.map(escapeRegex);
  const addresses = contact.emails.map((email) => email.address.toLowerCase());
  const [{ touched }] = await ctx.tx.query<{ touched: number }>(`select relais_erase_contact($1, $2::text[], $3::text[]) as touched`, [id, patterns, addresses]);
  await ctx.tx.query(
    `update contacts set first_name = '', last_name = '', title = null, emails = '[]', phones = '[]', notes = null, custom_fields = '{}',
            email_consent = false, consent_at = null, consent_source = null, erased_at = now(), updated_at = now() where id = $1`,
    [id],
  );
  await ctx.tx.query(`update account_contacts set role = null where contact_id = $1`, [id]);
  await writeAudit(ctx.tx, { actorId: ctx.actor.userId, action: 'contact.erased', targetType: 'contact', targetId: id, ip: ctx.ip, details: { activitiesAnonymised: touched } });
  await emitEvent(ctx.tx, { type: 'contact.updated', payload: { contactId: id, accountIds: contact.accounts.map((link) => link.accountId), erased: true }, actorId: ctx.actor.userId });
  return (await findContact(ctx.tx, id))!;
}
