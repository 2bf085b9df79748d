import type { Queryable } from '../../../db/client.js';

/**
 * What push needs to know of other modules' records, as typed functions those modules export
 * from their `index.ts` and the composition root (`modules/index.ts`) hands to push. Push's own
 * SQL then names only push tables; each answer is read under the row-level security of the
 * transaction it is given (the caller's, or the system's in event handlers).
 */

/** How many of some records a user owns, counted as that user may see them (ID-3). */
export type OwnerCount = { ownerId: string; count: number };

/** A knowledge item as push's "who is concerned" reads it (PUSH-3). */
export type KnowledgeItemFacts = {
  id: string;
  type: string;
  status: string;
  title: string;
  tags: string[];
  accountIds: string[];
};

/** The CRM's share: accounts, products and offers. */
export type CrmPushSource = {
  /** Users owning a live account of one of these markets (lower-cased), as the transaction may see. */
  marketAccountOwners(
    tx: Queryable,
    market: { segments: string[]; sectors: string[]; countries: string[] },
  ): Promise<string[]>;
  /** Owners of these accounts, each with how many of them they may see. */
  accountOwners(tx: Queryable, accountIds: string[]): Promise<OwnerCount[]>;
  /** Owners of accounts of these segments (lower-cased), each with how many they may see. */
  segmentAccountOwners(tx: Queryable, segments: string[]): Promise<OwnerCount[]>;
  /** Owners of open offers with this product, each with how many of those offers they may see. */
  openOfferOwners(tx: Queryable, productId: string): Promise<OwnerCount[]>;
  productLabel(tx: Queryable, productId: string): Promise<{ name: string; reference: string } | null>;
  productExists(tx: Queryable, productId: string): Promise<boolean>;
  accountExists(tx: Queryable, accountId: string): Promise<boolean>;
};

/** Knowledge's share: items and customer situations. */
export type KnowledgePushSource = {
  /** The items among `ids` the transaction may see, by title. */
  visibleKnowledge(tx: Queryable, ids: string[]): Promise<{ id: string; title: string; type: string }[]>;
  /** Whether `userId` may see the item (checked on their behalf, for notifications). */
  knowledgeVisibleTo(tx: Queryable, userId: string, itemId: string): Promise<boolean>;
  knowledgeItemFacts(tx: Queryable, itemId: string): Promise<KnowledgeItemFacts | null>;
  /** Situations that link the item. */
  situationsOfItem(tx: Queryable, itemId: string): Promise<string[]>;
  /** Accounts confirmed in one of these situations. */
  accountsInSituations(tx: Queryable, situationIds: string[]): Promise<string[]>;
  situationName(tx: Queryable, situationId: string): Promise<string | null>;
  situationExists(tx: Queryable, situationId: string): Promise<boolean>;
  knowledgeExists(tx: Queryable, itemId: string): Promise<boolean>;
};

export type PushSources = { crm: CrmPushSource; knowledge: KnowledgePushSource };

const none = async () => [];
const nothing = async () => null;
const no = async () => false;

/** Without the CRM or knowledge (a module not installed): nothing of theirs exists. */
export const NO_SOURCES: PushSources = {
  crm: {
    marketAccountOwners: none,
    accountOwners: none,
    segmentAccountOwners: none,
    openOfferOwners: none,
    productLabel: nothing,
    productExists: no,
    accountExists: no,
  },
  knowledge: {
    visibleKnowledge: none,
    knowledgeVisibleTo: no,
    knowledgeItemFacts: nothing,
    situationsOfItem: none,
    accountsInSituations: none,
    situationName: nothing,
    situationExists: no,
    knowledgeExists: no,
  },
};
