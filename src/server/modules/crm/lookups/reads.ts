import { attachedFiles, attachFile, detachFiles, findAttachedFile } from './attachments.repository.js';
import {
  accountsByIds,
  accountsOfContact,
  activitiesByIds,
  activitiesMatching,
  activityIdsOfAccount,
  contactsByIds,
  findVisibleAccount,
  findVisibleContact,
  findVisibleOffer,
  productsByIds,
} from './lookups.repository.js';

/**
 * The CRM's read functions for other modules (knowledge), handed over by the composition root
 * (modules/index.ts), so that their SQL never names a CRM table. Each runs under the caller's RLS.
 */
export const crmReads = {
  findVisibleAccount,
  accountsByIds,
  findVisibleContact,
  findVisibleOffer,
  contactsByIds,
  accountsOfContact,
  productsByIds,
  activitiesByIds,
  activityIdsOfAccount,
  activitiesMatching,
  attachedFiles,
  findAttachedFile,
  attachFile,
  detachFiles,
};
