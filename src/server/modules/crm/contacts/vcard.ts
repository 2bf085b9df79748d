import ICAL from 'ical.js';
import { z } from 'zod';
import type { Contact } from './contacts.schemas.js';
import { validateRecord, type RowError } from './import-rows.js';
import type { Candidate } from './import.service.js';

/*
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) through ical.js, which implements both design sets
 * (parsing, escaping, folding). Consent travels in X-RELAIS-CONSENT-AT / -SOURCE properties.
 */

const PHONE_TYPE: Record<string, string> = { mobile: 'cell', work: 'work', home: 'home', other: 'voice' };
const phoneLabel = (types: string[]) =>
  types.includes('cell') ? 'mobile' : types.includes('home') ? 'home' : 'work';

function contactCard(contact: Contact, version: '3.0' | '4.0') {
  const card = new ICAL.Component(['vcard', [], []]);
  card.addPropertyWithValue('version', version);
  const n = new ICAL.Property('n', card);
  // A structured value (family; given; additional; prefixes; suffixes) is set as a list.
  n.setValue([contact.lastName, contact.firstName, '', '', '']);
  card.addProperty(n);
  card.addPropertyWithValue('fn', contact.displayName === '—' ? '' : contact.displayName);
  for (const email of contact.emails)
    card
      .addPropertyWithValue('email', email.address)
      .setParameter('type', email.label === 'home' ? 'home' : 'work');
  for (const phone of contact.phones)
    card.addPropertyWithValue('tel', phone.number).setParameter('type', PHONE_TYPE[phone.label] ?? 'voice');
  if (contact.title) card.addPropertyWithValue('title', contact.title);
  const primary = contact.accounts[0];
  if (primary) {
    const org = new ICAL.Property('org', card);
    org.setValue([primary.accountName]);
    card.addProperty(org);
    if (primary.role) card.addPropertyWithValue('role', primary.role);
  }
  if (contact.notes) card.addPropertyWithValue('note', contact.notes);
  if (contact.emailConsent && contact.consentAt) {
    card.addPropertyWithValue('x-relais-consent-at', contact.consentAt);
    if (contact.consentSource) card.addPropertyWithValue('x-relais-consent-source', contact.consentSource);
  }
  card.addPropertyWithValue(version === '4.0' ? 'uid' : 'uid', `urn:uuid:${contact.id}`);
  card.addPropertyWithValue('rev', contact.updatedAt.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, ''));
  return card.toString();
}

/** Serialises contacts as one .vcf file (CRLF line ends, as both RFCs require). */
export function toVcf(contacts: Contact[], version: '3.0' | '4.0'): string {
  return contacts
    .filter((contact) => !contact.erasedAt)
    .map((contact) => contactCard(contact, version).replace(/\r?\n/g, '\r\n') + '\r\n')
    .join('');
}

const emailCheck = z.string().email().max(254);

const text = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(' ');
  return value == null ? '' : String(value);
};

/**
 * Parses a .vcf file holding one or more vCards (3.0 or 4.0) into import candidates; a card
 * that cannot be read, or of another version, is a row error (row = the card's position, from 1).
 */
export function parseVcf(source: string): Candidate[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source.replace(/^\ufeff/, ''));
  } catch (error) {
    return [
      {
        errors: [
          {
            row: 1,
            field: 'file',
            message: `Not a readable vCard file: ${(error as Error).message}`.slice(0, 300),
            code: 'invalid_vcard',
          },
        ],
      },
    ];
  }
  // ical.js gives one jCard (['vcard', …]) for a single card, else a list of them.
  const cards = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  return cards.map((jcard, index) => {
    const row = index + 1;
    if (!Array.isArray(jcard) || jcard[0] !== 'vcard')
      return { errors: [{ row, field: 'file', message: 'Not a vCard.', code: 'invalid_vcard' }] };
    const card = new ICAL.Component(jcard);
    const version = text(card.getFirstPropertyValue('version'));
    if (version !== '3.0' && version !== '4.0')
      return {
        errors: [
          {
            row,
            field: 'version',
            message: `vCard version ${version || '?'} is not supported (3.0 or 4.0).`,
            code: 'unsupported_version',
          },
        ],
      };
    const n = card.getFirstPropertyValue('n') as unknown;
    const names = Array.isArray(n) ? n.map(text) : typeof n === 'string' ? n.split(';') : [];
    const org = card.getFirstPropertyValue('org') as unknown;
    const consentAt = text(card.getFirstPropertyValue('x-relais-consent-at'));
    const result = validateRecord(
      {
        lastName: names[0] ?? '',
        firstName: names[1] ?? '',
        fullName: text(card.getFirstPropertyValue('fn')),
        title: text(card.getFirstPropertyValue('title')),
        account: Array.isArray(org) ? text(org[0]) : text(org),
        role: text(card.getFirstPropertyValue('role')),
        notes: text(card.getFirstPropertyValue('note')),
        emailConsent: consentAt ? 'oui' : 'non',
        consentAt,
        consentSource: text(card.getFirstPropertyValue('x-relais-consent-source')),
      },
      row,
    );
    const errors: RowError[] = [...result.errors];
    const emails = card.getAllProperties('email').map((property) => ({
      address: text(property.getFirstValue())
        .replace(/^mailto:/i, '')
        .trim()
        .toLowerCase(),
      types: [property.getParameter('type')].flat().map((t) => text(t).toLowerCase()),
    }));
    const phones = card.getAllProperties('tel').map((property) => ({
      number: text(property.getFirstValue()).replace(/^tel:/i, '').trim(),
      types: [property.getParameter('type')].flat().map((t) => text(t).toLowerCase()),
    }));
    for (const email of emails)
      if (!emailCheck.safeParse(email.address).success)
        errors.push({
          row,
          field: 'email',
          message: `"${email.address}" is not an e-mail address.`,
          code: 'invalid_email',
        });
    for (const phone of phones)
      if (!/^[+0-9 ().\-/]{3,40}$/.test(phone.number))
        errors.push({
          row,
          field: 'phone',
          message: `"${phone.number}" is not a phone number.`,
          code: 'invalid_phone',
        });
    if (errors.length || !result.value) return { errors };
    const unique = [...new Map(emails.map((email) => [email.address, email])).values()];
    return {
      errors,
      value: {
        ...result.value,
        emails: unique.slice(0, 10).map((email) => ({
          address: email.address,
          label: email.types.includes('home') ? 'home' : 'work',
        })),
        phones: phones
          .slice(0, 10)
          .map((phone) => ({ number: phone.number, label: phoneLabel(phone.types) })),
      },
    };
  });
}
