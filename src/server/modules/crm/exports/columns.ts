import type { Contact } from '../contacts/contacts.schemas.js';
import type { CsvColumn } from './csv-export.js';

const c = (key: string, fr: string, en: string): CsvColumn => ({ key, fr, en });

/**
 * Contacts, in the columns the import recognises by name (CRM-2): one e-mail and one phone
 * per cell, the main account in "Société", so an export re-imports field for field.
 */
export const CONTACT_COLUMNS: CsvColumn[] = [
  c('id', 'id', 'id'),
  c('firstName', 'Prénom', 'First name'),
  c('lastName', 'Nom', 'Last name'),
  c('title', 'Fonction', 'Job title'),
  c('email', 'E-mail', 'E-mail'),
  c('email2', 'E-mail 2', 'E-mail 2'),
  c('phone', 'Téléphone', 'Phone'),
  c('mobile', 'Mobile', 'Mobile'),
  c('account', 'Société', 'Company'),
  c('role', 'Rôle', 'Role'),
  c('emailConsent', 'Consentement', 'E-mail consent'),
  c('consentAt', 'Date consentement', 'Consent date'),
  c('consentSource', 'Source consentement', 'Consent source'),
  c('notes', 'Notes', 'Notes'),
  c('ownerName', 'Propriétaire', 'Owner'),
  c('visibility', 'Confidentialité', 'Confidentiality'),
  c('updatedAt', 'Modifié le', 'Updated at'),
];

/** A contact as one CSV row of CONTACT_COLUMNS. */
export function contactCsvRow(contact: Contact, locale: 'fr' | 'en') {
  const mobile = contact.phones.find((phone) => phone.label === 'mobile');
  const phone = contact.phones.find((candidate) => candidate !== mobile);
  const main = contact.accounts.find((link) => link.isPrimary) ?? contact.accounts[0];
  return {
    ...contact,
    email: contact.emails[0]?.address ?? '',
    email2: contact.emails[1]?.address ?? '',
    phone: phone?.number ?? '',
    mobile: mobile?.number ?? '',
    account: main?.accountName ?? '',
    role: main?.role ?? '',
    emailConsent: contact.emailConsent ? (locale === 'fr' ? 'oui' : 'yes') : locale === 'fr' ? 'non' : 'no',
  };
}

export const ACCOUNT_COLUMNS: CsvColumn[] = [
  c('id', 'id', 'id'),
  c('name', 'Nom', 'Name'),
  c('kind', 'Type', 'Kind'),
  c('siren', 'SIREN', 'SIREN'),
  c('siret', 'SIRET', 'SIRET'),
  c('sector', 'Secteur', 'Sector'),
  c('size', 'Taille', 'Size'),
  c('segment', 'Segment', 'Segment'),
  c('tags', 'Étiquettes', 'Tags'),
  c('addressLine', 'Adresse', 'Address'),
  c('postalCode', 'Code postal', 'Postal code'),
  c('city', 'Ville', 'City'),
  c('country', 'Pays', 'Country'),
  c('phone', 'Téléphone', 'Phone'),
  c('website', 'Site web', 'Website'),
  c('ownerName', 'Propriétaire', 'Owner'),
  c('teamName', 'Équipe', 'Team'),
  c('visibility', 'Confidentialité', 'Confidentiality'),
  c('contactCount', 'Contacts', 'Contacts'),
  c('createdAt', 'Créé le', 'Created at'),
  c('updatedAt', 'Modifié le', 'Updated at'),
];

export const OFFER_COLUMNS: CsvColumn[] = [
  c('id', 'id', 'id'),
  c('title', 'Titre', 'Title'),
  c('accountName', 'Compte', 'Account'),
  c('contactName', 'Contact', 'Contact'),
  c('stageName', 'Étape', 'Stage'),
  c('probability', 'Probabilité (%)', 'Probability (%)'),
  c('amount', 'Montant', 'Amount'),
  c('currency', 'Devise', 'Currency'),
  c('expectedCloseDate', 'Clôture prévue', 'Expected close'),
  c('closedAt', 'Clôturée le', 'Closed at'),
  c('closeReason', 'Raison', 'Reason'),
  c('competitor', 'Concurrent', 'Competitor'),
  c('ownerName', 'Propriétaire', 'Owner'),
  c('visibility', 'Confidentialité', 'Confidentiality'),
  c('createdAt', 'Créée le', 'Created at'),
];

export const ACTIVITY_COLUMNS: CsvColumn[] = [
  c('id', 'id', 'id'),
  c('kind', 'Type', 'Kind'),
  c('subject', 'Objet', 'Subject'),
  c('occurredAt', 'Date', 'Date'),
  c('dueDate', 'Échéance', 'Due date'),
  c('doneAt', 'Fait le', 'Done at'),
  c('accountName', 'Compte', 'Account'),
  c('offerTitle', 'Offre', 'Offer'),
  c('contacts', 'Contacts', 'Contacts'),
  c('ownerName', 'Auteur', 'Owner'),
  c('objectives', 'Objectifs', 'Objectives'),
  c('outcome', 'Résultat', 'Outcome'),
  c('nextSteps', 'Prochaines étapes', 'Next steps'),
  c('visibility', 'Confidentialité', 'Confidentiality'),
];

export const PRODUCT_COLUMNS: CsvColumn[] = [
  c('reference', 'Référence', 'Reference'),
  c('name', 'Nom', 'Name'),
  c('category', 'Catégorie', 'Category'),
  c('unitPrice', 'Prix unitaire', 'Unit price'),
  c('discountPercent', 'Remise (%)', 'Discount (%)'),
  c('currency', 'Devise', 'Currency'),
  c('active', 'Actif', 'Active'),
  c('updatedAt', 'Modifié le', 'Updated at'),
];

/** File names in the reader's language. */
export const exportFileName = (
  what: 'contacts' | 'accounts' | 'offers' | 'activities' | 'products',
  locale: 'fr' | 'en',
) =>
  `${locale === 'fr' ? { contacts: 'contacts', accounts: 'comptes', offers: 'offres', activities: 'activites', products: 'produits' }[what] : what}.csv`;
