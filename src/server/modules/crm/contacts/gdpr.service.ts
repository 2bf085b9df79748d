import { writeAudit } from '../../../platform/audit.js';
import { noteSecretRows } from '../../../platform/secret-reads.js';
import type { Ctx } from '../../../platform/context.js';
import { conflict, forbidden } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { mayManageContact } from './contacts.policy.js';
import { findContact } from './contacts.repository.js';
import {
  eraseContactRows,
  findContactActivities,
  findContactMails,
  findContactOffers,
} from './gdpr.repository.js';
import { getContact } from './contacts.service.js';

/** Everything Relais holds about a contact (ID-5), as the caller may see it. Audited as an export. */
export async function gdprExport(ctx: Ctx, id: string) {
  const contact = await getContact(ctx, id, 'gdpr_export');
  const addresses = contact.emails.map((email) => email.address);
  const activities = await findContactActivities(ctx.tx, id);
  const offers = await findContactOffers(ctx.tx, id);
  noteSecretRows('activity', activities, 'gdpr_export');
  noteSecretRows('offer', offers, 'gdpr_export');
  const mails = await findContactMails(ctx.tx, id, addresses);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'contact.gdpr_exported',
    targetType: 'contact',
    targetId: id,
    ip: ctx.ip,
  });
  return {
    exportedAt: new Date().toISOString(),
    contact: {
      id: contact.id,
      firstName: contact.firstName,
      lastName: contact.lastName,
      title: contact.title,
      emails: contact.emails,
      phones: contact.phones,
      notes: contact.notes,
      customFields: contact.customFields,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
      erasedAt: contact.erasedAt,
    },
    consent: {
      emailConsent: contact.emailConsent,
      consentAt: contact.consentAt,
      consentSource: contact.consentSource,
    },
    accounts: contact.accounts,
    activities: activities.map((row) => ({
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      body: row.body_md,
      report: row.report,
      occurredAt: row.occurred_at,
      accountId: row.account_id,
    })),
    offers: offers.map((row) => ({
      id: row.id,
      title: row.title,
      accountId: row.account_id,
      amount: row.amount,
      createdAt: row.created_at,
    })),
    emailsSent: mails.map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      status: row.status,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    })),
  };
}

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * GDPR erasure (ID-5): the contact's personal fields are removed and `erased_at` set (the row
 * stays so statistics and links keep their shape); the activities linked to it lose its name
 * and the link; e-mails sent to it forget the address; events and the audit log lose its values;
 * other modules forget their copies through `points.registerContactErasure`. Owner or admin only; audited.
 */
export async function eraseContact(ctx: Ctx, id: string) {
  const contact = await getContact(ctx, id, 'erase');
  if (contact.erasedAt) throw conflict('contact.already_erased', 'This contact was already erased.');
  if (!mayManageContact(ctx.actor, contact))
    throw forbidden('Only the owner or an admin can erase a contact.', 'contact.owner_only');
  const names = [
    `${contact.firstName} ${contact.lastName}`,
    `${contact.lastName} ${contact.firstName}`,
    contact.lastName,
    contact.firstName,
  ]
    .map((name) => name.trim())
    .filter((name, index, all) => name.length > 1 && all.indexOf(name) === index)
    .sort((a, b) => b.length - a.length);
  const addresses = contact.emails.map((email) => email.address.toLowerCase());
  // Addresses and phones too: they may have been typed into texts, searches and events.
  const values = [
    ...addresses,
    ...contact.phones.map((phone) => phone.number.trim()).filter((n) => n.length > 3),
  ];
  const patterns = [...values, ...names].sort((a, b) => b.length - a.length).map(escapeRegex);
  const touched = await eraseContactRows(ctx.tx, id, patterns, addresses);
  // Other modules' copies (the knowledge sends log…), in the same transaction.
  await ctx.deps.points.contactErased(ctx, id, patterns);
  await writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action: 'contact.erased',
    targetType: 'contact',
    targetId: id,
    ip: ctx.ip,
    details: { activitiesAnonymised: touched },
  });
  await emitEvent(ctx.tx, {
    type: 'contact.updated',
    payload: { contactId: id, accountIds: contact.accounts.map((link) => link.accountId), erased: true },
    actorId: ctx.actor.userId,
  });
  return (await findContact(ctx.tx, id))!;
}
