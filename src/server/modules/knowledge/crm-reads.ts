import type { Queryable } from '../../db/client.js';
import type { Visibility } from '../../../common/roles.js';

/**
 * What knowledge reads of CRM records (accounts, contacts, products, activities) and the files it
 * attaches to its items, so that its SQL never names a CRM table. The CRM publishes these
 * functions (`crmReads`) and the composition root (modules/index.ts) hands them over with
 * `readCrmThrough`: knowledge imports nothing of the CRM, and the CRM (whose brief shows
 * knowledge) may import knowledge without an import cycle. Each runs in the caller's
 * transaction, under its row-level security: a record the caller may not see is absent.
 */
export type CrmAccount = {
  id: string;
  name: string;
  ownerId: string;
  teamId: string | null;
  visibility: Visibility;
};
export type CrmContact = {
  id: string;
  firstName: string;
  lastName: string;
  emails: { address?: string }[];
  emailConsent: boolean;
  erasedAt: string | null;
  visibility: Visibility;
  teamId: string | null;
  ownerId: string;
};
export type CrmProduct = { id: string; reference: string; name: string; descriptionMd: string | null };
export type CrmActivity = {
  id: string;
  subject: string;
  bodyMd: string;
  report: Record<string, unknown> | null;
  accountId: string | null;
  ownerId: string;
  visibility: Visibility;
};
export type CrmFile = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
};

export type CrmReads = {
  findVisibleAccount(tx: Queryable, accountId: string): Promise<CrmAccount | null>;
  accountsByIds(tx: Queryable, ids: string[]): Promise<CrmAccount[]>;
  findVisibleContact(tx: Queryable, contactId: string): Promise<CrmContact | null>;
  contactsByIds(tx: Queryable, ids: string[]): Promise<CrmContact[]>;
  /** The contact's accounts the caller sees, its primary one first. */
  accountsOfContact(
    tx: Queryable,
    contactId: string,
  ): Promise<{ accountId: string; teamId: string | null; visibility: Visibility }[]>;
  /** By name. */
  productsByIds(tx: Queryable, ids: string[]): Promise<CrmProduct[]>;
  activitiesByIds(tx: Queryable, ids: string[]): Promise<CrmActivity[]>;
  /** Those of `ids` that are the account's activities the caller sees. */
  activityIdsOfAccount(tx: Queryable, accountId: string, ids: string[]): Promise<string[]>;
  /** Those of `ids` whose text matches the tsquery, with each lexeme's count in the subject and the text. */
  activitiesMatching(
    tx: Queryable,
    ids: string[],
    tsquery: string,
  ): Promise<
    (CrmActivity & {
      terms: { length: number; subject: Record<string, number>; text: Record<string, number> };
    })[]
  >;
  attachedFiles(tx: Queryable, parentType: string, parentId: string): Promise<CrmFile[]>;
  findAttachedFile(tx: Queryable, parentType: string, parentId: string, id: string): Promise<CrmFile | null>;
  attachFile(
    tx: Queryable,
    file: {
      parentType: string;
      parentId: string;
      fileName: string;
      contentType: string;
      size: number;
      sha256: string;
      userId: string;
    },
  ): Promise<string>;
  detachFiles(tx: Queryable, parentType: string, parentId: string): Promise<void>;
};

let reads: CrmReads | undefined;

/** Called once by the composition root with the CRM's published read functions. */
export function readCrmThrough(crmReads: CrmReads): void {
  reads = crmReads;
}

/** The CRM's read functions (handed over at start). */
export function crm(): CrmReads {
  if (!reads) throw new Error('Knowledge reads CRM records through readCrmThrough(crmReads): call it first.');
  return reads;
}
