import { z } from 'zod';
import type { Queryable } from '../../../db/client.js';
import { validationError } from '../../../platform/errors.js';
import { findAccountIdsByKey, findUsedAddresses } from './import.repository.js';

/** The contact fields a CSV column can map to. */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'title',
  'email',
  'email2',
  'phone',
  'mobile',
  'account',
  'role',
  'emailConsent',
  'consentAt',
  'consentSource',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Partial<Record<ImportField, string>>;
export const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1).max(200));

/** Header names people use, in French and English (compared without accents, case, spaces or punctuation). */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ['prenom', 'firstname', 'givenname', 'first'],
  lastName: ['nom', 'nomdefamille', 'lastname', 'surname', 'familyname', 'last'],
  fullName: ['nomcomplet', 'fullname', 'name', 'contact', 'prenomnom', 'nomprenom'],
  title: ['fonction', 'poste', 'titre', 'title', 'jobtitle', 'position', 'intitule'],
  email: [
    'email',
    'mail',
    'courriel',
    'adresseemail',
    'adressemail',
    'emailaddress',
    'email1',
    'adressecourriel',
  ],
  email2: ['email2', 'mail2', 'courriel2', 'emailsecondaire', 'otheremail', 'secondaryemail'],
  phone: [
    'telephone',
    'tel',
    'phone',
    'phonenumber',
    'telephonefixe',
    'workphone',
    'telfixe',
    'telephonebureau',
  ],
  mobile: [
    'mobile',
    'portable',
    'cell',
    'cellphone',
    'telephoneportable',
    'mobilephone',
    'telportable',
    'telmobile',
  ],
  account: [
    'societe',
    'entreprise',
    'compte',
    'company',
    'account',
    'organisation',
    'organization',
    'raisonsociale',
    'companyname',
    'client',
  ],
  role: ['role', 'roledanslecompte', 'accountrole', 'roleinaccount'],
  emailConsent: [
    'consentement',
    'consentementemail',
    'optin',
    'consent',
    'emailconsent',
    'emailoptin',
    'accordemail',
  ],
  consentAt: ['dateconsentement', 'dateoptin', 'consentdate', 'optindate', 'consentat'],
  consentSource: ['sourceconsentement', 'sourceoptin', 'consentsource', 'optinsource', 'source'],
  notes: ['notes', 'note', 'commentaire', 'commentaires', 'comments', 'comment', 'remarques'],
};

export const normaliseHeader = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Suggests a mapping from header names (each field and each header used at most once). */
export function suggestMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const header = headers.find(
      (candidate) => !used.has(candidate) && SYNONYMS[field].includes(normaliseHeader(candidate)),
    );
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  if (mapping.fullName && (mapping.firstName || mapping.lastName)) delete mapping.fullName;
  return mapping;
}

/** 400 when the mapping names a header the file lacks, or maps no name at all. */
export function checkMapping(mapping: Mapping, headers: string[]) {
  const errors = Object.entries(mapping)
    .filter(([, header]) => !headers.includes(header!))
    .map(([field, header]) => ({
      field: `mapping.${field}`,
      message: `The file has no column "${header}".`,
      code: 'unknown_column',
    }));
  if (!mapping.firstName && !mapping.lastName && !mapping.fullName)
    errors.push({
      field: 'mapping.lastName',
      message: 'Map a column to the last name, first name or full name.',
      code: 'required',
    });
  if (errors.length) throw validationError(errors, 'The column mapping does not fit this file.');
}

export type RowError = { row: number; field: string; message: string; code: string };
export type ImportRow = {
  row: number;
  firstName: string;
  lastName: string;
  title: string | null;
  emails: { address: string; label: string }[];
  phones: { number: string; label: string }[];
  accountName: string | null;
  role: string | null;
  emailConsent: boolean;
  consentAt: string | null;
  consentSource: string | null;
  notes: string | null;
};

const emailCheck = z.string().email().max(254);
const PHONE = /^[+0-9 ().\-/]{3,40}$/;
const YES = new Set(['oui', 'yes', 'true', '1', 'x', 'o', 'y', 'vrai']);
const NO = new Set(['', 'non', 'no', 'false', '0', 'n', 'faux']);

function parseDate(value: string): string | null {
  const french = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : value;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Turns one mapped record (field → raw text) into a contact row, or field errors. */
export function validateRecord(
  values: Partial<Record<ImportField, string>>,
  row: number,
): { value?: ImportRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const text = (field: ImportField, max: number) => {
    const value = (values[field] ?? '').trim();
    if (value.length > max)
      errors.push({ row, field, message: `At most ${max} characters.`, code: 'too_long' });
    return value;
  };
  let firstName = text('firstName', 100);
  let lastName = text('lastName', 100);
  const fullName = text('fullName', 200);
  if (!firstName && !lastName && fullName) {
    const parts = fullName.split(/\s+/);
    firstName = parts.length > 1 ? parts.slice(0, -1).join(' ') : '';
    lastName = parts[parts.length - 1];
  }
  if (!firstName && !lastName)
    errors.push({ row, field: 'lastName', message: 'A first or last name is required.', code: 'required' });
  const emails: ImportRow['emails'] = [];
  for (const [field, label] of [
    ['email', 'work'],
    ['email2', 'other'],
  ] as const) {
    const address = text(field, 254).toLowerCase();
    if (!address) continue;
    if (!emailCheck.safeParse(address).success)
      errors.push({ row, field, message: `"${address}" is not an e-mail address.`, code: 'invalid_email' });
    else if (!emails.some((email) => email.address === address)) emails.push({ address, label });
  }
  const phones: ImportRow['phones'] = [];
  for (const [field, label] of [
    ['phone', 'work'],
    ['mobile', 'mobile'],
  ] as const) {
    const number = text(field, 40);
    if (!number) continue;
    if (!PHONE.test(number))
      errors.push({ row, field, message: `"${number}" is not a phone number.`, code: 'invalid_phone' });
    else phones.push({ number, label });
  }
  const consentText = normaliseHeader(values.emailConsent ?? '');
  let emailConsent = false;
  if (YES.has(consentText)) emailConsent = true;
  else if (!NO.has(consentText))
    errors.push({
      row,
      field: 'emailConsent',
      message: 'Expected yes/no (oui/non, 1/0).',
      code: 'invalid_boolean',
    });
  const consentRaw = text('consentAt', 40);
  let consentAt: string | null = null;
  if (consentRaw) {
    consentAt = parseDate(consentRaw);
    if (!consentAt)
      errors.push({
        row,
        field: 'consentAt',
        message: 'Expected a date (YYYY-MM-DD or DD/MM/YYYY).',
        code: 'invalid_date',
      });
  }
  const value: ImportRow = {
    row,
    firstName,
    lastName,
    title: text('title', 150) || null,
    emails,
    phones,
    accountName: text('account', 200) || null,
    role: text('role', 120) || null,
    emailConsent,
    consentAt: emailConsent ? (consentAt ?? new Date().toISOString()) : consentAt,
    consentSource: text('consentSource', 200) || (emailConsent ? 'import' : null),
    notes: text('notes', 10_000) || null,
  };
  return errors.length ? { errors } : { value, errors };
}

/** Applies the mapping to CSV records and validates each (rows numbered as in a spreadsheet: header = 1). */
export function mapRecords(records: Record<string, string>[], mapping: Mapping) {
  return records.map((record, index) => {
    const values: Partial<Record<ImportField, string>> = {};
    for (const [field, header] of Object.entries(mapping))
      values[field as ImportField] = record[header!] ?? '';
    return validateRecord(values, index + 2);
  });
}

const accountKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Cross-row checks against the database (under the caller's RLS): an e-mail already held by a
 * visible contact, or repeated in the file, is an error; account names resolve to visible accounts
 * (those not found will be created as prospects).
 */
export async function resolveAgainstDatabase(tx: Queryable, rows: ImportRow[]) {
  const errors: RowError[] = [];
  const addresses = [...new Set(rows.flatMap((row) => row.emails.map((email) => email.address)))];
  const existing = await findUsedAddresses(tx, addresses);
  const seen = new Map<string, number>();
  const valid: ImportRow[] = [];
  for (const row of rows) {
    const duplicate = row.emails.find((email) => existing.has(email.address) || seen.has(email.address));
    if (duplicate) {
      const where = existing.has(duplicate.address)
        ? 'an existing contact'
        : `row ${seen.get(duplicate.address)}`;
      errors.push({
        row: row.row,
        field: row.emails[0] === duplicate ? 'email' : 'email2',
        message: `${duplicate.address} is already used by ${where}.`,
        code: 'duplicate',
      });
      continue;
    }
    row.emails.forEach((email) => seen.set(email.address, row.row));
    valid.push(row);
  }
  const names = [
    ...new Set(valid.map((row) => row.accountName).filter((name): name is string => Boolean(name))),
  ];
  const accounts = await findAccountIdsByKey(tx, names.map(accountKey));
  const newAccounts = [
    ...new Map(
      names.filter((name) => !accounts.has(accountKey(name))).map((name) => [accountKey(name), name]),
    ).values(),
  ];
  return { valid, errors, accounts, newAccounts, accountKey };
}
